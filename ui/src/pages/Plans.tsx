import { useMemo, useState } from "react";
import { Alert, App, Button, Card, Empty, Input, Modal, Popconfirm, Progress, Select, Space, Table, Tabs, Tag } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { planApi, type Category, type PlanFilter, type PlanSummary, type Workload } from "../api";
import { usePeople, useTeams } from "../queries/campaigns";
import { useClientOptions } from "../queries/clients";
import { useServerError } from "../queries/errors";
import { useCreatePlan, usePlanCommand, usePlans, useTimeline, useWorkload } from "../queries/plans";
import Chart from "../components/Chart";
import PlanDrawer from "../components/PlanDrawer";
import PlanTemplate from "../components/PlanTemplate";
import { useRemembered } from "../components/table/memory";
import { resizableHeader, useColumnWidths } from "../components/table/resizable";
import UnplannedTargets from "../components/plans/UnplannedTargets";

/** 一户一案: all plans with progress and lateness, an owner's workload, and the due-date timeline. */
export default function Plans({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [filter, setFilter] = useRemembered<PlanFilter>("plans.filter", {});
  const sizedPlans = useColumnWidths("plans");
  const plansQuery = usePlans(campaignId, filter);
  const workloadQuery = useWorkload(campaignId);
  const timelineQuery = useTimeline(campaignId);
  const teamsQuery = useTeams();
  const peopleQuery = usePeople();
  const plans = plansQuery.data ?? null;
  const workload = workloadQuery.data ?? [];
  const timeline = timelineQuery.data;
  const teams = teamsQuery.data ?? [];
  const people = peopleQuery.data ?? [];
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState("");
  // Only targets without a plan are offered: a second plan for a client would be refused.
  const candidates = useClientOptions(campaignId, search, creating, "plan").data?.rows ?? [];
  const [pick, setPick] = useState<number | null>(null);
  const [goal, setGoal] = useState("");
  const { failure, fail, clear, explain } = useServerError(plansQuery.error, workloadQuery.error, timelineQuery.error, teamsQuery.error, peopleQuery.error);
  const createPlan = useCreatePlan(campaignId);
  const command = usePlanCommand();

  const create = async () => {
    if (pick === null) return;
    try {
      const plan = await createPlan.mutateAsync({ clientId: pick, goal });
      setCreating(false);
      setPick(null);
      setGoal("");
      setOpen(plan.id);
    } catch (e) {
      message.error(explain(e));
    }
  };

  const remove = async (plan: PlanSummary) => {
    try {
      await command.mutateAsync(() => planApi.remove(plan.id));
      message.open({
        type: "info",
        content: <span>{t("plan.deleted")}{t("common.colon")}{plan.client} <Button type="link" size="small" onClick={() => void command.mutateAsync(() => planApi.restore(plan.id)).catch(fail)}>{t("plan.undo")}</Button></span>,
        duration: 8,
      });
    } catch (e) {
      fail(e);
    }
  };

  const timelineChart = useMemo(() => {
    const days = timeline ?? [];
    return {
      tooltip: { trigger: "axis" as const },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 30, bottom: 8, containLabel: true },
      xAxis: { type: "category" as const, data: days.map((d) => d.due.slice(5)) },
      yAxis: { type: "value" as const, minInterval: 1 },
      series: [
        { name: t("plan.doneCount"), type: "bar" as const, stack: "s", data: days.map((d) => d.done), itemStyle: { color: "#52c41a" } },
        { name: t("plan.lateItems"), type: "bar" as const, stack: "s", data: days.map((d) => d.late), itemStyle: { color: "#cf1322" } },
        { name: t("plan.pending"), type: "bar" as const, stack: "s", data: days.map((d) => d.pending), itemStyle: { color: "#bfbfbf" } },
      ],
    };
  }, [timeline, t]);

  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 12 }}>
      {failure && <Alert type="error" showIcon message={failure} closable onClose={clear} />}
      <Tabs items={[
        { key: "list", label: t("plan.list"), children: (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Space wrap>
              <Select allowClear placeholder={t("client.team")} style={{ width: 180 }} value={filter.team_id ?? undefined}
                onChange={(v: number | undefined) => setFilter((f) => ({ ...f, team_id: v ?? null }))} options={teams.map((tm) => ({ value: tm.id, label: tm.name }))} />
              <Select allowClear showSearch optionFilterProp="label" placeholder={t("plan.allOwners")} style={{ width: 160 }} popupMatchSelectWidth={false} value={filter.owner_id ?? undefined}
                onChange={(v: number | undefined) => setFilter((f) => ({ ...f, owner_id: v ?? null }))} options={people.map((p) => ({ value: p.id, label: p.name }))} />
              <Select allowClear placeholder={t("category.label")} style={{ width: 150 }} value={filter.category ?? undefined}
                onChange={(v: Category | undefined) => setFilter((f) => ({ ...f, category: v ?? null }))}
                options={(["strategic", "local_key", "campus", "sme"] as const).map((c) => ({ value: c, label: t(`category.${c}`) }))} />
              <Button type="primary" icon={<PlusOutlined />} onClick={() => { setCreating(true); setSearch(""); }}>{t("plan.new")}</Button>
            </Space>
            <Table<PlanSummary>
              size="small"
              rowKey="id"
              loading={plans === null}
              dataSource={plans ?? []}
              data-testid="plan-table"
              data-shortcut="rows"
              pagination={{ pageSize: 50, showSizeChanger: false }}
              locale={{ emptyText: <Empty description={t("plan.empty")} /> }}
              onRow={(p) => ({ onClick: () => setOpen(p.id), style: { cursor: "pointer" } })}
              components={resizableHeader}
              tableLayout="fixed"
              scroll={{ x: 1060 }}
              columns={sizedPlans<PlanSummary>([
                { key: "code", title: t("client.code"), dataIndex: "code", width: 120, sorter: (a, b) => a.code.localeCompare(b.code) },
                { key: "client", title: t("plan.client"), dataIndex: "client", width: 240, ellipsis: true },
                { key: "category", title: t("category.label"), dataIndex: "category", width: 130, render: (c: Category) => t(`category.${c}`) },
                { key: "team", title: t("client.team"), dataIndex: "team", width: 170, ellipsis: true },
                { key: "manager", title: t("client.manager"), dataIndex: "account_manager", width: 100, ellipsis: true },
                { key: "progress", title: t("plan.progress"), dataIndex: "progress", width: 160, sorter: (a, b) => a.progress - b.progress,
                  render: (v: number, p) => <span data-testid={`plan-progress-${p.code}`}><Progress percent={v} size="small" /></span> },
                { key: "late", title: t("plan.late"), dataIndex: "late", width: 80, sorter: (a, b) => a.late - b.late, defaultSortOrder: undefined,
                  render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : "—") },
                { key: "blocked", title: t("plan.blocked"), dataIndex: "blocked", width: 80, render: (v: number) => (v > 0 ? <Tag color="orange">{v}</Tag> : "—") },
                { title: t("common.actions"), width: 76, render: (_, p) => (
                  <span onClick={(e) => e.stopPropagation()}>
                    <Popconfirm title={t("plan.deleteConfirm")} okText={t("common.yes")} cancelText={t("common.no")} onConfirm={() => void remove(p)}>
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t("plan.delete")} />
                    </Popconfirm>
                  </span>
                ) },
              ])}
            />
          </Space>
        ) },
        { key: "unplanned", label: t("plan.bulk.tab"), children: <UnplannedTargets campaignId={campaignId} /> },
        { key: "workload", label: t("plan.workload"), children: (
          <Table<Workload> size="small" rowKey={(w) => String(w.owner_id)} dataSource={workload} pagination={false}
            columns={[
              { title: t("plan.owner"), render: (_, w) => w.owner ?? "—" },
              { title: t("plan.items"), dataIndex: "items", align: "right" },
              { title: t("plan.doneCount"), dataIndex: "done", align: "right" },
              { title: t("plan.lateItems"), dataIndex: "late", align: "right", render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : 0) },
              { title: t("plan.progress"), width: 200, render: (_, w) => <Progress size="small" percent={w.progress} /> },
            ]} />
        ) },
        { key: "timeline", label: t("plan.timeline"), children: <Card size="small"><Chart option={timelineChart} height={320} /></Card> },
        { key: "template", label: t("plan.template"), children: <PlanTemplate key={campaignId} campaignId={campaignId} /> },
      ]} />
      {open !== null && <PlanDrawer planId={open} people={people} onClose={() => setOpen(null)} />}
      <Modal open={creating} title={t("plan.newTitle")} okText={t("common.create")} cancelText={t("common.cancel")} okButtonProps={{ disabled: pick === null }}
        onOk={() => void create()} onCancel={() => setCreating(false)}>
        <Space direction="vertical" style={{ width: "100%" }}>
          <Select showSearch filterOption={false} style={{ width: "100%" }} placeholder={t("plan.pickClient")} value={pick ?? undefined}
            onSearch={setSearch} onChange={(v: number) => setPick(v)}
            options={candidates.map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))} />
          <Input placeholder={t("plan.goal")} value={goal} onChange={(e) => setGoal(e.target.value)} maxLength={500} />
        </Space>
      </Modal>
    </div>
  );
}
