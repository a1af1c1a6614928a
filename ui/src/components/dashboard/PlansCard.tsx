import { Card, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { TeamPlans } from "../../api";
import FactTable from "../FactTable";

const share = (part: number, whole: number) => (whole > 0 ? `${((part * 100) / whole).toFixed(1)}%` : "—");

/** 一户一案 by team: coverage of the targets, completion of the items and overdue items; the whole last. */
export default function PlansCard({ plans }: { plans: TeamPlans[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t("dashboard.plans")} data-testid="dashboard-plans">
      <FactTable
        rowKey={(p) => p.team_id ?? "whole"}
        rows={plans}
        columns={[
          {
            key: "team",
            title: t("dashboard.planTeam"),
            render: (p) => (p.team_id === null ? <Typography.Text strong>{t("dashboard.planWhole")}</Typography.Text> : p.team_name),
          },
          { key: "targets", title: t("dashboard.planTargets"), align: "right", render: (p) => p.targets },
          {
            key: "coverage",
            title: t("dashboard.planCoverage"),
            align: "right",
            render: (p) => <span style={{ whiteSpace: "nowrap" }}>{p.planned} · {share(p.planned, p.targets)}</span>,
          },
          { key: "items", title: t("dashboard.planItems"), align: "right", render: (p) => p.items },
          {
            key: "completion",
            title: t("dashboard.planCompletion"),
            align: "right",
            render: (p) => <span style={{ whiteSpace: "nowrap" }}>{p.done} · {share(p.done, p.items)}</span>,
          },
          {
            key: "overdue",
            title: t("dashboard.planOverdue"),
            align: "right",
            render: (p) => (p.overdue > 0
              ? <Tag color="error" style={{ marginInlineEnd: 0 }} data-testid={`plans-overdue-${p.team_id ?? "whole"}`}>{p.overdue}</Tag>
              : <span data-testid={`plans-overdue-${p.team_id ?? "whole"}`}>0</span>),
          },
        ]}
      />
    </Card>
  );
}
