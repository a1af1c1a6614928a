import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { subsidyApi, type ClientQuery, type RuleTable } from "../api";
import { keys } from "./keys";
import { invalidateAreas } from "./client";

export const useSubsidyRules = (campaignId: number) => useQuery({ queryKey: keys.subsidyRules(campaignId), queryFn: () => subsidyApi.rules(campaignId) });
export const useSubsidyHistory = (campaignId: number) => useQuery({ queryKey: keys.subsidyHistory(campaignId), queryFn: () => subsidyApi.history(campaignId) });
export const useSubsidyTotals = (campaignId: number) => useQuery({ queryKey: keys.subsidyTotals(campaignId), queryFn: () => subsidyApi.totals(campaignId) });
export const useSubsidyClients = (query: ClientQuery, flaggedOnly: boolean, riskFirst: boolean) =>
  useQuery({
    queryKey: keys.subsidyClients(query, flaggedOnly, riskFirst),
    queryFn: () => subsidyApi.clients(query, flaggedOnly, riskFirst),
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === query.campaign_id ? previous : undefined),
  });
export const useClientSubsidy = (campaignId: number, clientId: number) =>
  useQuery({ queryKey: keys.subsidyClient(campaignId, clientId), queryFn: () => subsidyApi.client(campaignId, clientId) });
export const useScenarios = (campaignId: number) => useQuery({ queryKey: keys.scenarios(campaignId), queryFn: () => subsidyApi.scenarios(campaignId) });
export const useComparison = (campaignId: number, scenarioId: number | null) =>
  useQuery({ queryKey: keys.comparison(campaignId, scenarioId ?? 0), queryFn: () => subsidyApi.compare(scenarioId ?? 0), enabled: scenarioId !== null });

/** Rules, overrides and adoption change every subsidy figure, and the "current" side of each comparison. */
function useSubsidyChanged(campaignId: number) {
  const client = useQueryClient();
  return () => invalidateAreas(client, campaignId, ["subsidy", "scenarios"]);
}

export function useSaveRules(campaignId: number) {
  const changed = useSubsidyChanged(campaignId);
  return useMutation({ mutationFn: (table: RuleTable) => subsidyApi.saveRules(campaignId, table), onSuccess: changed });
}

export function useSetOverride(campaignId: number) {
  const changed = useSubsidyChanged(campaignId);
  return useMutation({
    mutationFn: ({ contractId, rateBp, reason }: { contractId: number; rateBp: number; reason: string }) => subsidyApi.setOverride(campaignId, contractId, rateBp, reason),
    onSuccess: changed,
  });
}

export function useClearOverride(campaignId: number) {
  const changed = useSubsidyChanged(campaignId);
  return useMutation({ mutationFn: (contractId: number) => subsidyApi.clearOverride(campaignId, contractId), onSuccess: changed });
}

/** Creating, editing or discarding a scenario touches only the scenarios. */
export function useScenarioChanges(campaignId: number) {
  const client = useQueryClient();
  const scenariosChanged = () => invalidateAreas(client, campaignId, ["scenarios"]);
  const subsidyChanged = useSubsidyChanged(campaignId);
  return {
    create: useMutation({ mutationFn: (name: string) => subsidyApi.createScenario(campaignId, name), onSuccess: scenariosChanged }),
    update: useMutation({ mutationFn: ({ id, table }: { id: number; table: RuleTable }) => subsidyApi.updateScenario(id, table), onSuccess: scenariosChanged }),
    adopt: useMutation({ mutationFn: (id: number) => subsidyApi.adopt(id), onSuccess: subsidyChanged }),
    discard: useMutation({ mutationFn: (id: number) => subsidyApi.discard(id), onSuccess: scenariosChanged }),
  };
}
