import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { achievementApi, type AchievementInput, type AchievementQuery } from "../api";
import { keys } from "./keys";
import { invalidateAreas } from "./client";

// Kept under the campaign's "standings" area: whatever moves the standings (an achievement added,
// imported, corrected or deleted) refreshes the list and its log too, and the other way round.
const standings = (campaignId: number) => keys.area(campaignId, "standings");

export const useAchievements = (campaignId: number, query: AchievementQuery) =>
  useQuery({ queryKey: [...standings(campaignId), "achievements", query], queryFn: () => achievementApi.list(campaignId, query) });

export const useAchievementLog = (campaignId: number, limit: number, offset: number) =>
  useQuery({ queryKey: [...standings(campaignId), "achievement-log", limit, offset], queryFn: () => achievementApi.log(campaignId, limit, offset) });

/** Which metrics need an industry and which industries the per-industry rankings list; awards change it. */
export const useAchievementRules = (campaignId: number) =>
  useQuery({ queryKey: [...keys.awards(campaignId), "achievement-rules"], queryFn: () => achievementApi.rules(campaignId) });

export function useAchievementChanges(campaignId: number) {
  const client = useQueryClient();
  const changed = () => invalidateAreas(client, campaignId, ["standings"]);
  return {
    correct: useMutation({
      mutationFn: ({ id, input }: { id: number; input: AchievementInput }) => achievementApi.correct(campaignId, id, input),
      onSuccess: changed,
    }),
    remove: useMutation({ mutationFn: (id: number) => achievementApi.remove(campaignId, id), onSuccess: changed }),
  };
}
