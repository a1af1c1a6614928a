import { useQuery } from "@tanstack/react-query";
import { dashboardApi } from "../api";
import { keys } from "./keys";

/**
 * The dashboard as of `asOf` (today when null), for one team or the whole campaign. Any change
 * made through `invalidateAreas` refreshes it (see queries/client.ts). While another day or team
 * is being read, the figures shown before stay on screen instead of a blank page.
 */
export const useDashboard = (campaignId: number, asOf: string | null, teamId: number | null) =>
  useQuery({
    queryKey: keys.dashboard(campaignId, asOf, teamId),
    queryFn: () => dashboardApi.read(campaignId, asOf, teamId),
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === campaignId ? previous : undefined),
  });
