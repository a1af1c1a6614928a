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

/** Invalidates these areas of one campaign, or of every campaign when `campaignId` is null. */
export function invalidateAreas(client: QueryClient, campaignId: number | null, areas: Area[]): Promise<void> {
  return client.invalidateQueries({
    predicate: ({ queryKey }: { queryKey: QueryKey }) =>
      queryKey[0] === "campaign" && (campaignId === null || queryKey[1] === campaignId) && areas.includes(queryKey[2] as Area),
  });
}
