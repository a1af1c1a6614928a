import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, importApi, type ClientInput, type ClientQuery, type Lacking } from "../api";
import { keys } from "./keys";
import { invalidateAreas } from "./client";

/** A page of clients; the last page stays on screen while the next is asked for. */
export const useClientPage = (query: ClientQuery) =>
  useQuery({ queryKey: keys.clients(query), queryFn: () => api.clients(query), placeholderData: keepPreviousData });

/** One client; while another is asked for, the last one stays on screen. */
export const useClient = (id: number | null) =>
  useQuery({ queryKey: keys.client(id ?? 0), queryFn: () => api.client(id ?? 0), enabled: id !== null, placeholderData: keepPreviousData });

/** A client's risk reasons in a campaign; none without one. */
export const useClientRisks = (campaignId: number | null, clientId: number) =>
  useQuery({ queryKey: keys.clientRisks(campaignId ?? 0, clientId), queryFn: () => importApi.risks(campaignId ?? 0, clientId), enabled: campaignId !== null });

/** Clients matching a search, for pickers (a failure shows no options). */
/** Targets to pick from; `lacking: "plan"` offers only those without a plan yet. */
export const useClientOptions = (campaignId: number, search: string, enabled: boolean, lacking: Lacking | null = null) =>
  useQuery({
    queryKey: keys.clients({ campaign_id: campaignId, search, limit: 20, lacking }),
    queryFn: () => api.clients({ campaign_id: campaignId, search, limit: 20, lacking }),
    enabled,
  });

export const useImportBatches = () => useQuery({ queryKey: keys.importBatches(), queryFn: importApi.batches });

/** What a client's own fields feed: the client lists and detail, counts, flags and subsidies by category and team. */
export function clientsChanged(client: QueryClient, clientId?: number): Promise<unknown> {
  return Promise.all([
    invalidateAreas(client, null, ["clients", "summary", "client-risks", "subsidy", "scenarios", "plans", "warnings"]),
    clientId === undefined ? client.invalidateQueries({ queryKey: ["client"] }) : client.invalidateQueries({ queryKey: keys.client(clientId) }),
  ]);
}

/** An import or its undo also adds teams, account managers and a batch. */
function importChanged(client: QueryClient): Promise<unknown> {
  return Promise.all([
    clientsChanged(client),
    client.invalidateQueries({ queryKey: keys.importBatches() }),
    client.invalidateQueries({ queryKey: keys.teams() }),
    client.invalidateQueries({ queryKey: keys.people() }),
  ]);
}

export function useSaveClient(campaignId: number | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: ClientInput }) => (id === null ? api.createClient(input, campaignId) : api.updateClient(id, input)),
    // The drawer shows the saved client at once; everything it feeds is asked again.
    onSuccess: (saved) => {
      client.setQueryData(keys.client(saved.id), saved);
      return invalidateAreas(client, null, ["clients", "summary", "client-risks", "subsidy", "scenarios", "plans", "warnings"]);
    },
  });
}

export function useDeleteClient() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (id: number) => api.deleteClient(id), onSuccess: (_, id) => clientsChanged(client, id) });
}

export function useUndoImport() {
  const client = useQueryClient();
  return useMutation({ mutationFn: importApi.undo, onSuccess: () => importChanged(client) });
}

/** Call after a client import has written. */
export function useClientsImported(): () => Promise<unknown> {
  const client = useQueryClient();
  return () => importChanged(client);
}
