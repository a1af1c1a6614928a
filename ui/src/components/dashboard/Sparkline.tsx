import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import Chart from "../Chart";

/**
 * A KPI's weekly figures as a tiny line: no axes, no legend, no animation, a tooltip naming the
 * week's end and its figure. A week without a figure is a gap in the line.
 */
export default function Sparkline({ weeks, values, colour, format, testId }: {
  weeks: string[];
  values: (number | null)[];
  colour: string;
  format: (value: number) => string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 4 },
      xAxis: { type: "category" as const, show: false, data: weeks, boundaryGap: false },
      yAxis: { type: "value" as const, show: false, scale: true },
      tooltip: {
        trigger: "axis" as const,
        confine: true,
        formatter: (params: unknown) => {
          const p = (Array.isArray(params) ? params[0] : params) as { axisValue: string; value: number | null };
          return t("dashboard.trendTip", { date: p.axisValue, value: p.value == null ? "—" : format(p.value) });
        },
      },
      series: [{ type: "line" as const, data: values, symbol: "none", connectNulls: false, lineStyle: { width: 1.5, color: colour }, itemStyle: { color: colour } }],
    }),
    [weeks, values, colour, format, t],
  );
  return <div style={{ width: 96 }}><Chart option={option} height={28} testId={testId} /></div>;
}
