import { useState } from "react";
import { Alert, App, Card, DatePicker, Empty, Form, Input, Modal, Select, Space, Table, Tag, Button } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { FibreRow, FibreStatus, FibreTeamCount } from "../../api";
import { useFibre, useFibreCounts, useServiceChanges } from "../../queries/service";
import { useExplain } from "../../queries/errors";
import { useFailure } from "./useFailure";

const STATUSES: FibreStatus[] = ["to_survey", "surveyed", "scheduled", "done", "not_coverable"];
const COLORS: Record<FibreStatus, string> = { to_survey: "default", surveyed: "blue", scheduled: "purple", done: "green", not_coverable: "red" };

/** 光纤准备 (strategy 4): the high-risk targets without fibre, by team and status, each moved
 *  along with the days that back it. */
export default function FibreTab({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const explain = useExplain();
  const [status, setStatus] = useState<FibreStatus | null>(null);
  const [offset, setOffset] = useState(0);
  const list = useFibre(campaignId, status, offset);
  const counts = useFibreCounts(campaignId);
  const [moving, setMoving] = useState<FibreRow | null>(null);
  const day = (v: string | null) => v ?? t("common.none");
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      {list.error && <Alert type="error" showIcon message={explain(list.error)} />}
      <Card size="small" title={t("service.fibre.byTeam")}>
        <Table<FibreTeamCount>
          size="small" rowKey={(r) => r.team_id ?? 0} pagination={false} loading={counts.isLoading} dataSource={counts.data ?? []} scroll={{ x: "max-content" }} className="nowrap-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("service.fibre.empty")} /> }}
          columns={[
            { title: t("client.team"), dataIndex: "team_name", render: (v: string) => v || t("service.unassigned") },
            ...STATUSES.map((s, i) => ({ title: t(`service.fibre.statuses.${s}`), key: s, align: "right" as const, render: (_: unknown, r: FibreTeamCount) => r.by_status[i]?.[1] ?? 0 })),
          ]}
        />
      </Card>
      <Card size="small" title={t("service.fibre.title")} extra={
        <Select<FibreStatus | "all"> style={{ minWidth: 140 }} value={status ?? "all"} onChange={(v) => { setStatus(v === "all" ? null : v); setOffset(0); }}
          options={[{ value: "all", label: t("common.all") }, ...STATUSES.map((s) => ({ value: s, label: t(`service.fibre.statuses.${s}`) }))]} data-testid="fibre-filter" />
      }>
        <Table<FibreRow>
          size="small" rowKey="client_id" loading={list.isLoading} dataSource={list.data?.rows ?? []} scroll={{ x: "max-content" }} className="nowrap-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("service.fibre.empty")} /> }}
          pagination={{ current: offset / 50 + 1, pageSize: 50, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => setOffset((p - 1) * 50), showTotal: (n) => t("service.total", { count: n }) }}
          columns={[
            { title: t("client.name"), key: "client", render: (_, r) => `${r.code} ${r.name}` },
            { title: t("client.team"), dataIndex: "team_name" },
            { title: t("client.manager"), dataIndex: "account_manager" },
            { title: t("service.fibre.status"), dataIndex: "status", render: (s: FibreStatus, r) => <Space size={4}><Tag color={COLORS[s]}>{t(`service.fibre.statuses.${s}`)}</Tag>{r.reason}</Space> },
            { title: t("service.fibre.surveyed"), dataIndex: "surveyed_on", render: day },
            { title: t("service.fibre.scheduled"), dataIndex: "scheduled_on", render: day },
            { title: t("service.fibre.done"), dataIndex: "done_on", render: day },
            { title: t("common.actions"), key: "act", render: (_, r) => <Button size="small" onClick={() => setMoving(r)} data-testid="fibre-move">{t("service.fibre.move")}</Button> },
          ]}
        />
      </Card>
      {moving && <MoveModal campaignId={campaignId} row={moving} onClose={() => setMoving(null)} />}
    </Space>
  );
}

function MoveModal({ campaignId, row, onClose }: { campaignId: number; row: FibreRow; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useFailure();
  const [form] = Form.useForm();
  const status = Form.useWatch("status", form) as FibreStatus | undefined;
  const { setFibre } = useServiceChanges(campaignId);
  const asDay = (v: Dayjs | null | undefined) => (v ? v.format("YYYY-MM-DD") : null);
  const save = async () => {
    // The form shows its own problems; nothing is sent until they are fixed.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await setFibre.mutateAsync({
        clientId: row.client_id,
        update: { status: v.status, reason: v.reason ?? "", surveyed_on: asDay(v.surveyed_on), scheduled_on: asDay(v.scheduled_on), done_on: asDay(v.done_on) },
      });
      message.success(t("service.fibre.saved"));
      onClose();
    } catch (e) {
      fail(e);
    }
  };
  const at = (v: string | null) => (v ? dayjs(v) : null);
  const past = (d: Dayjs) => d.isAfter(dayjs(), "day");
  const shows = (field: string) =>
    ({ surveyed_on: ["surveyed", "scheduled", "done", "not_coverable"], scheduled_on: ["scheduled", "done"], done_on: ["done"] })[field]?.includes(status ?? "") ?? false;
  return (
    <Modal open title={`${t("service.fibre.move")} · ${row.name}`} onCancel={onClose} onOk={() => void save()} confirmLoading={setFibre.isPending}
      okText={t("common.save")} cancelText={t("common.cancel")} okButtonProps={{ "data-testid": "fibre-save" }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ status: row.status, reason: row.reason, surveyed_on: at(row.surveyed_on), scheduled_on: at(row.scheduled_on), done_on: at(row.done_on) }}>
        <Form.Item name="status" label={t("service.fibre.status")} rules={[{ required: true }]}>
          <Select options={STATUSES.map((s) => ({ value: s, label: t(`service.fibre.statuses.${s}`) }))} data-testid="fibre-status" />
        </Form.Item>
        {shows("surveyed_on") && <Form.Item name="surveyed_on" label={t("service.fibre.surveyed")} rules={[{ required: status !== "not_coverable" }]}><DatePicker disabledDate={past} /></Form.Item>}
        {shows("scheduled_on") && <Form.Item name="scheduled_on" label={t("service.fibre.scheduled")} rules={[{ required: status === "scheduled" }]}><DatePicker /></Form.Item>}
        {shows("done_on") && <Form.Item name="done_on" label={t("service.fibre.done")} rules={[{ required: true }]}><DatePicker disabledDate={past} /></Form.Item>}
        {status === "not_coverable" && (
          <Form.Item name="reason" label={t("service.fibre.reason")} rules={[{ required: true, whitespace: true, message: t("service.fibre.reasonRequired") }, { max: 200 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
