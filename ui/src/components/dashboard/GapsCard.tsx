import { Button, Card, Col, Row, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { HighRiskGaps } from "../../api";

export type Lacking = "subsidy" | "plan" | "fibre";
/** What the client list is asked to show: high-risk targets still lacking one kind of help. */
export type ClientsPreset = { risk: "any"; lacking: Lacking };

const LACKING: [Lacking, keyof HighRiskGaps][] = [["subsidy", "without_subsidy"], ["plan", "without_plan"], ["fibre", "without_fibre"]];

/** The high-risk targets still without a subsidy, a plan or fibre; each count opens those clients. */
export default function GapsCard({ gaps, onShow }: { gaps: HighRiskGaps; onShow?: (preset: ClientsPreset) => void }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t("dashboard.gaps")} style={{ height: "100%" }} data-testid="dashboard-gaps">
      {gaps.high_risk === 0 ? (
        <Typography.Text type="secondary">{t("dashboard.noHighRisk")}</Typography.Text>
      ) : (
        <>
          <Row gutter={8}>
            {LACKING.map(([lacking, field]) => (
              <Col span={8} key={lacking}>
                <Statistic
                  title={t(`dashboard.lacking.${lacking}`)}
                  value={gaps[field]}
                  formatter={(v) => (
                    <Button type="link" size="large" style={{ padding: 0, height: "auto", fontSize: 24 }} disabled={!onShow}
                      onClick={() => onShow?.({ risk: "any", lacking })} data-testid={`gap-${lacking}`}>
                      {v}
                    </Button>
                  )}
                />
              </Col>
            ))}
          </Row>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("dashboard.gapsOf", { count: gaps.high_risk })}{onShow ? ` · ${t("dashboard.showClients")}` : ""}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}
