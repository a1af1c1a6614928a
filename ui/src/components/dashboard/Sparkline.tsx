import { useState, type MouseEvent } from "react";
import { Tooltip } from "antd";
import { useTranslation } from "react-i18next";

const WIDTH = 96;
const HEIGHT = 28;
const PAD = 3;

/** The line's points as SVG path commands; a week without a figure starts a new stretch. */
export function trendPath(values: (number | null)[], width = WIDTH, height = HEIGHT): string {
  const known = values.filter((v): v is number => v != null);
  if (known.length === 0) return "";
  const low = Math.min(...known);
  const span = Math.max(...known) - low;
  const step = values.length > 1 ? (width - 2 * PAD) / (values.length - 1) : 0;
  // A flat line sits in the middle rather than on the floor.
  const y = (v: number) => (span === 0 ? height / 2 : height - PAD - ((v - low) / span) * (height - 2 * PAD));
  let path = "";
  let drawing = false;
  values.forEach((v, i) => {
    if (v == null) {
      drawing = false;
      return;
    }
    const x = values.length > 1 ? PAD + i * step : width / 2;
    path += `${drawing ? "L" : "M"}${x.toFixed(1)} ${y(v).toFixed(1)}`;
    drawing = true;
  });
  return path;
}

/**
 * A KPI's weekly figures as a tiny line: no axes, no legend, the week's end and its figure shown
 * on hover. A week without a figure is a gap in the line. Plain SVG rather than a chart library:
 * a dashboard holds a dozen or more of these, and a chart instance each made the overview slow
 * to open.
 */
export default function Sparkline({ weeks, values, colour, format, testId }: {
  weeks: string[];
  values: (number | null)[];
  colour: string;
  format: (value: number) => string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [hover, setHover] = useState<number | null>(null);
  const step = values.length > 1 ? (WIDTH - 2 * PAD) / (values.length - 1) : WIDTH;
  const pick = (e: MouseEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    // The line is drawn in a WIDTH-wide box stretched to the space the column gives it.
    const x = box.width > 0 ? ((e.clientX - box.left) * WIDTH) / box.width : 0;
    setHover(values.length === 0 ? null : Math.min(values.length - 1, Math.max(0, Math.round((x - PAD) / step))));
  };
  const value = hover == null ? null : values[hover];
  const tip = hover == null ? "" : t("dashboard.trendTip", { date: weeks[hover] ?? "", value: value == null ? "—" : format(value) });
  const x = hover == null ? 0 : values.length > 1 ? PAD + hover * step : WIDTH / 2;
  return (
    <Tooltip title={tip} open={hover != null} mouseEnterDelay={0}>
      <svg width="100%" height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" data-testid={testId} role="img" aria-label={tip || undefined}
        onMouseMove={pick} onMouseLeave={() => setHover(null)} style={{ display: "block", maxWidth: WIDTH }}>
        <path d={trendPath(values)} fill="none" stroke={colour} strokeWidth={1.5} strokeLinejoin="round" vectorEffect="non-scaling-stroke" />
        {hover != null && <line x1={x} x2={x} y1={0} y2={HEIGHT} stroke="#d9d9d9" strokeWidth={1} vectorEffect="non-scaling-stroke" />}
      </svg>
    </Tooltip>
  );
}
