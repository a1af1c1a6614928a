import { QueryClient, type QueryKey } from "@tanstack/react-query";
import type { Area } from "./keys";

/**
 * The app's query cache. A page shows what the core says when it opens, as it did before the
 * cache: answers are dropped as soon as no page shows them (gcTime 0), so a page never opens
 * on figures another page left behind. A failure shows at once (no retries), and focusing the
 * window asks nothing again: the core is local and only this app writes to it.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { gcTime: 0, retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}

/**
 * Invalidates these areas of one campaign, or of every campaign when `campaignId` is null. The
 * campaign's dashboard goes with any of them: it sums up achievements, plans, warnings, subsidies,
 * clients and KPIs alike, so whatever changes one of those moves it.
 */
export function invalidateAreas(client: QueryClient, campaignId: number | null, areas: Area[]): Promise<void> {
  const touched: Area[] = [...areas, "dashboard"];
  return client.invalidateQueries({
    predicate: ({ queryKey }: { queryKey: QueryKey }) =>
      queryKey[0] === "campaign" && (campaignId === null || queryKey[1] === campaignId) && touched.includes(queryKey[2] as Area),
  });
}
