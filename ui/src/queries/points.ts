import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { pointsApi, type PointScheme } from "../api";
import { keys } from "./keys";
import { invalidateAreas } from "./client";

// Everything of the 积分 page sits under the campaign's "points" area: a change refreshes it all.
const area = (campaignId: number) => keys.area(campaignId, "points");

export const usePointScheme = (campaignId: number) => useQuery({ queryKey: [...area(campaignId), "scheme"], queryFn: () => pointsApi.scheme(campaignId) });
export const usePointPeriods = (campaignId: number) => useQuery({ queryKey: [...area(campaignId), "periods"], queryFn: () => pointsApi.periods(campaignId) });
export const usePointMembers = (campaignId: number, period: string | null, search: string, offset: number) =>
  useQuery({
    queryKey: [...area(campaignId), "members", period, search, offset],
    queryFn: () => pointsApi.members(campaignId, period ?? "", search, 50, offset),
    enabled: period !== null,
  });
export const useStatement = (campaignId: number, memberId: number | null) =>
  useQuery({ queryKey: [...area(campaignId), "statement", memberId], queryFn: () => pointsApi.statement(campaignId, memberId ?? 0), enabled: memberId !== null });

export function usePointChanges(campaignId: number) {
  const client = useQueryClient();
  const changed = () => invalidateAreas(client, campaignId, ["points"]);
  return {
    changed,
    compute: useMutation({ mutationFn: (period: string) => pointsApi.compute(campaignId, period), onSuccess: changed }),
    lock: useMutation({ mutationFn: ({ period, locked }: { period: string; locked: boolean }) => pointsApi.lock(campaignId, period, locked), onSuccess: changed }),
    saveScheme: useMutation({ mutationFn: (scheme: PointScheme) => pointsApi.saveScheme(campaignId, scheme), onSuccess: changed }),
    redeem: useMutation({
      mutationFn: ({ memberId, period, points, reason }: { memberId: number; period: string; points: number; reason: string }) =>
        pointsApi.redeem(campaignId, memberId, period, points, reason),
      onSuccess: changed,
    }),
  };
}
