import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { awardApi, type AchievementInput, type AwardInput, type Scope } from "../api";
import { keys } from "./keys";
import { invalidateAreas } from "./client";

export const useAwards = (campaignId: number) => useQuery({ queryKey: keys.awards(campaignId), queryFn: () => awardApi.list(campaignId) });
export const useMetrics = (campaignId: number) => useQuery({ queryKey: keys.metrics(campaignId), queryFn: () => awardApi.metrics(campaignId) });
export const useStandings = (campaignId: number, asOf: string | null) =>
  useQuery({ queryKey: keys.standings(campaignId, asOf), queryFn: () => awardApi.standings(campaignId, asOf) });
export const useRankHistory = (campaignId: number, awardId: number | null, scope: Scope, asOf: string | null) =>
  useQuery({
    queryKey: keys.rankHistory(campaignId, awardId ?? 0, scope, asOf),
    queryFn: () => awardApi.history(awardId ?? 0, scope, asOf),
    enabled: awardId !== null,
  });
export const useIncentiveBudget = (campaignId: number, asOf: string | null) =>
  useQuery({ queryKey: keys.incentiveBudget(campaignId, asOf), queryFn: () => awardApi.budget(campaignId, asOf) });

/** Achievements move the standings (and their history); awards also change the award list. */
export function useAwardChanges(campaignId: number) {
  const client = useQueryClient();
  const standingsChanged = () => invalidateAreas(client, campaignId, ["standings"]);
  const awardsChanged = () => invalidateAreas(client, campaignId, ["awards", "standings"]);
  return {
    addAchievement: useMutation({ mutationFn: (input: AchievementInput) => awardApi.addAchievement(campaignId, input), onSuccess: standingsChanged }),
    lock: useMutation({ mutationFn: (awardId: number) => awardApi.lock(awardId), onSuccess: awardsChanged }),
    save: useMutation({ mutationFn: ({ id, input }: { id: number | null; input: AwardInput }) => awardApi.save(campaignId, id, input), onSuccess: awardsChanged }),
    addMetric: useMutation({
      mutationFn: ({ code, name }: { code: string; name: string }) => awardApi.addMetric(campaignId, code, name),
      onSuccess: () => invalidateAreas(client, campaignId, ["metrics"]),
    }),
    setBudget: useMutation({ mutationFn: (budget: number | null) => awardApi.setBudget(campaignId, budget), onSuccess: standingsChanged }),
    standingsChanged,
  };
}
