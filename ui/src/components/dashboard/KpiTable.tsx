import { Fragment, useCallback, type ReactNode } from "react";
import { Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { KpiProgress } from "../../api";
import Sparkline from "./Sparkline";
import { LINE_COLOURS, STATUS_COLOURS, kpiFigure, kpiTarget } from "../kpiFigure";

function Trend({ progress, weeks }: { progress: KpiProgress; weeks: string[] }) {
  const { i18n } = useTranslation();
  const { kpi, status } = progress.reading;
  const format = useCallback((v: number) => kpiFigure(v, kpi.unit, i18n.language), [kpi.unit, i18n.language]);
  return <Sparkline weeks={weeks} values={progress.trend} colour={LINE_COLOURS[status]} format={format} testId={`kpi-trend-${kpi.id}`} />;
}

// A plain grid rather than a table component: a dashboard holds a dozen of these lists, and each
// row is only five short cells. One grid per card, so the columns line up across its sections;
// the name column takes what the figures leave and wraps, and the trend narrows before the
// figures do (English units are long).
const GRID = { display: "grid", gridTemplateColumns: "minmax(96px, 1fr) auto auto auto minmax(56px, 104px)", alignItems: "stretch" } as const;
const CELL = { padding: "4px 6px", borderBottom: "1px solid #f0f0f0", display: "flex", alignItems: "center" } as const;
const NUMBER = { ...CELL, justifyContent: "flex-end", whiteSpace: "nowrap" } as const;
// A figure with a long unit ("≥ 500 agreements") wraps rather than pushing the trend out of the card.
const FIGURE = { ...CELL, justifyContent: "flex-end", textAlign: "right", minWidth: 64 } as const;
const WHOLE_ROW = { gridColumn: "1 / -1", padding: "10px 6px 2px" } as const;

/** A heading (a goal, a battle…) and its KPIs, or what to say when it has none. */
export type KpiSection = { key: string | number; heading: ReactNode; kpis: KpiProgress[]; empty: string };

/** KPIs against their targets by section: the figure on the day, the status and the weekly trend. */
export default function KpiTable({ sections, weeks }: { sections: KpiSection[]; weeks: string[] }) {
  const { t, i18n } = useTranslation();
  const head = (text: string, right = false) => (
    <Typography.Text type="secondary" style={{ ...(right ? NUMBER : CELL), fontSize: 12 }}>{text}</Typography.Text>
  );
  return (
    <div style={GRID} role="table">
      {head(t("dashboard.kpi"))}
      {head(t("dashboard.value"), true)}
      {head(t("dashboard.target"), true)}
      {head(t("dashboard.status"))}
      {head(t("dashboard.trend"))}
      {sections.map((section) => (
        <Fragment key={section.key}>
          <div style={WHOLE_ROW}>{section.heading}</div>
          {section.kpis.length === 0 && (
            <Typography.Text type="secondary" style={{ ...WHOLE_ROW, paddingTop: 0 }}>{section.empty}</Typography.Text>
          )}
          {section.kpis.map((p) => {
            const { kpi, value, status } = p.reading;
            return (
              <div key={kpi.id} style={{ display: "contents" }} role="row" data-testid={`kpi-${kpi.id}`}>
                <span style={CELL}>{kpi.name}</span>
                <span style={FIGURE} data-testid={`kpi-value-${kpi.id}`} data-value={value ?? ""}>
                  {value == null ? "—" : kpiFigure(value, kpi.unit, i18n.language)}
                </span>
                <Typography.Text type="secondary" style={FIGURE}>{kpiTarget(kpi, i18n.language)}</Typography.Text>
                <span style={CELL}>
                  <Tag color={STATUS_COLOURS[status]} data-testid={`kpi-status-${kpi.id}`} style={{ marginInlineEnd: 0 }}>
                    {t(`goals.status.${status}`)}
                  </Tag>
                </span>
                <span style={CELL}><Trend progress={p} weeks={weeks} /></span>
              </div>
            );
          })}
        </Fragment>
      ))}
    </div>
  );
}
