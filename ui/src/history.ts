import type { TFunction } from "i18next";
import type { LogEntry, RuleSet } from "./api";

/**
 * A plan log entry in the reader's language. The core stores codes and values (see the Rust
 * `LogEntry`): `plan` and `item` changes and statuses are codes worded here; titles, owners,
 * dates, notes, goals and teams are shown as they were written.
 */
export function planLogText(entry: LogEntry, t: TFunction): string {
  const detail = entry.detail;
  const arrow = (from: string, to: string) => (from ? `${from} → ${to}` : to);
  switch (entry.field) {
    case "plan":
      return arrow(entry.from ? t(`plan.history.plan.${entry.from}`) : "", t(`plan.history.plan.${entry.to}`));
    case "item": {
      const title = detail.title ?? "";
      if (entry.to === "added") return t("plan.history.item.added", { title });
      if (entry.to === "deleted") return arrow(title, t("plan.history.item.deleted"));
      if (entry.to === "restored") return arrow(t("plan.history.item.deleted"), title);
      return arrow(entry.from, entry.to);
    }
    case "status": {
      const label = (code: string) => (code ? t(`plan.statuses.${code}`, { defaultValue: code }) : "");
      let to = label(entry.to);
      if (detail.done_on) to = t("plan.history.withDetail", { status: to, detail: detail.done_on });
      else if (detail.reason) to = t("plan.history.withDetail", { status: to, detail: detail.reason });
      return arrow(label(entry.from), to);
    }
    default:
      return arrow(entry.from, entry.to);
  }
}

/**
 * What a subsidy rule set's history line says beyond who and when, in the reader's language.
 * The core stores what it did as a code (`event`; the adopted scenario's name is the set's
 * `name`) and a planner's own note as written; both are shown when both are there.
 */
export function ruleSetNoteText(set: Pick<RuleSet, "event" | "name" | "note">, t: TFunction): string {
  const event = set.event === "adopted_scenario"
    ? t("rates.events.adopted_scenario", { name: set.name })
    : set.event === "adopted" ? t("rates.events.adopted") : "";
  return [event, set.note].filter(Boolean).join(" · ");
}
