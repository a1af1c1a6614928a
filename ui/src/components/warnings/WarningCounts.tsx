import { Card, Col, Row, Statistic } from "antd";
import { useTranslation } from "react-i18next";
import type { WarningStatus, WarningSummary } from "../../api";

/** The count of warnings in each status, and the share of closed ones retained. */
export default function WarningCounts({ summary }: { summary: WarningSummary | null }) {
  const { t } = useTranslation();
  const closed = summary ? summary.retained + summary.lost : 0;
  const rate = summary?.retention_bp != null ? `${(summary.retention_bp / 100).toFixed(1)}%` : t("warning.noRate");
  return (
    <Row gutter={16}>
      {(["to_contact", "contacted", "retained", "lost"] as WarningStatus[]).map((s) => (
        <Col span={5} key={s}>
          <Card size="small"><Statistic title={t(`warning.status.${s}`)} value={summary?.[s] ?? 0} loading={!summary} data-testid={`warning-count-${s}`} /></Card>
        </Col>
      ))}
      <Col span={4}>
        <Card size="small">
          <Statistic
            title={closed ? t("common.withNote", { name: t("warning.retentionTitle"), note: `${summary?.retained}/${closed}` }) : t("warning.retentionTitle")}
            value={rate}
            loading={!summary}
            data-testid="warning-retention"
          />
        </Card>
      </Col>
    </Row>
  );
}
