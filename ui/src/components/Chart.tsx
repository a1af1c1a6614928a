import { useEffect, useRef } from "react";
import * as echarts from "echarts";
import { useTranslation } from "react-i18next";

/**
 * An ECharts chart. ECharts fixes its locale when a chart is created, so the chart is
 * re-created whenever the UI language changes.
 */
export default function Chart({ option, height = 240, testId }: { option: echarts.EChartsOption; height?: number; testId?: string }) {
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
