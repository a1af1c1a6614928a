import { Card, Progress, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Dashboard } from "../../api";
import { formatFen } from "../../format";

/** One budget: a bar of what is spent against it, red once over. */
function Use({ label, percent, over, text, testId }: { label: string; percent: number | null; over: boolean; text: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <div data-testid={testId}>
      <Space size={6}>
        <Typography.Text strong>{label}</Typography.Text>
        {over && <Tag color="error" data-testid={`${testId}-over`}>{t("dashboard.over")}</Tag>}
      </Space>
      {percent !== null && (
        <Progress percent={Math.min(percent, 100)} status={over ? "exception" : "normal"} format={() => `${percent.toFixed(1)}%`} size="small"
          strokeColor={over ? "#cf1322" : undefined} />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{text}</Typography.Text>
    </div>
  );
}

/** Cross-subsidy given against the subsidy budget, and prize cost against the incentive budget. */
export default function BudgetCard({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const { subsidy, incentive } = dashboard;
  const incentivePercent = incentive.budget !== null && incentive.budget > 0 ? (incentive.total * 100) / incentive.budget : null;
  return (
    <Card size="small" title={t("dashboard.budget")} style={{ height: "100%" }}>
      <Space direction="vertical" style={{ width: "100%" }} size={8}>
        <Use label={t("dashboard.subsidy")} testId="budget-subsidy" over={subsidy.over}
          percent={subsidy.used_bp === null ? null : subsidy.used_bp / 100}
          text={subsidy.used_bp === null ? t("dashboard.noBudget", { used: formatFen(subsidy.used) }) : t("dashboard.used", { used: formatFen(subsidy.used), budget: formatFen(subsidy.budget) })} />
        <Use label={t("dashboard.incentive")} testId="budget-incentive" over={incentive.over} percent={incentivePercent}
          text={incentive.budget === null ? t("dashboard.noIncentiveBudget", { cost: formatFen(incentive.total) }) : t("dashboard.prizeCost", { cost: formatFen(incentive.total), budget: formatFen(incentive.budget) })} />
      </Space>
    </Card>
  );
}
