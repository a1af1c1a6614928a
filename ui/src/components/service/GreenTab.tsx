import { useState } from "react";
import { Alert, App, Card, DatePicker, Empty, Form, Input, Modal, Segmented, Space, Table, Tag, Button } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { GreenRequest, OnTimeRate, RequestFilter, RequestStatus } from "../../api";
import { useRates, useRequests, useServiceChanges } from "../../queries/service";
import { useExplain } from "../../queries/errors";
import { useFailure } from "./useFailure";

type Show = "open" | "breached" | "all";

/** Short columns keep their words on one line. */
const oneLine = { onHeaderCell: () => ({ style: { whiteSpace: "nowrap" as const } }), onCell: () => ({ style: { whiteSpace: "nowrap" as const } }) };

function left(minutes: number | null, t: TFunction): string {
  if (minutes === null) return "";
  const hours = Math.floor(Math.abs(minutes) / 60);
  return minutes < 0 ? t("service.green.overdueBy", { hours }) : t("service.green.left", { hours });
}

/** 绿色通道: key clients' requests by time left to their deadline, breaches, and on-time rates
 *  per tier and team. */
export default function GreenTab({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const explain = useExplain();
  const [show, setShow] = useState<Show>("open");
  const [offset, setOffset] = useState(0);
  const filter: RequestFilter = { team_id: null, tier: null, kind: null, open_only: show === "open", breached_only: show === "breached" };
  const requests = useRequests(campaignId, filter, offset);
  const byTier = useRates(campaignId, false);
  const byTeam = useRates(campaignId, true);
  const [moving, setMoving] = useState<{ request: GreenRequest; to: RequestStatus } | null>(null);
  const rateColumns = (first: string) => [
    { title: first, dataIndex: "name", render: (v: string) => (first === t("tier.label") ? t(`tier.${v}`) : v || t("service.unassigned")) },
    { title: t("service.green.resolved"), dataIndex: "resolved", align: "right" as const },
    { title: t("service.green.onTime"), dataIndex: "on_time", align: "right" as const },
    { title: t("service.green.rate"), dataIndex: "rate", align: "right" as const, render: (v: number | null) => (v === null ? t("common.none") : `${v.toFixed(1)}%`) },
    { title: t("service.green.openOverdue"), dataIndex: "open_overdue", align: "right" as const, render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : v) },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      {requests.error && <Alert type="error" showIcon message={explain(requests.error)} />}
      <Card size="small" title={t("service.green.title")} extra={
        <Segmented<Show> value={show} onChange={(v) => { setShow(v); setOffset(0); }}
          options={(["open", "breached", "all"] as Show[]).map((v) => ({ value: v, label: t(`service.green.show.${v}`) }))} />
      }>
        <Table<GreenRequest>
          size="small" rowKey="id" loading={requests.isLoading} dataSource={requests.data?.rows ?? []} scroll={{ x: "max-content" }} className="nowrap-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("service.green.empty")} /> }}
          pagination={{ current: offset / 50 + 1, pageSize: 50, total: requests.data?.total ?? 0, showSizeChanger: false, onChange: (p) => setOffset((p - 1) * 50), showTotal: (n) => t("service.total", { count: n }) }}
          columns={[
            { title: t("client.name"), key: "client", render: (_, r) => `${r.client_code} ${r.client}` },
            { title: t("tier.label"), dataIndex: "tier", render: (v: string) => t(`tier.${v}`), ...oneLine },
            { title: t("service.green.kind"), dataIndex: "kind", render: (v: string) => t(`service.green.kinds.${v}`), ...oneLine },
            { title: t("service.green.received"), dataIndex: "received_at", render: (v: string) => v.replace("T", " ").slice(0, 16) },
            { title: t("service.green.deadline"), dataIndex: "resolution_due", render: (v: string) => v.replace("T", " ").slice(0, 16) },
            {
              title: t("service.green.status"), key: "status",
              render: (_, r) => (
                <Space size={4} wrap>
                  <Tag color={r.status === "resolved" ? "green" : "blue"}>{t(`service.green.statuses.${r.status}`)}</Tag>
                  {r.breached && <Tag color="red">{t("service.green.breached")}</Tag>}
                  <span>{left(r.minutes_left, t)}</span>
                </Space>
              ),
            },
            { title: t("client.manager"), dataIndex: "owner", render: (v: string) => v || t("common.none"), ...oneLine },
            {
              title: t("common.actions"), key: "act",
              render: (_, r) => (
                <Space size={4}>
                  {r.status === "open" && <Button size="small" onClick={() => setMoving({ request: r, to: "in_progress" })}>{t("service.green.answer")}</Button>}
                  {r.status !== "resolved" && <Button size="small" type="primary" onClick={() => setMoving({ request: r, to: "resolved" })} data-testid="request-resolve">{t("service.green.resolve")}</Button>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Space wrap align="start" size="middle" style={{ width: "100%" }}>
        <Card size="small" title={t("service.green.byTier")}>
          <Table<OnTimeRate> size="small" rowKey="name" pagination={false} loading={byTier.isLoading} dataSource={byTier.data ?? []} columns={rateColumns(t("tier.label"))} />
        </Card>
        <Card size="small" title={t("service.green.byTeam")}>
          <Table<OnTimeRate> size="small" rowKey="name" pagination={false} loading={byTeam.isLoading} dataSource={byTeam.data ?? []} columns={rateColumns(t("client.team"))} />
        </Card>
      </Space>
      {moving && <StepModal campaignId={campaignId} request={moving.request} to={moving.to} onClose={() => setMoving(null)} />}
    </Space>
  );
}

function StepModal({ campaignId, request, to, onClose }: { campaignId: number; request: GreenRequest; to: RequestStatus; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useFailure();
  const [form] = Form.useForm();
  const { stepRequest } = useServiceChanges(campaignId);
  const save = async () => {
    // The form shows its own problems; nothing is sent until they are fixed.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await stepRequest.mutateAsync({ id: request.id, step: { status: to, at: (v.at as Dayjs).format("YYYY-MM-DDTHH:mm:00"), resolution: v.resolution ?? "" } });
      message.success(t("service.green.saved"));
      onClose();
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Modal open title={`${t(to === "resolved" ? "service.green.resolve" : "service.green.answer")} · ${request.client}`} onCancel={onClose} onOk={() => void save()}
      confirmLoading={stepRequest.isPending} okText={t("common.save")} cancelText={t("common.cancel")} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ at: dayjs() }}>
        <Form.Item name="at" label={t("service.green.at")} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), "day")} />
        </Form.Item>
        {to === "resolved" && (
          <Form.Item name="resolution" label={t("service.green.resolution")} rules={[{ required: true, whitespace: true, message: t("service.green.resolutionRequired") }, { max: 500 }]}>
            <Input.TextArea rows={3} data-testid="request-resolution" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
