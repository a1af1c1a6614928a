import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, importApi, type CampaignInput, type RiskSettings, type TeamChoice } from "../api";
import { keys } from "./keys";
import { invalidateAreas } from "./client";

export const useCampaigns = (enabled = true) => useQuery({ queryKey: keys.campaigns(), queryFn: api.campaigns, enabled });
export const useCampaignSummary = (campaignId: number) => useQuery({ queryKey: keys.summary(campaignId), queryFn: () => api.campaignSummary(campaignId) });
export const useTeams = () => useQuery({ queryKey: keys.teams(), queryFn: api.teams });
export const usePeople = () => useQuery({ queryKey: keys.people(), queryFn: api.people });

/** 新建活动: the list gains it. */
export function useCreateCampaign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ input, teams, fromDefaults }: { input: CampaignInput; teams: TeamChoice; fromDefaults: boolean }) =>
      api.createCampaign(input, teams, fromDefaults),
    // New team names become teams, so the team lists change too.
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: keys.campaigns() }), client.invalidateQueries({ queryKey: keys.teams() }), client.invalidateQueries({ queryKey: ["org"] })]),
  });
}

/** A campaign's name, dates or budget: the list, its summary and the budget line change. */
export function useUpdateCampaign(campaignId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CampaignInput) => api.updateCampaign(campaignId, input),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: keys.campaigns() }), invalidateAreas(client, campaignId, ["summary", "subsidy", "scenarios"])]),
  });
}

/** The risk thresholds: which targets are flagged changes wherever flags are shown or filtered. */
export function useSaveRisk(campaignId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: RiskSettings) => importApi.saveRisk(campaignId, settings),
    onSuccess: () => Promise.all([
      client.invalidateQueries({ queryKey: keys.campaigns() }),
      invalidateAreas(client, campaignId, ["summary", "clients", "client-risks", "subsidy"]),
    ]),
  });
}
