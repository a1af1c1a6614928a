import { useMemo } from "react";
import { Card, Table, Tag, Tooltip, Typography } from "antd";
import { TrophyOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Ranking, StandingEntry } from "../../api";
import Chart from "../Chart";
import { formatFen } from "../../format";
import { tieReasonText } from "./tieText";
import { known } from "../../known";

export function scoreText(r: Ranking, score: number): string {
  return r.unit === "quantity" ? String(score) : `${(score / 100).toFixed(1)}%`;
}

const MEDALS = ["#d4b106", "#8c8c8c", "#ad6800"];

/** One ranking: the podium, the top fifteen as bars, the top six's weekly movement, and the table.
 *  Entrants on 0 win nothing: the charts leave them out and the table shows no tie for them.
 *  `criteria` says whether the award has tie-break criteria, so a shared place is not said to be
 *  "equal on every criterion" when there are none. */
export default function StandingsView({ ranking, history, criteria }: { ranking: Ranking; history: [string, StandingEntry[]][]; criteria: boolean }) {
  const { t } = useTranslation();
  const scoring = useMemo(() => ranking.entries.filter((e) => e.score > 0), [ranking]);

  const bars = useMemo(() => {
    const top = scoring.slice(0, 15);
    return {
      grid: { left: 8, right: 60, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value" as const, axisLabel: { show: false }, splitLine: { show: false } },
      yAxis: { type: "category" as const, inverse: true, data: top.map((e) => `${e.rank}. ${e.name}`) },
      series: [{ type: "bar" as const, data: top.map((e) => e.score), itemStyle: { color: "#b01e23" },
        label: { show: true, position: "right" as const, formatter: (p: { value: unknown }) => scoreText(ranking, Number(p.value)) } }],
    };
  }, [ranking, scoring]);

  const movement = useMemo(() => {
    const names = scoring.slice(0, 6).map((e) => e.name);
    return {
      tooltip: { trigger: "axis" as const },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 60, bottom: 8, containLabel: true },
      xAxis: { type: "category" as const, data: history.map(([d]) => d.slice(5)) },
      yAxis: { type: "value" as const, inverse: true, minInterval: 1, min: 1 },
      series: names.map((name) => ({ name, type: "line" as const, data: history.map(([, entries]) => entries.find((e) => e.name === name)?.rank ?? null) })),
    };
  }, [history, scoring]);

  const podium = scoring.slice(0, 3);

  return (
    <>
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr 1fr", gap: 16 }} data-testid="podium">
        {/* The medal follows the rank, not the place on the podium: a team tied for 2nd is silver. */}
        {podium.map((e) => (
          <Card key={e.entrant_id} size="small" style={{ textAlign: "center", borderColor: MEDALS[Math.min(e.rank, 3) - 1] }} data-medal={Math.min(e.rank, 3)}>
            <TrophyOutlined style={{ fontSize: 28, color: MEDALS[Math.min(e.rank, 3) - 1] }} />
            <div style={{ fontSize: 16, fontWeight: 600 }}>{e.name}</div>
            <div>{t("award.rank", { rank: e.rank })} · {scoreText(ranking, e.score)}</div>
            {e.tier && <Tag color="gold">{known(e.tier)}</Tag>}
          </Card>
        ))}
      </div>
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 16 }}>
        <Card size="small" title={t("award.chart")}><Chart option={bars} height={300} /></Card>
        <Card size="small" title={t("award.movement")}><Chart option={movement} height={300} /></Card>
      </div>
      <Table size="small" rowKey="entrant_id" pagination={false} dataSource={ranking.entries} data-testid="standings-table"
        columns={[
          { title: t("award.rankCol"), width: 110, onCell: () => ({ style: { whiteSpace: "nowrap" } }), render: (_, e) => (
            <>{e.rank}{e.shared && e.score > 0 && <Tag style={{ marginLeft: 6 }} data-testid="shared-place">{t("ties.shared")}</Tag>}</>
          ) },
          { title: t("award.entrant"), dataIndex: "name" },
          { title: t("award.score"), align: "right", render: (_, e) => scoreText(ranking, e.score) },
          { title: t("award.gap"), align: "right", render: (_, e) => (e.gap ? scoreText(ranking, e.gap) : "—") },
          { title: t("award.tier"), render: (_, e) => {
            if (e.tier) return <Tag color="gold">{known(e.tier)}</Tag>;
            if (e.contested?.length) {
              return (
                <Tooltip title={t("ties.contestedHelp")}>
                  <Tag color="orange" data-testid="contested">{t("ties.contested", { tiers: e.contested.join(t("ties.listSep")) })}</Tag>
                </Tooltip>
              );
            }
            return "—";
          } },
          { title: t("ties.column"), render: (_, e) => {
            if (e.score <= 0) {
              return <Typography.Text type="secondary" title={t("ties.nothingWon")} data-testid="no-tie">—</Typography.Text>;
            }
            const f = e.figures;
            const detail = f && t("ties.figures", { date: f.reached_on ?? "—", clients: f.clients, amount: formatFen(f.amount) });
            const text = e.tie_reason ? tieReasonText(t, e.tie_reason, ranking.scope)
              : e.shared ? t(criteria ? "ties.allEqual" : "ties.sharedNoCriteria") : "—";
            return detail ? <Tooltip title={detail}><span data-testid="tie-reason">{text}</span></Tooltip> : text;
          } },
        ]} />
    </>
  );
}
