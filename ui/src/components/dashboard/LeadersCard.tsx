import { useState } from "react";
import { Card, Empty, Segmented, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { AwardLeaders, Scope } from "../../api";
import { formatFen } from "../../format";

const ROW = { padding: "4px 12px 4px 0", borderBottom: "1px solid #f0f0f0" } as const;

/** A score as its ranking counts it: a quantity, or basis points as a percentage. */
const scoreText = (unit: string, score: number) => (unit === "quantity" ? String(score) : `${(score / 100).toFixed(1)}%`);

/** Each award's top places on the day, by team or by person, with the award's prize cost. */
export default function LeadersCard({ leaders }: { leaders: AwardLeaders[] }) {
  const { t } = useTranslation();
  const [scope, setScope] = useState<Scope>("team");
  // The rankings of one award arrive together; keep the awards in the order they came.
  const awards = [...new Set(leaders.map((l) => l.award_id))].map((id) => leaders.filter((l) => l.award_id === id));
  return (
    <Card
      size="small"
      title={t("dashboard.leaders")}
      data-testid="dashboard-leaders"
      extra={awards.length > 0 && (
        <Segmented size="small" value={scope} onChange={(v) => setScope(v as Scope)}
          options={[{ value: "team", label: t("dashboard.leadersTeam") }, { value: "person", label: t("dashboard.leadersPerson") }]} />
      )}
    >
      {awards.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dashboard.noAwards")} />}
      <div style={{ display: "flex", flexDirection: "column", gap: 12 }}>
        {awards.map((rankings) => {
          const withIndustry = rankings.some((r) => r.industry !== null);
          return (
            <div key={rankings[0].award_id} data-testid={`leaders-${rankings[0].award_id}`}>
              <div style={{ display: "flex", flexWrap: "wrap", justifyContent: "space-between", gap: 8 }}>
                <Typography.Text strong>{rankings[0].name}</Typography.Text>
                <Typography.Text type="secondary">{t("ties.cost")}{t("common.colon")}{formatFen(rankings[0].prize_cost)} {t("common.yuan")}</Typography.Text>
              </div>
              <div style={{ display: "grid", gridTemplateColumns: withIndustry ? "auto 1fr" : "1fr" }}>
                {rankings.filter((r) => r.scope === scope).map((r) => (
                  <div key={`${r.scope}-${r.industry ?? ""}`} style={{ display: "contents" }}>
                    {withIndustry && <Typography.Text type="secondary" style={ROW}>{r.industry ?? t("dashboard.allIndustries")}</Typography.Text>}
                    <span style={{ ...ROW, display: "flex", flexWrap: "wrap", columnGap: 16 }}>
                      {r.leaders.length === 0 && <Typography.Text type="secondary">{t("dashboard.noLeaders")}</Typography.Text>}
                      {r.leaders.map((e) => (
                        <span key={e.entrant_id} style={{ whiteSpace: "nowrap" }}>
                          <Typography.Text type="secondary">{e.rank}.</Typography.Text> {e.name} <Typography.Text strong>{scoreText(r.unit, e.score)}</Typography.Text>
                        </span>
                      ))}
                    </span>
                  </div>
                ))}
              </div>
            </div>
          );
        })}
      </div>
    </Card>
  );
}
