import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { campaignAdminApi, type CampaignStatus, type CopyInput, type TeamChoice } from "../api";
import { keys } from "./keys";

/** A campaign's status, archive flag or teams changed: the list (and the header's select) follows. */
const refreshCampaigns = (client: QueryClient) => client.invalidateQueries({ queryKey: keys.campaigns() });

export function useCopyCampaign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ sourceId, input, file }: { sourceId: number; input: CopyInput; file: string | null }) =>
      campaignAdminApi.copy(sourceId, input, file),
    // A copy from another file may bring clients, contracts and teams along.
    onSuccess: () => Promise.all([refreshCampaigns(client), client.invalidateQueries({ queryKey: keys.teams() }), client.invalidateQueries({ queryKey: keys.people() })]),
  });
}

export function useDeleteCampaign(campaignId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (typedName: string) => campaignAdminApi.remove(campaignId, typedName),
    onSuccess: () => Promise.all([refreshCampaigns(client), client.removeQueries({ queryKey: ["campaign", campaignId] })]),
  });
}

export function useSetCampaignStatus(campaignId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (status: CampaignStatus) => campaignAdminApi.setStatus(campaignId, status),
    onSuccess: () => refreshCampaigns(client),
  });
}

export function useArchiveCampaign(campaignId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (archived: boolean) => campaignAdminApi.archive(campaignId, archived),
    onSuccess: () => refreshCampaigns(client),
  });
}

export function useSetCampaignTeams(campaignId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (teams: TeamChoice) => campaignAdminApi.setTeams(campaignId, teams),
    onSuccess: () => Promise.all([refreshCampaigns(client), client.invalidateQueries({ queryKey: keys.teams() })]),
  });
}
