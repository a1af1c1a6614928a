import { Card, Progress, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Dashboard } from "../../api";

/** How far the campaign has run on the day: days left, its dates and a bar of the days run. */
export default function CalendarCard({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const { days_total, days_run, days_left } = dashboard.calendar;
  const note = days_run === 0 ? t("dashboard.notStarted") : days_left === 0 ? t("dashboard.ended") : t("dashboard.daysRun", { run: days_run, total: days_total });
  return (
    <Card size="small" style={{ height: "100%" }} data-testid="dashboard-calendar">
      <Statistic title={t("dashboard.daysLeft")} value={days_left} suffix={t("dashboard.daysUnit")} valueStyle={{ color: "#b01e23" }}
        formatter={(v) => <span data-testid="days-left">{v}</span>} />
      <Typography.Text type="secondary">{t("common.dateRange", { from: dashboard.start_date, to: dashboard.end_date })}</Typography.Text>
      <Progress percent={days_total > 0 ? Math.round((days_run * 100) / days_total) : 0} showInfo={false} strokeColor="#b01e23" size="small" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{note}</Typography.Text>
    </Card>
  );
}
