import { useCallback, useEffect, useMemo, useState } from "react";
import { Alert, App, Button, Card, DatePicker, Empty, Form, InputNumber, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from "antd";
import { EditOutlined, ImportOutlined, LockOutlined, PlusOutlined, PrinterOutlined, TrophyOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { api, ApiError, awardApi, importApi, type AchievementReport, type Award, type Person, type Ranking, type Scope, type Standing, type StandingEntry, type Team } from "../api";
import { fenFromYuan } from "../format";
import Chart from "../components/Chart";
import AwardEditor from "../components/AwardEditor";

function scoreText(r: Ranking, score: number): string {
  return r.unit === "quantity" ? String(score) : `${(score / 100).toFixed(1)}%`;
}

/** The leaderboard: every award's rankings as of a date, podium, chart, weekly movement, lock. */
export default function Awards({ campaignId }: { campaignId: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [standings, setStandings] = useState<Standing[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [scope, setScope] = useState<Scope>("team");
  const [industry, setIndustry] = useState<string | null>(null);
  const [history, setHistory] = useState<[string, StandingEntry[]][]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [metrics, setMetrics] = useState<[string, string][]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [form] = Form.useForm();
  const [awards, setAwards] = useState<Award[]>([]);
  const [editing, setEditing] = useState<Award | "new" | null>(null);
  const [importing, setImporting] = useState<{ file: string; report: AchievementReport } | null>(null);

  const loadAwards = useCallback(() => awardApi.list(campaignId).then((a) => setAwards(a ?? []), () => setAwards([])), [campaignId]);
  useEffect(() => { void loadAwards(); }, [loadAwards]);
  const loadMetrics = useCallback(() => awardApi.metrics(campaignId).then((m) => setMetrics(m ?? []), () => undefined), [campaignId]);

  const fail = useCallback((e: unknown) => setFailure(e instanceof ApiError ? e.message_for(i18n.language) : String(e)), [i18n.language]);
  const load = useCallback(() => {
    awardApi.standings(campaignId, asOf ? asOf.format("YYYY-MM-DD") : null).then((s) => {
      setStandings(s ?? []);
      setSelected((cur) => cur ?? s?.[0]?.award_id ?? null);
    }, fail);
  }, [campaignId, asOf, fail]);

  const checkImport = async () => {
    try {
      const picked = await importApi.pickFile();
      if (!picked) return;
      setImporting({ file: picked.token, report: await awardApi.importAchievements(picked.token, campaignId, true) });
    } catch (e) {
      fail(e);
    }
  };

  const runImport = async () => {
    if (!importing) return;
    try {
      const report = await awardApi.importAchievements(importing.file, campaignId, false);
      setImporting(null);
      message.success(t("award.imported", { count: report.added }));
      load();
    } catch (e) {
      fail(e);
    }
  };

  useEffect(load, [load]);
  useEffect(() => {
    Promise.all([awardApi.metrics(campaignId), api.teams(), api.people()]).then(([m, tm, pp]) => { setMetrics(m ?? []); setTeams(tm ?? []); setPeople(pp ?? []); }, fail);
  }, [campaignId, fail]);

  const standing = standings?.find((s) => s.award_id === selected) ?? null;
  const rankings = (standing?.rankings ?? []).filter((r) => r.scope === scope);
  const industries = [...new Set(rankings.map((r) => r.industry).filter((x): x is string => !!x))];
  const ranking = rankings.find((r) => r.industry === (industries.length ? industry ?? industries[0] : null)) ?? null;

  useEffect(() => {
    if (selected === null) return;
    awardApi.history(selected, scope).then((h) => setHistory(h ?? []), () => setHistory([]));
  }, [selected, scope, standings]);

  const bars = useMemo(() => {
    const top = (ranking?.entries ?? []).slice(0, 15);
    return {
      grid: { left: 8, right: 60, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value" as const, axisLabel: { show: false }, splitLine: { show: false } },
      yAxis: { type: "category" as const, inverse: true, data: top.map((e) => `${e.rank}. ${e.name}`) },
      series: [{ type: "bar" as const, data: top.map((e) => e.score), itemStyle: { color: "#b01e23" },
        label: { show: true, position: "right" as const, formatter: (p: { value: unknown }) => (ranking ? scoreText(ranking, Number(p.value)) : "") } }],
    };
  }, [ranking]);

  const movement = useMemo(() => {
    const names = (ranking?.entries ?? []).slice(0, 6).map((e) => e.name);
    return {
      tooltip: { trigger: "axis" as const },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 60, bottom: 8, containLabel: true },
      xAxis: { type: "category" as const, data: history.map(([d]) => d.slice(5)) },
      yAxis: { type: "value" as const, inverse: true, minInterval: 1, min: 1 },
      series: names.map((name) => ({ name, type: "line" as const, data: history.map(([, entries]) => entries.find((e) => e.name === name)?.rank ?? null) })),
    };
  }, [history, ranking]);

  const lock = async () => {
    if (selected === null) return;
    try {
      await awardApi.lock(selected);
      message.success(t("award.lockedOk"));
      load();
    } catch (e) {
      fail(e);
    }
  };

  const addAchievement = async () => {
    const v = await form.validateFields();
    try {
      await awardApi.addAchievement(campaignId, {
        date: (v.date as Dayjs).format("YYYY-MM-DD"),
        metric: v.metric,
        team_id: v.team_id ?? people.find((p) => p.id === v.person_id)?.team_id ?? null,
        person_id: v.person_id ?? null,
        quantity: v.quantity,
        amount: fenFromYuan(v.amount),
        client_id: null,
        note: "",
      });
      setAdding(false);
      form.resetFields();
      load();
    } catch (e) {
      fail(e);
    }
  };

  const podium = (ranking?.entries ?? []).filter((e) => e.score > 0).slice(0, 3);

  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 16 }} className="printable">
      {failure && <Alert type="error" showIcon message={failure} closable onClose={() => setFailure(null)} />}
      <Space wrap className="no-print">
        <Select style={{ width: 220 }} value={selected ?? undefined} onChange={(v: number) => { setSelected(v); setIndustry(null); }}
          options={(standings ?? []).map((s) => ({ value: s.award_id, label: s.name }))} data-testid="award-select" />
        <Radio.Group value={scope} onChange={(e) => setScope(e.target.value)} optionType="button"
          options={[{ value: "team", label: t("award.teams") }, { value: "person", label: t("award.people") }]} />
        {industries.length > 0 && (
          <Select style={{ width: 150 }} value={industry ?? industries[0]} onChange={setIndustry} options={industries.map((i) => ({ value: i, label: i }))} />
        )}
        <DatePicker placeholder={t("award.asOfToday")} value={asOf} onChange={setAsOf} />
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t("award.addAchievement")}</Button>
        <Button icon={<ImportOutlined />} onClick={() => void checkImport()} data-testid="achievements-import">{t("award.importAchievements")}</Button>
        <Button icon={<PlusOutlined />} onClick={() => setEditing("new")}>{t("award.newTitle")}</Button>
        <Button icon={<EditOutlined />} disabled={!standing || !!standing.locked}
          onClick={() => setEditing(awards.find((a) => a.id === selected) ?? null)}>{t("award.editTitle")}</Button>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t("award.print")}</Button>
        {standing && !standing.locked && (
          <Popconfirm title={t("award.lockConfirm")} okText={t("award.lock")} cancelText={t("common.no")} onConfirm={() => void lock()}>
            <Button danger icon={<LockOutlined />}>{t("award.lock")}</Button>
          </Popconfirm>
        )}
      </Space>
      {standing?.locked && <Alert type="info" showIcon icon={<LockOutlined />} message={t("award.lockedBy", { at: standing.locked.at, by: standing.locked.by })} />}
      {standing && <Typography.Text type="secondary">{t("award.tieBreak")}：{standing.tie_break || "—"} · {t("award.asOf", { date: standing.as_of })}</Typography.Text>}
      {!ranking ? <Card><Empty description={t("award.empty")} /></Card> : (
        <>
          <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr 1fr", gap: 16 }} data-testid="podium">
            {podium.map((e, i) => (
              <Card key={e.entrant_id} size="small" style={{ textAlign: "center", borderColor: ["#d4b106", "#8c8c8c", "#ad6800"][i] }}>
                <TrophyOutlined style={{ fontSize: 28, color: ["#d4b106", "#8c8c8c", "#ad6800"][i] }} />
                <div style={{ fontSize: 16, fontWeight: 600 }}>{e.name}</div>
                <div>{t("award.rank", { rank: e.rank })} · {scoreText(ranking, e.score)}</div>
                {e.tier && <Tag color="gold">{e.tier}</Tag>}
              </Card>
            ))}
          </div>
          <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 16 }}>
            <Card size="small" title={t("award.chart")}><Chart option={bars} height={300} /></Card>
            <Card size="small" title={t("award.movement")}><Chart option={movement} height={300} /></Card>
          </div>
          <Table size="small" rowKey="entrant_id" pagination={false} dataSource={ranking.entries} data-testid="standings-table"
            columns={[
              { title: t("award.rankCol"), dataIndex: "rank", width: 70 },
              { title: t("award.entrant"), dataIndex: "name" },
              { title: t("award.score"), align: "right", render: (_, e) => scoreText(ranking, e.score) },
              { title: t("award.gap"), align: "right", render: (_, e) => (e.gap ? scoreText(ranking, e.gap) : "—") },
              { title: t("award.tier"), render: (_, e) => (e.tier ? <Tag color="gold">{e.tier}</Tag> : "—") },
            ]} />
        </>
      )}
      {editing && (
        <AwardEditor campaignId={campaignId} award={editing === "new" ? null : editing} awards={awards} metrics={metrics} teams={teams} people={people}
          onClose={() => setEditing(null)} onMetricsChanged={() => void loadMetrics()}
          onSaved={() => { setEditing(null); void loadAwards(); load(); }} />
      )}
      <Modal open={importing !== null} title={t("award.importAchievements")} onCancel={() => setImporting(null)}
        okText={t("import.go")} cancelText={t("common.cancel")} okButtonProps={{ disabled: !!importing?.report.problems.length }} onOk={() => void runImport()}>
        {importing && (importing.report.problems.length > 0 ? (
          <>
            <Alert type="error" showIcon message={t("import.problems", { count: importing.report.problems.length })} style={{ marginBottom: 8 }} />
            <Table size="small" rowKey={(p) => `${p.line}-${p.column}`} dataSource={importing.report.problems} pagination={{ pageSize: 6 }}
              columns={[
                { title: t("import.line"), dataIndex: "line", width: 60 },
                { title: t("import.column"), dataIndex: "column", width: 90 },
                { title: t("import.value"), dataIndex: "value", width: 110 },
                { title: t("import.problem"), render: (_, p) => (i18n.language.startsWith("zh") ? p.message_zh : p.message_en) },
              ]} />
          </>
        ) : (
          <Alert type="success" showIcon message={t("award.importReady", { file: importing.report.file, count: importing.report.added })} />
        ))}
      </Modal>
      <Modal open={adding} title={t("award.addAchievement")} okText={t("common.save")} cancelText={t("common.cancel")} onOk={() => void addAchievement()} onCancel={() => setAdding(false)}>
        <Form form={form} layout="vertical" initialValues={{ date: dayjs(), quantity: 1, amount: 0 }}>
          <Form.Item name="metric" label={t("award.metric")} rules={[{ required: true }]}>
            <Select options={metrics.map(([code, name]) => ({ value: code, label: name }))} />
          </Form.Item>
          <Form.Item name="date" label={t("award.date")} rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="person_id" label={t("award.person")}>
            <Select allowClear showSearch optionFilterProp="label" options={people.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
          <Form.Item name="team_id" label={t("award.team")}>
            <Select allowClear options={teams.map((tm) => ({ value: tm.id, label: tm.name }))} />
          </Form.Item>
          <Space>
            <Form.Item name="quantity" label={t("award.quantity")} rules={[{ required: true }]}><InputNumber min={0} precision={0} /></Form.Item>
            <Form.Item name="amount" label={t("award.amount")}><InputNumber min={0} precision={2} /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </div>
  );
}
