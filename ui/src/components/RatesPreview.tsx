import { Alert, Descriptions, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { RulesPreview } from "../api";
import { formatFen } from "../format";

const percent = (used: number, budget: number) => (budget > 0 ? `${((used / budget) * 100).toFixed(1)}%` : "—");

/** What the edited rates do before they are saved: the total and the budget's use, now → edited. */
export default function RatesPreview({ preview }: { preview: RulesPreview }) {
  const { t } = useTranslation();
  const { current, proposed } = preview;
  const change = proposed.total - current.total;
  const sign = change > 0 ? "+" : change < 0 ? "−" : "±";
  return (
    <Alert
      type={proposed.over_budget ? "error" : "info"}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="rates-preview"
      message={t("rates.preview.title")}
      description={
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t("rates.preview.total")}>
            <span style={{ whiteSpace: "nowrap" }}>{formatFen(current.total)} → <b>{formatFen(proposed.total)}</b> {t("common.yuan")}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("rates.preview.change")}>
            <Typography.Text type={change > 0 ? "danger" : change < 0 ? "success" : undefined} data-testid="rates-preview-change" style={{ whiteSpace: "nowrap" }}>
              {sign}{formatFen(Math.abs(change))} {t("common.yuan")}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("rates.preview.budget")}>
            <span style={{ whiteSpace: "nowrap" }} data-testid="rates-preview-budget">
              {percent(current.total, current.budget)} → <b>{percent(proposed.total, proposed.budget)}</b>
              {proposed.over_budget && <Typography.Text type="danger"> · {t("scenario.overBudget")}</Typography.Text>}
            </span>
          </Descriptions.Item>
        </Descriptions>
      }
    />
  );
}
