import { useState } from "react";
import { Alert, App, Button, Card, DatePicker, Empty, Popconfirm, Radio, Select, Space, Typography } from "antd";
import { EditOutlined, ImportOutlined, LockOutlined, PlusOutlined } from "@ant-design/icons";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { awardApi, importApi, type AchievementReport, type Award, type Scope } from "../api";
import { usePeople, useTeams } from "../queries/campaigns";
import { useAwardChanges, useAwards, useIncentiveBudget, useMetrics, useRankHistory, useStandings } from "../queries/awards";
import { useCheckedImport } from "../queries/checkedImport";
import { useServerError } from "../queries/errors";
import AwardEditor from "../components/AwardEditor";
import AchievementForm from "../components/awards/AchievementForm";
import AchievementsView from "../components/awards/AchievementsView";
import StandingsView from "../components/awards/StandingsView";
import IncentiveBudgetCard, { prizeCostText } from "../components/awards/IncentiveBudgetCard";
import { formatFen } from "../format";
import CheckedImportModal from "../components/CheckedImportModal";
import WeeklyReportButton from "../components/WeeklyReportButton";
import { known } from "../known";

/** The leaderboard: every award's rankings as of a date, podium, chart, weekly movement, lock. */
export default function Awards({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const [scope, setScope] = useState<Scope>("team");
  const [industry, setIndustry] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Award | "new" | null>(null);
  const standingsQuery = useStandings(campaignId, asOf ? asOf.format("YYYY-MM-DD") : null);
  const metricsQuery = useMetrics(campaignId);
  const teamsQuery = useTeams();
  const peopleQuery = usePeople();
  // The award list only feeds the editor: a failure leaves it empty.
  const awards = useAwards(campaignId).data ?? [];
  const standings = standingsQuery.data ?? null;
  const metrics = metricsQuery.data ?? [];
  const teams = teamsQuery.data ?? [];
  const people = peopleQuery.data ?? [];
  const { failure, fail, clear } = useServerError(standingsQuery.error, metricsQuery.error, teamsQuery.error, peopleQuery.error);
  const { lock, standingsChanged, setBudget } = useAwardChanges(campaignId);
  // The budget is a side view: a failure shows no card.
  const budget = useIncentiveBudget(campaignId, asOf ? asOf.format("YYYY-MM-DD") : null).data ?? null;
  const achievements = useCheckedImport<AchievementReport>({
    check: (file) => awardApi.importAchievements(file, campaignId, true),
    apply: (file) => awardApi.importAchievements(file, campaignId, false),
    onError: fail,
  });

  const selected = picked ?? standings?.[0]?.award_id ?? null;
  const standing = standings?.find((s) => s.award_id === selected) ?? null;
  const rankings = (standing?.rankings ?? []).filter((r) => r.scope === scope);
  const industries = [...new Set(rankings.map((r) => r.industry).filter((x): x is string => !!x))];
  const criteria = standing?.tie_breaks ?? [];
  const ranking = rankings.find((r) => r.industry === (industries.length ? industry ?? industries[0] : null)) ?? null;
  // The movement chart is a side view: a failure shows no lines.
  const history = useRankHistory(campaignId, selected, scope, asOf ? asOf.format("YYYY-MM-DD") : null).data ?? [];

  const runImport = async () => {
    const report = await achievements.apply();
    if (!report) return;
    achievements.reset();
    message.success(t("award.imported", { count: report.added }));
    void standingsChanged();
  };

  const lockNow = async () => {
    if (selected === null) return;
    try {
      await lock.mutateAsync(selected);
      message.success(t("award.lockedOk"));
    } catch (e) {
      fail(e);
    }
  };

  const checked = achievements.applied ? null : achievements.report;
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 16 }}>
      {failure && <Alert type="error" showIcon message={failure} closable onClose={clear} />}
      <Space wrap>
        <Select style={{ width: 220 }} value={selected ?? undefined} onChange={(v: number) => { setPicked(v); setIndustry(null); }}
          options={(standings ?? []).map((s) => ({ value: s.award_id, label: s.name }))} data-testid="award-select" />
        <Radio.Group value={scope} onChange={(e) => setScope(e.target.value)} optionType="button"
          options={[{ value: "team", label: t("award.teams") }, { value: "person", label: t("award.people") }]} />
        {industries.length > 0 && (
          <Select style={{ width: 150 }} value={industry ?? industries[0]} onChange={setIndustry} options={industries.map((i) => ({ value: i, label: i }))} />
        )}
        <DatePicker placeholder={t("award.asOfToday")} value={asOf} onChange={setAsOf} />
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t("award.addAchievement")}</Button>
        <Button icon={<ImportOutlined />} onClick={() => void achievements.pickAndCheck(importApi.pickFile)} data-testid="achievements-import">{t("award.importAchievements")}</Button>
        <Button icon={<PlusOutlined />} onClick={() => setEditing("new")}>{t("award.newTitle")}</Button>
        <Button icon={<EditOutlined />} disabled={!standing || !!standing.locked}
          onClick={() => setEditing(awards.find((a) => a.id === selected) ?? null)}>{t("award.editTitle")}</Button>
        <WeeklyReportButton campaignId={campaignId} asOf={asOf ? asOf.format("YYYY-MM-DD") : undefined} />
        {standing && !standing.locked && (
          <Popconfirm title={t("award.lockConfirm")} okText={t("award.lock")} cancelText={t("common.no")} onConfirm={() => void lockNow()}>
            <Button danger icon={<LockOutlined />}>{t("award.lock")}</Button>
          </Popconfirm>
        )}
      </Space>
      {standing?.locked && <Alert type="info" showIcon icon={<LockOutlined />} message={t("award.lockedBy", { at: standing.locked.at, by: standing.locked.by })} />}
      {standing && (
        <Typography.Text type="secondary" data-testid="award-rules">
          {criteria.length
            ? <>{t("ties.criteria")}{t("common.colon")}{criteria.map((c) => t(`ties.criterion.${c}`)).concat(t("ties.sharedPlace")).join(" → ")}</>
            : t("ties.noneShared")}
          {" · "}{standing.shared_tiers ? t("ties.tiersShared") : t("ties.tiersNotShared")}
          {standing.tie_break && <> · {known(standing.tie_break)}</>} · {t("award.asOf", { date: standing.as_of })}
        </Typography.Text>
      )}
      {standing?.prize_cost && (
        <Typography.Text data-testid="prize-cost">
          {t("ties.costLine", { cost: formatFen(standing.prize_cost.cost), detail: prizeCostText(t, standing.prize_cost) })}
        </Typography.Text>
      )}
      {!ranking ? <Card><Empty description={t("award.empty")} /></Card> : <StandingsView ranking={ranking} history={history} criteria={criteria.length > 0} />}
      {budget && (
        <IncentiveBudgetCard budget={budget} onSave={async (fen) => {
          try {
            await setBudget.mutateAsync(fen);
          } catch (e) {
            fail(e);
          }
        }} />
      )}
      {editing && (
        <AwardEditor campaignId={campaignId} award={editing === "new" ? null : editing} awards={awards} metrics={metrics} teams={teams} people={people}
          onClose={() => setEditing(null)} onSaved={() => setEditing(null)} />
      )}
      <CheckedImportModal
        open={checked !== null}
        title={t("award.importAchievements")}
        okText={t("import.go")}
        cancelText={t("common.cancel")}
        problems={checked?.problems ?? []}
        ready={checked && <Alert type="success" showIcon message={t("award.importReady", { file: checked.file, count: checked.added })} />}
        problemsMessage={checked && <Alert type="error" showIcon message={t("import.problems", { count: checked.problems.length })} style={{ marginBottom: 8 }} />}
        table={{ labels: "import", pageSize: 6, widths: [60, 90, 110] }}
        onOk={() => void runImport()}
        onCancel={achievements.reset}
      />
      <AchievementsView campaignId={campaignId} metrics={metrics} people={people} teams={teams} />
      <AchievementForm campaignId={campaignId} open={adding} metrics={metrics} people={people} teams={teams} onClose={() => setAdding(false)} onError={fail} />
    </div>
  );
}
