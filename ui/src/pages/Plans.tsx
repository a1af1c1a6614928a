import { useCallback, useEffect, useMemo, useState } from "react";
import { Alert, App, Button, Card, Empty, Input, Modal, Popconfirm, Progress, Select, Space, Table, Tabs, Tag } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { api, ApiError, planApi, type Category, type ClientRow, type DueDay, type Person, type PlanFilter, type PlanSummary, type Team, type Workload } from "../api";
import Chart from "../components/Chart";
import PlanDrawer from "../components/PlanDrawer";
import PlanTemplate from "../components/PlanTemplate";

/** 一户一案: all plans with progress and lateness, an owner's workload, and the due-date timeline. */
export default function Plans({ campaignId }: { campaignId: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [filter, setFilter] = useState<PlanFilter>({});
  const [teams, setTeams] = useState<Team[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [workload, setWorkload] = useState<Workload[]>([]);
  const [timeline, setTimeline] = useState<DueDay[]>([]);
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [candidates, setCandidates] = useState<ClientRow[]>([]);
  const [pick, setPick] = useState<number | null>(null);
  const [goal, setGoal] = useState("");
  const [failure, setFailure] = useState<string | null>(null);

  const fail = useCallback((e: unknown) => setFailure(e instanceof ApiError ? e.message_for(i18n.language) : String(e)), [i18n.language]);
  const load = useCallback(() => {
    planApi.list(campaignId, filter).then(setPlans, fail);
    planApi.workload(campaignId).then(setWorkload, fail);
    planApi.timeline(campaignId).then(setTimeline, fail);
  }, [campaignId, filter, fail]);
  useEffect(load, [load]);
  useEffect(() => { Promise.all([api.teams(), api.people()]).then(([tm, pp]) => { setTeams(tm ?? []); setPeople(pp ?? []); }, fail); }, [fail]);

  const searchClients = async (search: string) => {
    const page = await api.clients({ campaign_id: campaignId, search, limit: 20 }).catch(() => null);
    setCandidates(page?.rows ?? []);
  };

  const create = async () => {
    if (pick === null) return;
    try {
      const plan = await planApi.create(campaignId, pick, goal);
      setCreating(false);
      setPick(null);
      setGoal("");
      load();
      setOpen(plan.id);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message_for(i18n.language) : String(e));
    }
  };

  const remove = async (plan: PlanSummary) => {
    try {
      await planApi.remove(plan.id);
      load();
      message.open({
        type: "info",
        content: <span>{t("plan.deleted")}：{plan.client} <Button type="link" size="small" onClick={() => void planApi.restore(plan.id).then(load, fail)}>{t("plan.undo")}</Button></span>,
        duration: 8,
      });
    } catch (e) {
      fail(e);
    }
  };

  const timelineChart = useMemo(() => ({
    tooltip: { trigger: "axis" as const },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: "category" as const, data: timeline.map((d) => d.due.slice(5)) },
    yAxis: { type: "value" as const, minInterval: 1 },
    series: [
      { name: t("plan.doneCount"), type: "bar" as const, stack: "s", data: timeline.map((d) => d.done), itemStyle: { color: "#52c41a" } },
      { name: t("plan.lateItems"), type: "bar" as const, stack: "s", data: timeline.map((d) => d.late), itemStyle: { color: "#cf1322" } },
      { name: t("plan.pending"), type: "bar" as const, stack: "s", data: timeline.map((d) => d.items - d.done - d.late), itemStyle: { color: "#bfbfbf" } },
    ],
  }), [timeline, t]);

  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 12 }}>
      {failure && <Alert type="error" showIcon message={failure} closable onClose={() => setFailure(null)} />}
      <Tabs items={[
        { key: "list", label: t("plan.list"), children: (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Space wrap>
              <Select allowClear placeholder={t("client.team")} style={{ width: 180 }} value={filter.team_id ?? undefined}
                onChange={(v: number | undefined) => setFilter((f) => ({ ...f, team_id: v ?? null }))} options={teams.map((tm) => ({ value: tm.id, label: tm.name }))} />
              <Select allowClear showSearch optionFilterProp="label" placeholder={t("plan.allOwners")} style={{ width: 140 }} value={filter.owner_id ?? undefined}
                onChange={(v: number | undefined) => setFilter((f) => ({ ...f, owner_id: v ?? null }))} options={people.map((p) => ({ value: p.id, label: p.name }))} />
              <Select allowClear placeholder={t("category.label")} style={{ width: 150 }} value={filter.category ?? undefined}
                onChange={(v: Category | undefined) => setFilter((f) => ({ ...f, category: v ?? null }))}
                options={(["strategic", "local_key", "campus", "sme"] as const).map((c) => ({ value: c, label: t(`category.${c}`) }))} />
              <Button type="primary" icon={<PlusOutlined />} onClick={() => { setCreating(true); void searchClients(""); }}>{t("plan.new")}</Button>
            </Space>
            <Table<PlanSummary>
              size="small"
              rowKey="id"
              loading={plans === null}
              dataSource={plans ?? []}
              data-testid="plan-table"
              pagination={{ pageSize: 50, showSizeChanger: false }}
              locale={{ emptyText: <Empty description={t("plan.empty")} /> }}
              onRow={(p) => ({ onClick: () => setOpen(p.id), style: { cursor: "pointer" } })}
              columns={[
                { title: t("client.code"), dataIndex: "code", width: 120, sorter: (a, b) => a.code.localeCompare(b.code) },
                { title: t("plan.client"), dataIndex: "client", ellipsis: true },
                { title: t("category.label"), dataIndex: "category", width: 120, render: (c: Category) => t(`category.${c}`) },
                { title: t("client.team"), dataIndex: "team", width: 170, ellipsis: true },
                { title: t("client.manager"), dataIndex: "account_manager", width: 90 },
                { title: t("plan.progress"), dataIndex: "progress", width: 160, sorter: (a, b) => a.progress - b.progress,
                  render: (v: number, p) => <span data-testid={`plan-progress-${p.code}`}><Progress percent={v} size="small" /></span> },
                { title: t("plan.late"), dataIndex: "late", width: 70, sorter: (a, b) => a.late - b.late, defaultSortOrder: undefined,
                  render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : "—") },
                { title: t("plan.blocked"), dataIndex: "blocked", width: 70, render: (v: number) => (v > 0 ? <Tag color="orange">{v}</Tag> : "—") },
                { title: "", width: 44, render: (_, p) => (
                  <span onClick={(e) => e.stopPropagation()}>
                    <Popconfirm title={t("plan.deleteConfirm")} okText={t("common.yes")} cancelText={t("common.no")} onConfirm={() => void remove(p)}>
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t("plan.delete")} />
                    </Popconfirm>
                  </span>
                ) },
              ]}
            />
          </Space>
        ) },
        { key: "workload", label: t("plan.workload"), children: (
          <Table<Workload> size="small" rowKey={(w) => String(w.owner_id)} dataSource={workload} pagination={false}
            columns={[
              { title: t("plan.owner"), render: (_, w) => w.owner ?? "—" },
              { title: t("plan.items"), dataIndex: "items", align: "right" },
              { title: t("plan.doneCount"), dataIndex: "done", align: "right" },
              { title: t("plan.lateItems"), dataIndex: "late", align: "right", render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : 0) },
              { title: t("plan.progress"), width: 200, render: (_, w) => <Progress size="small" percent={w.items ? Math.floor((w.done * 100) / w.items) : 0} /> },
            ]} />
        ) },
        { key: "timeline", label: t("plan.timeline"), children: <Card size="small"><Chart option={timelineChart} height={320} /></Card> },
        { key: "template", label: t("plan.template"), children: <PlanTemplate campaignId={campaignId} /> },
      ]} />
      {open !== null && <PlanDrawer planId={open} people={people} onClose={() => setOpen(null)} onChanged={load} />}
      <Modal open={creating} title={t("plan.newTitle")} okText={t("common.create")} cancelText={t("common.cancel")} okButtonProps={{ disabled: pick === null }}
        onOk={() => void create()} onCancel={() => setCreating(false)}>
        <Space direction="vertical" style={{ width: "100%" }}>
          <Select showSearch filterOption={false} style={{ width: "100%" }} placeholder={t("plan.pickClient")} value={pick ?? undefined}
            onSearch={(v) => void searchClients(v)} onChange={(v: number) => setPick(v)}
            options={candidates.map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))} />
          <Input placeholder={t("plan.goal")} value={goal} onChange={(e) => setGoal(e.target.value)} maxLength={500} />
        </Space>
      </Modal>
    </div>
  );
}
