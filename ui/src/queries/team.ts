import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { teamApi, type ItemStatus, type WarningStatus } from "../api";

// Team mode's data: every key starts with "team", so leaving the server forgets all of it.
export const teamKeys = {
  all: ["team"] as const,
  campaigns: () => ["team", "campaigns"] as const,
  clients: (campaignId: number, text: string, page: number, size: number) => ["team", "clients", campaignId, text, page, size] as const,
  client: (id: number) => ["team", "client", id] as const,
  items: (campaignId: number, status: ItemStatus | null, page: number, size: number) => ["team", "items", campaignId, status, page, size] as const,
  warnings: (campaignId: number, open: boolean, page: number, size: number) => ["team", "warnings", campaignId, open, page, size] as const,
  standings: (campaignId: number) => ["team", "standings", campaignId] as const,
  audit: (page: number, size: number) => ["team", "audit", page, size] as const,
};

export const useTeamCampaigns = () => useQuery({ queryKey: teamKeys.campaigns(), queryFn: () => teamApi.campaigns() });

export const useTeamClients = (campaignId: number, text: string, page: number, size: number) =>
  useQuery({
    queryKey: teamKeys.clients(campaignId, text, page, size),
    queryFn: () => teamApi.clients(campaignId, text, (page - 1) * size, size),
    placeholderData: keepPreviousData,
  });

export const useTeamClient = (id: number | null) =>
  useQuery({ queryKey: teamKeys.client(id ?? 0), queryFn: () => teamApi.client(id ?? 0), enabled: id != null });

export const useTeamItems = (campaignId: number, status: ItemStatus | null, page: number, size: number) =>
  useQuery({
    queryKey: teamKeys.items(campaignId, status, page, size),
    queryFn: () => teamApi.planItems(campaignId, status, (page - 1) * size, size),
    placeholderData: keepPreviousData,
  });

export const useTeamWarnings = (campaignId: number, open: boolean, page: number, size: number) =>
  useQuery({
    queryKey: teamKeys.warnings(campaignId, open, page, size),
    queryFn: () => teamApi.warnings(campaignId, open, (page - 1) * size, size),
    placeholderData: keepPreviousData,
  });

export const useTeamStandings = (campaignId: number) => useQuery({ queryKey: teamKeys.standings(campaignId), queryFn: () => teamApi.standings(campaignId) });

export const useTeamAudit = (page: number, size: number) =>
  useQuery({ queryKey: teamKeys.audit(page, size), queryFn: () => teamApi.audit((page - 1) * size, size), placeholderData: keepPreviousData });

/** Status changes on the version shown; a stale one comes back with the current row, not thrown. */
export function useTeamChanges() {
  const client = useQueryClient();
  const changed = () => client.invalidateQueries({ queryKey: teamKeys.all });
  return {
    itemStatus: useMutation({
      mutationFn: (v: { id: number; version: number; status: ItemStatus; reason: string }) => teamApi.setItemStatus(v.id, v.version, v.status, null, v.reason),
      onSettled: changed,
    }),
    warningStatus: useMutation({
      mutationFn: (v: { id: number; version: number; status: WarningStatus; note: string }) => teamApi.setWarningStatus(v.id, v.version, v.status, v.note),
      onSettled: changed,
    }),
  };
}
