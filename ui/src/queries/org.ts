import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { orgApi, type ClientQuery, type PersonInput } from "../api";
import { keys } from "./keys";
import { clientsChanged } from "./clients";

export const useOrgTeams = () => useQuery({ queryKey: keys.orgTeams(), queryFn: orgApi.teams });
export const useOrgPeople = () => useQuery({ queryKey: keys.orgPeople(), queryFn: () => orgApi.people(null) });
export const useOrgLog = () => useQuery({ queryKey: keys.orgLog(), queryFn: () => orgApi.log(50) });
export const useDuplicates = () => useQuery({ queryKey: keys.duplicates(), queryFn: orgApi.duplicates });
/** What reassigning would move; asked only once a new manager is chosen. */
export const useReassignPreview = (query: ClientQuery, to: number | null) =>
  useQuery({ queryKey: keys.reassignPreview(query, to ?? 0), queryFn: () => orgApi.reassignPreview(query, to ?? 0), enabled: to !== null });

/** Teams and people appear in every picker, and their names on clients, plans and warnings. */
function orgChanged(client: QueryClient): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({ queryKey: ["org"] }),
    client.invalidateQueries({ queryKey: keys.teams() }),
    client.invalidateQueries({ queryKey: keys.people() }),
    clientsChanged(client),
  ]);
}

export function useOrgChanges() {
  const client = useQueryClient();
  const changed = () => orgChanged(client);
  return {
    createTeam: useMutation({ mutationFn: (name: string) => orgApi.createTeam(name), onSuccess: changed }),
    renameTeam: useMutation({ mutationFn: ({ id, name }: { id: number; name: string }) => orgApi.renameTeam(id, name), onSuccess: changed }),
    setTeamActive: useMutation({ mutationFn: ({ id, active }: { id: number; active: boolean }) => orgApi.setTeamActive(id, active), onSuccess: changed }),
    mergeTeams: useMutation({ mutationFn: ({ from, into }: { from: number; into: number }) => orgApi.mergeTeams(from, into), onSuccess: changed }),
    createPerson: useMutation({ mutationFn: (input: PersonInput) => orgApi.createPerson(input), onSuccess: changed }),
    updatePerson: useMutation({ mutationFn: ({ id, input }: { id: number; input: PersonInput }) => orgApi.updatePerson(id, input), onSuccess: changed }),
    mergePeople: useMutation({ mutationFn: ({ from, into }: { from: number; into: number }) => orgApi.mergePeople(from, into), onSuccess: changed }),
    reassign: useMutation({ mutationFn: ({ query, to }: { query: ClientQuery; to: number }) => orgApi.reassign(query, to), onSuccess: changed }),
  };
}
