import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { planApi, type ItemKind, type PlanFilter } from "../api";
import { keys } from "./keys";
import { invalidateAreas } from "./client";

export const usePlans = (campaignId: number, filter: PlanFilter) => useQuery({ queryKey: keys.plans(campaignId, filter), queryFn: () => planApi.list(campaignId, filter) });
export const useWorkload = (campaignId: number) => useQuery({ queryKey: keys.workload(campaignId), queryFn: () => planApi.workload(campaignId) });
export const useTimeline = (campaignId: number) => useQuery({ queryKey: keys.timeline(campaignId), queryFn: () => planApi.timeline(campaignId) });
export const useTemplate = (campaignId: number) => useQuery({ queryKey: keys.template(campaignId), queryFn: () => planApi.template(campaignId) });
export const usePlan = (id: number) => useQuery({ queryKey: keys.plan(id), queryFn: () => planApi.get(id) });
export const usePlanLog = (id: number) => useQuery({ queryKey: keys.planLog(id), queryFn: () => planApi.log(id) });

/**
 * Any change to plans or their items: the plan lists, workload and timeline of every campaign
 * (a drawer does not know its campaign), the plan itself with its log, the standings (plan
 * completion is a component of the overall awards) and the client lists' plan gap.
 */
export function usePlansChanged() {
  const client = useQueryClient();
  return (planId?: number) => Promise.all([
    // The client lists too: "without a plan" (the gap filter, 待建方案) changes with them.
    invalidateAreas(client, null, ["plans", "standings", "clients", "summary"]),
    client.invalidateQueries({ queryKey: planId === undefined ? ["plan"] : keys.plan(planId) }),
  ]);
}

/** A command on a plan or its items, refreshing what it changes. */
export function usePlanCommand(planId?: number) {
  const changed = usePlansChanged();
  return useMutation({ mutationFn: (work: () => Promise<unknown>) => work(), onSuccess: () => changed(planId) });
}

export function useCreatePlan(campaignId: number) {
  const changed = usePlansChanged();
  return useMutation({ mutationFn: ({ clientId, goal }: { clientId: number; goal: string }) => planApi.create(campaignId, clientId, goal), onSuccess: () => changed() });
}

export function useSaveTemplate(campaignId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (items: [ItemKind, string][]) => planApi.saveTemplate(campaignId, items),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.template(campaignId) }),
  });
}
