import { useEffect, useState } from "react";
import { App, Button, DatePicker, Drawer, Input, Modal, Popconfirm, Progress, Select, Space, Table, Tag, Timeline, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { planLogText } from "../history";
import { planApi, type ItemStatus, type Person, type PlanItem } from "../api";
import { useExplain } from "../queries/errors";
import { usePlan, usePlanCommand, usePlanLog } from "../queries/plans";
import { known } from "../known";

const STATUSES: ItemStatus[] = ["not_started", "in_progress", "done", "blocked"];
const STATUS_COLORS: Record<ItemStatus, string> = { not_started: "default", in_progress: "processing", done: "success", blocked: "error" };

/** One plan: goal and team, its items with status, owner and due date, and the activity log. */
export default function PlanDrawer({ planId, people, onClose }: { planId: number; people: Person[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // Quick edits each refresh the plan and its log; a refresh started by an earlier edit is
  // dropped when a later one starts, so an older answer never replaces a newer one.
  const planQuery = usePlan(planId);
  const logQuery = usePlanLog(planId);
  const plan = planQuery.data ?? null;
  const log = logQuery.data ?? [];
  // The goal and team as typed, until saved; the plan's own until then.
  const [typed, setTyped] = useState<{ goal?: string; members?: number[] }>({});
  const goal = typed.goal ?? plan?.goal ?? "";
  const members = typed.members ?? plan?.members.map((m) => m.id) ?? [];
  const [blocking, setBlocking] = useState<PlanItem | null>(null);
  const [reason, setReason] = useState("");
  const [newTitle, setNewTitle] = useState("");
  const explain = useExplain();
  const command = usePlanCommand(planId);
  const loadError = planQuery.error ?? logQuery.error;
  useEffect(() => {
    if (loadError) message.error(explain(loadError));
  }, [loadError, explain, message]);

  const after = async (work: () => Promise<unknown>) => {
    try {
      await command.mutateAsync(work);
    } catch (e) {
      message.error(explain(e));
    }
  };

  const setStatus = (item: PlanItem, status: ItemStatus) => {
    if (status === "blocked") {
      setReason("");
      setBlocking(item);
    } else {
      void after(() => planApi.setStatus(item.id, status, ""));
    }
  };

  const edit = (item: PlanItem, patch: Partial<{ title: string; owner_id: number | null; due: string; note: string }>) =>
    after(() => planApi.updateItem(item.id, { title: item.title, owner_id: item.owner_id, due: item.due, note: item.note, ...patch }));

  const removeItem = async (item: PlanItem) => {
    await after(() => planApi.deleteItem(item.id));
    message.open({
      type: "info",
      content: <span>{t("plan.itemDeleted")} <Button type="link" size="small" onClick={() => void after(() => planApi.restoreItem(item.id))}>{t("plan.undo")}</Button></span>,
    });
  };

  // The list shows each person's team; the chosen one shows the name alone, so it fits its cell.
  const owners = people.map((p) => ({ value: p.id, label: p.team ? t("common.withNote", { name: p.name, note: p.team }) : p.name, short: p.name }));

  return (
    <Drawer open width={980} onClose={onClose} title={plan ? <span data-testid="plan-title">{t("common.withNote", { name: plan.client, note: plan.code })}</span> : "…"}
      extra={plan && <Progress type="circle" size={44} percent={plan.progress} data-testid="plan-progress" />}>
      {plan && (
        <Space direction="vertical" style={{ width: "100%" }} size="middle">
          <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr auto", gap: 12, alignItems: "end" }}>
            <div><Typography.Text type="secondary">{t("plan.goal")}</Typography.Text><Input value={goal} onChange={(e) => setTyped((v) => ({ ...v, goal: e.target.value }))} maxLength={500} /></div>
            <div><Typography.Text type="secondary">{t("plan.team")}</Typography.Text>
              <Select mode="multiple" style={{ width: "100%" }} value={members} onChange={(m: number[]) => setTyped((v) => ({ ...v, members: m }))} options={owners} optionFilterProp="label" optionLabelProp="short" /></div>
            <Button onClick={() => void after(() => planApi.saveGoal(plan.id, goal, members))}>{t("plan.saveGoal")}</Button>
          </div>
          <Table<PlanItem>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={plan.items}
            data-testid="plan-items"
            columns={[
              { title: t("plan.items"), dataIndex: "title", render: (v: string, item) => (
                <Typography.Text editable={{ onChange: (title) => title.trim() && title !== v && void edit(item, { title }) }}>{v}</Typography.Text>
              ) },
              { title: t("plan.owner"), width: 190, render: (_, item) => (
                <Select size="small" style={{ width: 180 }} value={item.owner_id ?? undefined} options={owners} showSearch optionFilterProp="label"
                  optionLabelProp="short" popupMatchSelectWidth={false} data-testid={`item-owner-${item.id}`}
                  onChange={(owner_id: number) => void edit(item, { owner_id })} />
              ) },
              { title: t("plan.due"), width: 150, render: (_, item) => (
                <Space direction="vertical" size={0}>
                  <DatePicker size="small" allowClear={false} value={dayjs(item.due)} onChange={(d) => d && void edit(item, { due: d.format("YYYY-MM-DD") })} />
                  {item.late && <Tag color="red" style={{ marginTop: 2 }}>{t("plan.late")}</Tag>}
                </Space>
              ) },
              { title: t("plan.status"), width: 150, render: (_, item) => (
                <Space direction="vertical" size={0}>
                  <Select size="small" style={{ width: 120 }} value={item.status} onChange={(s: ItemStatus) => setStatus(item, s)}
                    data-testid={`item-status-${item.id}`}
                    options={STATUSES.map((s) => ({ value: s, label: <Tag color={STATUS_COLORS[s]}>{t(`plan.statuses.${s}`)}</Tag> }))} />
                  {item.done_on && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("plan.doneOn", { date: item.done_on })}{item.done_late ? ` · ${t("plan.doneLate")}` : ""}</Typography.Text>}
                  {item.status === "blocked" && <Typography.Text type="danger" style={{ fontSize: 12 }}>{item.blocked_reason}</Typography.Text>}
                </Space>
              ) },
              { title: t("plan.note"), render: (_, item) => (
                <Typography.Text editable={{ onChange: (note) => note !== item.note && void edit(item, { note }) }} type="secondary">{item.note}</Typography.Text>
              ) },
              { title: t("common.actions"), width: 76, render: (_, item) => (
                <Popconfirm title={t("plan.itemDeleteConfirm")} okText={t("common.yes")} cancelText={t("common.no")} onConfirm={() => void removeItem(item)}>
                  <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t("common.delete")} />
                </Popconfirm>
              ) },
            ]}
          />
          <Space.Compact style={{ width: 420 }}>
            <Input placeholder={t("plan.addTitle")} value={newTitle} onChange={(e) => setNewTitle(e.target.value)} />
            <Button icon={<PlusOutlined />} disabled={!newTitle.trim()} onClick={() => {
              void after(() => planApi.addItem(plan.id, newTitle, plan.members[0]?.id ?? null, plan.items.at(-1)?.due ?? dayjs().format("YYYY-MM-DD")));
              setNewTitle("");
            }}>{t("plan.add")}</Button>
          </Space.Compact>
          <Typography.Title level={5}>{t("plan.log")}</Typography.Title>
          <Timeline data-testid="plan-log" items={log.slice(0, 30).map((l) => ({
            children: <span><Typography.Text type="secondary">{l.at} · {known(l.author)}</Typography.Text> {l.item ? t("common.quoted", { text: l.item }) : ""}{planLogText(l, t)}</span>,
          }))} />
        </Space>
      )}
      <Modal open={blocking !== null} title={t("plan.reasonTitle")} okText={t("common.save")} cancelText={t("common.cancel")}
        okButtonProps={{ disabled: !reason.trim() }} onCancel={() => setBlocking(null)}
        onOk={() => { if (blocking) void after(() => planApi.setStatus(blocking.id, "blocked", reason)); setBlocking(null); }}>
        <Input.TextArea autoFocus value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t("plan.reasonRequired")} maxLength={300} />
      </Modal>
    </Drawer>
  );
}
