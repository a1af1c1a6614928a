import type { QueryClient } from "@tanstack/react-query";
import { api, type AppInfo } from "./api";
import { keys } from "./queries/keys";

/**
 * What the first screen needs, asked for before React draws anything, so the answers come back
 * while the window draws its first frame instead of being asked for after it. The campaign list
 * is asked for as soon as the file is known to be open (nothing is asked of a file that is not),
 * and kept a minute for the app to pick up: the cache otherwise forgets an answer no page shows.
 */
export function askEarly(client: QueryClient): Promise<AppInfo> {
  const info = api.appInfo();
  info.then((i) => {
    if (!i.start_failure) void client.prefetchQuery({ queryKey: keys.campaigns(), queryFn: api.campaigns, gcTime: 60_000 });
  }, () => undefined);
  return info;
}
