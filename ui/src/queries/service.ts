import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { serviceApi, type FibreStatus, type FibreUpdate, type RequestFilter, type RequestStep, type ServiceStandard, type VisitInput } from "../api";
import { keys } from "./keys";
import { invalidateAreas } from "./client";

// Everything of the service pages sits under the campaign's "service" area: a change refreshes it
// all, and the dashboard with it (its workstream KPIs read these records).
const area = (campaignId: number) => keys.area(campaignId, "service");

export const useVisitsDue = (campaignId: number, overdueOnly: boolean, offset: number) =>
  useQuery({ queryKey: [...area(campaignId), "visits", overdueOnly, offset], queryFn: () => serviceApi.visitsDue(campaignId, null, null, overdueOnly, 50, offset) });
export const useVisitsLoad = (campaignId: number) =>
  useQuery({ queryKey: [...area(campaignId), "visit-load"], queryFn: () => serviceApi.visitsLoad(campaignId, false) });
export const useStandards = (campaignId: number) =>
  useQuery({ queryKey: [...area(campaignId), "standards"], queryFn: () => serviceApi.standards(campaignId) });
export const useFibre = (campaignId: number, status: FibreStatus | null, offset: number) =>
  useQuery({ queryKey: [...area(campaignId), "fibre", status, offset], queryFn: () => serviceApi.fibre(campaignId, null, status, 50, offset) });
export const useFibreCounts = (campaignId: number) =>
  useQuery({ queryKey: [...area(campaignId), "fibre-counts"], queryFn: () => serviceApi.fibreCounts(campaignId) });
export const useRequests = (campaignId: number, filter: RequestFilter, offset: number) =>
  useQuery({ queryKey: [...area(campaignId), "requests", filter, offset], queryFn: () => serviceApi.requests(campaignId, filter, 50, offset) });
export const useRates = (campaignId: number, byTeam: boolean) =>
  useQuery({ queryKey: [...area(campaignId), "rates", byTeam], queryFn: () => serviceApi.rates(campaignId, byTeam) });
export const useCareSettings = (campaignId: number) =>
  useQuery({ queryKey: [...area(campaignId), "care-settings"], queryFn: () => serviceApi.careSettings(campaignId) });
export const useCareLines = (campaignId: number, offset: number) =>
  useQuery({ queryKey: [...area(campaignId), "care-lines", offset], queryFn: () => serviceApi.careLines(campaignId, 50, offset) });
export const useCarePreview = (campaignId: number, holiday: string | null, year: number) =>
  useQuery({
    queryKey: [...area(campaignId), "care-preview", holiday, year],
    queryFn: () => serviceApi.carePreview(campaignId, holiday ?? "", year),
    enabled: holiday !== null,
  });

export function useServiceChanges(campaignId: number) {
  const client = useQueryClient();
  const changed = () => invalidateAreas(client, campaignId, ["service"]);
  return {
    changed,
    recordVisit: useMutation({
      mutationFn: ({ clientId, input }: { clientId: number; input: VisitInput }) => serviceApi.recordVisit(campaignId, clientId, input),
      onSuccess: changed,
    }),
    setFibre: useMutation({
      mutationFn: ({ clientId, update }: { clientId: number; update: FibreUpdate }) => serviceApi.setFibre(campaignId, clientId, update),
      onSuccess: changed,
    }),
    stepRequest: useMutation({ mutationFn: ({ id, step }: { id: number; step: RequestStep }) => serviceApi.stepRequest(campaignId, id, step), onSuccess: changed }),
    saveStandard: useMutation({ mutationFn: (standard: ServiceStandard) => serviceApi.saveStandard(campaignId, standard), onSuccess: changed }),
  };
}
