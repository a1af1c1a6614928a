import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { BarChart, GaugeChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { EChartsOption } from "echarts";
import { useTranslation } from "react-i18next";

// Only the kinds of chart the app draws, so the rest of ECharts stays out of the bundle the
// window loads at start.
echarts.use([BarChart, GaugeChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/**
 * An ECharts chart (loaded on first use: see Chart.tsx). ECharts fixes its locale when a chart
 * is created, so the chart is re-created whenever the UI language changes.
 */
export default function EChart({ option, height = 240, testId }: { option: EChartsOption; height?: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const { i18n } = useTranslation();
  const locale = i18n.language.startsWith("zh") ? "ZH" : "EN";

  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: "svg", locale });
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [option, locale]);

  return <div ref={ref} style={{ width: "100%", height }} data-testid={testId} />;
}
