import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { warningApi, type ErosionSettings, type WarningFilter, type WarningStatus } from "../api";
import { keys } from "./keys";
import { invalidateAreas } from "./client";

export const useWarnings = (campaignId: number, filter: WarningFilter) =>
  useQuery({ queryKey: keys.warnings(campaignId, filter), queryFn: () => warningApi.list(campaignId, filter) });
export const useWarningSummary = (campaignId: number) => useQuery({ queryKey: keys.warningSummary(campaignId), queryFn: () => warningApi.summary(campaignId) });
export const useWarningThreshold = (campaignId: number) =>
  useQuery({ queryKey: keys.warningThreshold(campaignId), queryFn: () => warningApi.threshold(campaignId) });
export const useWarningErosion = (campaignId: number) =>
  useQuery({ queryKey: keys.warningErosion(campaignId), queryFn: () => warningApi.erosion(campaignId) });
export const useKeyPersonChanges = (campaignId: number, since: string) =>
  useQuery({ queryKey: keys.keyPersonChanges(campaignId, since), queryFn: () => warningApi.keyPersonChanges(campaignId, since) });

export function useWarningChanges(campaignId: number) {
  const client = useQueryClient();
  const warningsChanged = () => invalidateAreas(client, campaignId, ["warnings"]);
  return {
    warningsChanged,
    move: useMutation({
      mutationFn: ({ id, to, note }: { id: number; to: WarningStatus; note: string }) => warningApi.setStatus(id, to, note),
      onSuccess: warningsChanged,
    }),
    saveThreshold: useMutation({
      mutationFn: (dropBp: number) => warningApi.saveThreshold(campaignId, dropBp),
      onSuccess: () => client.invalidateQueries({ queryKey: keys.warningThreshold(campaignId) }),
    }),
    saveErosion: useMutation({
      mutationFn: (settings: ErosionSettings) => warningApi.saveErosion(campaignId, settings),
      onSuccess: () => client.invalidateQueries({ queryKey: keys.warningErosion(campaignId) }),
    }),
    /** A new key person is also the client's own field. */
    recordKeyPerson: useMutation({
      mutationFn: (v: { clientId: number; name: string; phone: string; changedOn: string; note: string }) =>
        warningApi.recordKeyPerson(v.clientId, v.name, v.phone, v.changedOn, v.note),
      onSuccess: (_, v) => Promise.all([invalidateAreas(client, campaignId, ["key-persons", "clients"]), client.invalidateQueries({ queryKey: keys.client(v.clientId) })]),
    }),
  };
}
