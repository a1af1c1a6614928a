import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { contactApi, type ContactInput } from "../api";
import { keys } from "./keys";
import { invalidateAreas } from "./client";

export const useContacts = (clientId: number) => useQuery({ queryKey: keys.contacts(clientId), queryFn: () => contactApi.list(clientId) });
export const useContactHistory = (clientId: number, open: boolean) =>
  useQuery({ queryKey: keys.contactHistory(clientId), queryFn: () => contactApi.history(clientId), enabled: open });

/** Every change refreshes the client (its detail, contacts, history) and the campaign's key-person figures. */
export function useContactChanges(clientId: number, campaignId: number | null) {
  const client = useQueryClient();
  const changed = () =>
    Promise.all([client.invalidateQueries({ queryKey: keys.client(clientId) }), invalidateAreas(client, campaignId, ["key-persons", "clients"])]);
  return {
    add: useMutation({ mutationFn: (input: ContactInput) => contactApi.add(clientId, input), onSuccess: changed }),
    update: useMutation({ mutationFn: ({ id, input }: { id: number; input: ContactInput }) => contactApi.update(id, input), onSuccess: changed }),
    remove: useMutation({ mutationFn: (id: number) => contactApi.remove(id), onSuccess: changed }),
    confirm: useMutation({ mutationFn: (id: number | null) => contactApi.confirm(clientId, id), onSuccess: changed }),
    setVipManager: useMutation({ mutationFn: (personId: number | null) => contactApi.setVipManager(clientId, personId), onSuccess: changed }),
  };
}
