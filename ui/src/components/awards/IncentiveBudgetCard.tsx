import { useState } from "react";
import { Button, Card, InputNumber, Space, Statistic, Table, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { IncentiveBudget, PrizeCost } from "../../api";
import { formatFen, formatYuanInput } from "../../format";

/** How an award's cost was reached: as offered (per ranking × rankings) and as the standing pays. */
export function prizeCostText(t: (k: string, o?: Record<string, unknown>) => string, c: PrizeCost): string {
  const offered = t("ties.offered", { perRanking: formatFen(c.per_ranking), rankings: c.rankings, offered: formatFen(c.offered) });
  return c.paying > c.offered ? `${offered}${t("ties.payingMore", { paying: formatFen(c.paying) })}` : offered;
}

/** The campaign's incentive budget (editable) against the total of every award's prize cost. */
export default function IncentiveBudgetCard({ budget, onSave }: { budget: IncentiveBudget; onSave: (fen: number | null) => Promise<void> }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<number | null | undefined>(undefined);
  const shown = draft === undefined ? (budget.budget === null ? null : budget.budget / 100) : draft;
  const save = async () => {
    await onSave(shown === null ? null : Math.round(shown * 100));
    setDraft(undefined);
  };
  return (
    <Card size="small" title={t("ties.budgetTitle")} data-testid="incentive-budget">
      <Space wrap size={32} align="end">
        <Space direction="vertical" size={2}>
          <Typography.Text type="secondary">{t("ties.budget")}</Typography.Text>
          <Space.Compact>
            <InputNumber min={0} precision={2} formatter={formatYuanInput} style={{ width: 180 }} placeholder={t("ties.budgetUnset")}
              value={shown} onChange={(v) => setDraft(v)} data-testid="budget-input" />
            <Button disabled={draft === undefined} onClick={() => void save()} data-testid="budget-save">{t("common.save")}</Button>
          </Space.Compact>
        </Space>
        <Statistic title={t("ties.total")} value={formatFen(budget.total)} />
        {budget.remaining !== null && (
          <Statistic title={budget.over ? t("ties.over") : t("ties.remaining")} value={formatFen(Math.abs(budget.remaining))}
            valueStyle={budget.over ? { color: "#cf1322" } : undefined} />
        )}
      </Space>
      <Table size="small" pagination={false} rowKey="award_id" dataSource={budget.awards} style={{ marginTop: 12 }}
        columns={[
          { title: t("award.name"), dataIndex: "name" },
          { title: t("ties.cost"), align: "right", render: (_, a) => (
            <Tooltip title={prizeCostText(t, a.cost)}><span>{formatFen(a.cost.cost)}</span></Tooltip>
          ) },
        ]} />
      <Typography.Text type="secondary">{t("ties.budgetHelp", { date: budget.as_of })}</Typography.Text>
    </Card>
  );
}
