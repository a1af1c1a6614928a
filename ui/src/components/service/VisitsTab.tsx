import { useState } from "react";
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Modal, Space, Switch, Table, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { DueVisit, VisitLoad } from "../../api";
import { useServiceChanges, useVisitsDue, useVisitsLoad } from "../../queries/service";
import { useExplain } from "../../queries/errors";
import { useFailure } from "./useFailure";

/** 走访: visits due and overdue as of today (the tiers' schedules and visits asked for), by
 *  manager, and recording a visit. */
export default function VisitsTab({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [offset, setOffset] = useState(0);
  const due = useVisitsDue(campaignId, overdueOnly, offset);
  const load = useVisitsLoad(campaignId);
  const [recording, setRecording] = useState<DueVisit | null>(null);
  const explain = useExplain();
  const none = t("common.none");
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      {due.error && <Alert type="error" showIcon message={explain(due.error)} />}
      <Card size="small" title={t("service.visits.title")} extra={
        <Space><span>{t("service.visits.overdueOnly")}</span><Switch checked={overdueOnly} onChange={(v) => { setOverdueOnly(v); setOffset(0); }} data-testid="visits-overdue" /></Space>
      }>
        <Table<DueVisit>
          size="small"
          rowKey={(v) => `${v.client_id}-${v.from}-${v.request_id ?? ""}`}
          loading={due.isLoading}
          dataSource={due.data?.rows ?? []}
          scroll={{ x: "max-content" }} className="nowrap-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("service.visits.empty")} /> }}
          pagination={{ current: offset / 50 + 1, pageSize: 50, total: due.data?.total ?? 0, showSizeChanger: false, onChange: (p) => setOffset((p - 1) * 50), showTotal: (n) => t("service.total", { count: n }) }}
          columns={[
            { title: t("client.code"), dataIndex: "client_code" },
            { title: t("client.name"), dataIndex: "client" },
            { title: t("tier.label"), dataIndex: "tier", render: (v: string) => t(`tier.${v}`) },
            { title: t("client.manager"), key: "owner", render: (_, v) => (v.vip_manager ? `${v.owner || none} · ${v.vip_manager}` : v.owner || none) },
            { title: t("service.visits.due"), dataIndex: "due" },
            {
              title: t("service.visits.state"), key: "state",
              render: (_, v) => (v.overdue ? <Tag color="red">{t("service.visits.overdue", { count: v.days_overdue })}</Tag> : <Tag color="blue">{t("service.visits.open")}</Tag>),
            },
            { title: t("service.visits.reason"), key: "reason", render: (_, v) => (v.request_id ? v.reason : t("service.visits.scheduled")) },
            { title: t("service.visits.last"), dataIndex: "last_visit", render: (v: string | null) => v ?? none },
            { title: t("common.actions"), key: "act", render: (_, v) => <Button size="small" onClick={() => setRecording(v)} data-testid="visit-record">{t("service.visits.record")}</Button> },
          ]}
        />
      </Card>
      <Card size="small" title={t("service.visits.byManager")}>
        <Table<VisitLoad>
          size="small" rowKey="name" pagination={false} loading={load.isLoading} dataSource={load.data ?? []}
          columns={[
            { title: t("client.manager"), dataIndex: "name", render: (v: string) => v || t("service.unassigned") },
            { title: t("service.visits.dueCount"), dataIndex: "due", align: "right" },
            { title: t("service.visits.overdueCount"), dataIndex: "overdue", align: "right", render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : v) },
          ]}
        />
      </Card>
      {recording && <RecordVisit campaignId={campaignId} visit={recording} onClose={() => setRecording(null)} />}
    </Space>
  );
}

function RecordVisit({ campaignId, visit, onClose }: { campaignId: number; visit: DueVisit; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useFailure();
  const [form] = Form.useForm();
  const { recordVisit } = useServiceChanges(campaignId);
  const save = async () => {
    // The form shows its own problems; nothing is sent until they are fixed.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await recordVisit.mutateAsync({
        clientId: visit.client_id,
        input: { visited_on: (v.visited_on as Dayjs).format("YYYY-MM-DD"), met: v.met, needs: v.needs ?? "", competitors: v.competitors ?? "", next_steps: v.next_steps ?? "", request: visit.request_id },
      });
      message.success(t("service.visits.saved"));
      onClose();
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Modal open title={`${t("service.visits.record")} · ${visit.client}`} onCancel={onClose} onOk={() => void save()} confirmLoading={recordVisit.isPending}
      okText={t("common.save")} cancelText={t("common.cancel")} okButtonProps={{ "data-testid": "visit-save" }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ visited_on: dayjs() }}>
        <Form.Item name="visited_on" label={t("service.visits.date")} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} />
        </Form.Item>
        <Form.Item name="met" label={t("service.visits.met")} rules={[{ required: true, whitespace: true, message: t("service.visits.metRequired") }, { max: 200 }]}>
          <Input data-testid="visit-met" placeholder={t("service.visits.metHint")} />
        </Form.Item>
        <Form.Item name="needs" label={t("service.visits.needs")} rules={[{ max: 1000 }]}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="competitors" label={t("service.visits.competitors")} rules={[{ max: 1000 }]}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="next_steps" label={t("service.visits.nextSteps")} rules={[{ max: 1000 }]}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}
