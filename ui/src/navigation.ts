import { useSyncExternalStore } from "react";

/**
 * Where the app is, kept in the window's URL (`?area=clients&risk=any&lacking=plan`), so one page
 * can send the planner to another with its filters set (the overview's gaps open the client list
 * filtered), and a reload keeps the page. History entries are pushed in place: the window never
 * reloads, so the open campaign and the query cache stay.
 */
export const AREAS = ["overview", "goals", "clients", "subsidy", "rates", "scenarios", "plans", "awards", "trackers", "warnings", "service", "points", "organisation"] as const;
export type Area = (typeof AREAS)[number];

function changed() {
  window.dispatchEvent(new PopStateEvent("popstate"));
}

/** Opens `area` with these filters (each page reads its own), as a new history entry. */
export function navigate(area: Area, params: Record<string, string> = {}): void {
  const search = new URLSearchParams({ area, ...params });
  window.history.pushState(null, "", `?${search}`);
  changed();
}

/** Changes some of the current page's parameters in place (null removes one). */
export function setParams(patch: Record<string, string | null>): void {
  const search = new URLSearchParams(window.location.search);
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) search.delete(name);
    else search.set(name, value);
  }
  const text = search.toString();
  window.history.replaceState(null, "", text ? `?${text}` : window.location.pathname);
  changed();
}

/** The area the URL names, if it names one. */
export function areaOf(search: string): Area | null {
  const area = new URLSearchParams(search).get("area");
  return AREAS.find((a) => a === area) ?? null;
}

function subscribe(onChange: () => void) {
  window.addEventListener("popstate", onChange);
  return () => window.removeEventListener("popstate", onChange);
}

/** The URL's query string (`?area=…`), re-read whenever it changes. */
export function useLocationSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

/** One URL parameter, when it is one of `allowed`. */
export function paramOf<T extends string>(search: string, name: string, allowed: readonly T[]): T | null {
  const value = new URLSearchParams(search).get(name);
  return allowed.find((a) => a === value) ?? null;
}
