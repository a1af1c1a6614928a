import type { TeamSaved } from "../../api";

/** What a write on a version came to: the saved row, or the row someone else saved first. */
export function outcomeOf<T>(saved: TeamSaved<T>): { stale: boolean; row: T } {
  return saved.outcome === "saved" ? { stale: false, row: saved.value } : { stale: true, row: saved.current };
}
