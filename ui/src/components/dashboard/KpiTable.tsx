import { useCallback } from "react";
import { Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { KpiProgress } from "../../api";
import Sparkline from "./Sparkline";
import { LINE_COLOURS, STATUS_COLOURS, kpiFigure, kpiTarget } from "./kpiFigure";

function Trend({ progress, weeks }: { progress: KpiProgress; weeks: string[] }) {
  const { i18n } = useTranslation();
  const { kpi, status } = progress.reading;
  const format = useCallback((v: number) => kpiFigure(v, kpi.unit, i18n.language), [kpi.unit, i18n.language]);
  return <Sparkline weeks={weeks} values={progress.trend} colour={LINE_COLOURS[status]} format={format} testId={`kpi-trend-${kpi.id}`} />;
}

// A plain grid rather than a table component: a dashboard holds a dozen of these lists, and each
// row is only five short cells; the name column takes what the figures leave and wraps.
const GRID = { display: "grid", gridTemplateColumns: "minmax(96px, 1fr) auto auto auto 96px", columnGap: 12, rowGap: 2, alignItems: "center" } as const;
const CELL = { padding: "4px 0", borderBottom: "1px solid #f0f0f0" } as const;
const NUMBER = { ...CELL, textAlign: "right", whiteSpace: "nowrap" } as const;

/** KPIs against their targets: the figure on the day, the status and the weekly trend. */
export default function KpiTable({ kpis, weeks, empty }: { kpis: KpiProgress[]; weeks: string[]; empty: string }) {
  const { t, i18n } = useTranslation();
  if (kpis.length === 0) return <div><Typography.Text type="secondary">{empty}</Typography.Text></div>;
  const head = (text: string, right = false) => (
    <Typography.Text type="secondary" style={{ ...CELL, fontSize: 12, textAlign: right ? "right" : "left" }}>{text}</Typography.Text>
  );
  return (
    <div style={GRID} role="table">
      {head(t("dashboard.kpi"))}
      {head(t("dashboard.value"), true)}
      {head(t("dashboard.target"), true)}
      {head(t("dashboard.status"))}
      {head(t("dashboard.trend"))}
      {kpis.map((p) => {
        const { kpi, value, status } = p.reading;
        return (
          <div key={kpi.id} style={{ display: "contents" }} role="row" data-testid={`kpi-${kpi.id}`}>
            <span style={CELL}>{kpi.name}</span>
            <span style={NUMBER} data-testid={`kpi-value-${kpi.id}`} data-value={value ?? ""}>
              {value == null ? "—" : kpiFigure(value, kpi.unit, i18n.language)}
            </span>
            <Typography.Text type="secondary" style={NUMBER}>{kpiTarget(kpi, i18n.language)}</Typography.Text>
            <span style={CELL}>
              <Tag color={STATUS_COLOURS[status]} data-testid={`kpi-status-${kpi.id}`} style={{ marginInlineEnd: 0 }}>
                {t(`dashboard.kpiStatus.${status}`)}
              </Tag>
            </span>
            <span style={CELL}><Trend progress={p} weeks={weeks} /></span>
          </div>
        );
      })}
    </div>
  );
}
