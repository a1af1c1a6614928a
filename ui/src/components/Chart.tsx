import { Suspense, lazy } from "react";
import type { EChartsOption } from "echarts";

// ECharts is a large part of the app's code and the first screen can be drawn without it: it is
// loaded when a chart is first shown, in the place the chart will take.
const EChart = lazy(() => import("./EChart"));

/** A chart of `option`, `height` pixels high and as wide as its container. */
export default function Chart(props: { option: EChartsOption; height?: number; testId?: string }) {
  return (
    <Suspense fallback={<div style={{ width: "100%", height: props.height ?? 240 }} />}>
      <EChart {...props} />
    </Suspense>
  );
}
