import { Card, Col, Empty, Row, Space, Statistic, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { WarningAge, WarningAges } from "../../api";

// Older warnings are the ones slipping away: their tags redden with age.
const AGE_COLOURS: Record<WarningAge, string> = { fresh: "green", week: "gold", fortnight: "orange", older: "red" };

/** Open warnings by age and by team, with the retention rate of those closed. */
export default function WarningsCard({ warnings }: { warnings: WarningAges }) {
  const { t } = useTranslation();
  const closed = warnings.retained + warnings.lost;
  return (
    <Card size="small" title={t("dashboard.warnings")} style={{ height: "100%" }} data-testid="dashboard-warnings">
      {warnings.open === 0 && closed === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dashboard.noWarnings")} />
      ) : (
        <Space direction="vertical" size={8} style={{ width: "100%" }}>
          <Row gutter={16}>
            <Col span={12}>
              <Statistic title={t("dashboard.openWarnings")} value={warnings.open} formatter={(v) => <span data-testid="warnings-open">{v}</span>} />
            </Col>
            <Col span={12}>
              <Statistic title={t("dashboard.retention")} value={warnings.retention_bp === null ? t("dashboard.noRetention") : `${(warnings.retention_bp / 100).toFixed(1)}%`}
                valueStyle={warnings.retention_bp === null ? { fontSize: 16 } : undefined} formatter={(v) => <span data-testid="warnings-retention">{v}</span>} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("dashboard.retentionDetail", { retained: warnings.retained, lost: warnings.lost })}
              </Typography.Text>
            </Col>
          </Row>
          <div>
            <Typography.Text type="secondary">{t("dashboard.byAge")}</Typography.Text>
            <div style={{ display: "flex", flexWrap: "wrap", gap: 4, marginTop: 4 }}>
              {warnings.by_age.map(([age, count]) => (
                <Tag key={age} color={count > 0 ? AGE_COLOURS[age] : undefined} data-testid={`warnings-age-${age}`}>
                  {t(`dashboard.age.${age}`)} {count}
                </Tag>
              ))}
            </div>
          </div>
          {warnings.open_by_team.length > 0 && (
            <div>
              <Typography.Text type="secondary">{t("dashboard.byTeam")}</Typography.Text>
              <div style={{ display: "flex", flexWrap: "wrap", gap: 4, marginTop: 4 }}>
                {warnings.open_by_team.map(([team, count]) => <Tag key={team}>{team} {count}</Tag>)}
              </div>
            </div>
          )}
        </Space>
      )}
    </Card>
  );
}
