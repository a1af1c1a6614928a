import type { TFunction } from "i18next";
import type { Kpi, MetricInfo } from "../../api";

/** The metric's label in the UI's language, from the core's catalogue (its code when unknown). */
export function metricLabel(catalogue: MetricInfo[], metric: string, language: string): string {
  const info = catalogue.find((m) => m.metric === metric);
  if (!info) return metric;
  return language.startsWith("zh") ? info.label_zh : info.label_en;
}

/** What the KPI measures: the metric and, where it takes one, its achievement metric or N days. */
export function measureText(kpi: Kpi, catalogue: MetricInfo[], achievementMetrics: [string, string][], language: string, t: TFunction): string {
  const label = metricLabel(catalogue, kpi.metric, language);
  if (kpi.parameter.metric) {
    const name = achievementMetrics.find(([code]) => code === kpi.parameter.metric)?.[1] ?? kpi.parameter.metric;
    return t("goals.kpi.ofMetric", { metric: label, name });
  }
  if (kpi.parameter.days != null) return t("goals.kpi.withinDays", { metric: label, days: kpi.parameter.days });
  return label;
}
