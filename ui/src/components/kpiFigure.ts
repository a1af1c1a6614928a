import type { KpiProgress } from "../api";
import { formatFen } from "../format";
import { known } from "../known";

type Kpi = KpiProgress["reading"]["kpi"];
export type KpiStatus = KpiProgress["reading"]["status"];

/** The tag colour of each status: met green, at risk orange, behind red, no data grey. */
export const STATUS_COLOURS: Record<KpiStatus, string> = { met: "success", at_risk: "warning", behind: "error", no_data: "default" };

/** The line colour of a sparkline, following its KPI's status. */
export const LINE_COLOURS: Record<KpiStatus, string> = { met: "#389e0d", at_risk: "#d48806", behind: "#cf1322", no_data: "#8c8c8c" };

/**
 * A KPI figure in its unit, as the planner reads it on every page: rates to at most one decimal
 * with %, 元 with the app's money format (two decimals), counts grouped with their unit after them.
 */
export function kpiFigure(value: number, unit: string, language: string): string {
  if (unit === "元") return `${formatFen(Math.round(value * 100))} ${known(unit)}`;
  const locale = language.startsWith("zh") ? "zh-CN" : "en";
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits: unit === "%" ? 1 : 2 }).format(value);
  const shown = known(unit);
  return unit === "%" ? `${text}%` : shown ? `${text} ${shown}` : text;
}

/** "≥ 90%" or "≤ 100%": the target and which side of it is good. */
export function kpiTarget(kpi: Kpi, language: string): string {
  // The core always sends a target (f64 shows as nullable in the bindings only because JSON has no NaN).
  return kpi.target === null ? "—" : `${kpi.higher_is_better ? "≥" : "≤"} ${kpiFigure(kpi.target, kpi.unit, language)}`;
}
