import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { goalApi, type GoalInput, type KpiInput, type KpiOwner, type PartInput } from "../api";
import { keys } from "./keys";
import { invalidateAreas } from "./client";

export const useGoals = (campaignId: number) => useQuery({ queryKey: keys.goals(campaignId), queryFn: () => goalApi.goals(campaignId) });
export const useParts = (campaignId: number) => useQuery({ queryKey: keys.parts(campaignId), queryFn: () => goalApi.parts(campaignId) });
export const useKpis = (campaignId: number) => useQuery({ queryKey: keys.kpis(campaignId), queryFn: () => goalApi.kpis(campaignId) });
/** Each KPI's figure and status as of `asOf` (null: today). */
export const useKpiReadings = (campaignId: number, asOf: string | null) =>
  useQuery({ queryKey: keys.kpiReadings(campaignId, asOf), queryFn: () => goalApi.readings(campaignId, asOf) });
export const useKpiValues = (campaignId: number, kpiId: number) =>
  useQuery({ queryKey: keys.kpiValues(campaignId, kpiId), queryFn: () => goalApi.values(kpiId) });
export const useScopeChoices = (campaignId: number) =>
  useQuery({ queryKey: keys.scopeChoices(campaignId), queryFn: () => goalApi.scopeChoices(campaignId) });
export const useKpiMetrics = () => useQuery({ queryKey: keys.kpiMetrics(), queryFn: goalApi.metrics, staleTime: Infinity });

/** Every edit of the skeleton: whatever changes, its lists and the figures are asked again. */
export function useSkeletonChanges(campaignId: number) {
  const client = useQueryClient();
  const changed = () => invalidateAreas(client, campaignId, ["skeleton"]);
  return {
    addGoal: useMutation({ mutationFn: (input: GoalInput) => goalApi.addGoal(campaignId, input), onSuccess: changed }),
    updateGoal: useMutation({ mutationFn: ({ id, input }: { id: number; input: GoalInput }) => goalApi.updateGoal(id, input), onSuccess: changed }),
    removeGoal: useMutation({ mutationFn: (id: number) => goalApi.removeGoal(id), onSuccess: changed }),
    addPart: useMutation({ mutationFn: (input: PartInput) => goalApi.addPart(campaignId, input), onSuccess: changed }),
    updatePart: useMutation({ mutationFn: ({ id, input }: { id: number; input: PartInput }) => goalApi.updatePart(id, input), onSuccess: changed }),
    removePart: useMutation({ mutationFn: (id: number) => goalApi.removePart(id), onSuccess: changed }),
    restoreDefaults: useMutation({ mutationFn: () => goalApi.restoreDefaults(campaignId), onSuccess: changed }),
    addKpi: useMutation({ mutationFn: ({ owner, input }: { owner: KpiOwner; input: KpiInput }) => goalApi.addKpi(campaignId, owner, input), onSuccess: changed }),
    updateKpi: useMutation({ mutationFn: ({ id, input }: { id: number; input: KpiInput }) => goalApi.updateKpi(id, input), onSuccess: changed }),
    removeKpi: useMutation({ mutationFn: (id: number) => goalApi.removeKpi(id), onSuccess: changed }),
    setValue: useMutation({
      mutationFn: ({ id, weekEnd, value }: { id: number; weekEnd: string; value: number }) => goalApi.setValue(id, weekEnd, value),
      onSuccess: changed,
    }),
    clearValue: useMutation({ mutationFn: ({ id, weekEnd }: { id: number; weekEnd: string }) => goalApi.clearValue(id, weekEnd), onSuccess: changed }),
  };
}
