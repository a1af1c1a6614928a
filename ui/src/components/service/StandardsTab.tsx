import { useState } from "react";
import { Alert, App, Card, Form, InputNumber, Modal, Select, Switch, Table, Tag, Button, Space } from "antd";
import { useTranslation } from "react-i18next";
import type { ServiceStandard } from "../../api";
import { useServiceChanges, useStandards } from "../../queries/service";
import { useExplain } from "../../queries/errors";
import { useFailure } from "./useFailure";

/** 星级服务标准: per tier, how often clients are visited, the green channel's hours, which
 *  managers serve them and what they are entitled to. Edited here; the schedules follow. */
export default function StandardsTab({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const explain = useExplain();
  const standards = useStandards(campaignId);
  const [editing, setEditing] = useState<ServiceStandard | null>(null);
  const yes = (v: boolean) => (v ? <Tag color="green">{t("contract.yes")}</Tag> : <Tag>{t("contract.no")}</Tag>);
  return (
    <Card size="small" title={t("service.standards.title")}>
      {standards.error && <Alert type="error" showIcon message={explain(standards.error)} />}
      <Table<ServiceStandard>
        size="small" rowKey="tier" pagination={false} loading={standards.isLoading} dataSource={standards.data ?? []} scroll={{ x: "max-content" }} className="nowrap-table"
        columns={[
          { title: t("tier.label"), dataIndex: "tier", render: (v: string) => t(`tier.${v}`) },
          { title: t("service.standards.visits"), dataIndex: "visit_every_months", render: (v: number) => t("service.standards.everyMonths", { count: v }) },
          { title: t("service.standards.response"), dataIndex: "response_hours", render: (v: number) => t("service.standards.hours", { count: v }) },
          { title: t("service.standards.resolution"), dataIndex: "resolution_hours", render: (v: number) => t("service.standards.hours", { count: v }) },
          { title: t("service.standards.dedicated"), dataIndex: "dedicated_manager", render: yes },
          { title: t("service.standards.vip"), dataIndex: "vip_manager", render: yes },
          { title: t("service.standards.confirm"), dataIndex: "key_person_confirm_days", render: (v: number) => t("service.standards.days", { count: v }) },
          { title: t("service.standards.entitlements"), dataIndex: "entitlements", render: (v: string[]) => <Space size={[4, 4]} wrap>{v.map((e) => <Tag key={e}>{e}</Tag>)}</Space> },
          { title: t("common.actions"), key: "act", render: (_, s) => <Button size="small" onClick={() => setEditing(s)} data-testid="standard-edit">{t("common.edit")}</Button> },
        ]}
      />
      {editing && <StandardModal campaignId={campaignId} standard={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function StandardModal({ campaignId, standard, onClose }: { campaignId: number; standard: ServiceStandard; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useFailure();
  const [form] = Form.useForm();
  const { saveStandard } = useServiceChanges(campaignId);
  const save = async () => {
    // The form shows its own problems; nothing is sent until they are fixed.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await saveStandard.mutateAsync({ ...standard, ...v });
      message.success(t("common.saved"));
      onClose();
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Modal open title={`${t("service.standards.title")} · ${t(`tier.${standard.tier}`)}`} onCancel={onClose} onOk={() => void save()}
      confirmLoading={saveStandard.isPending} okText={t("common.save")} cancelText={t("common.cancel")} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={standard}>
        <Form.Item name="visit_every_months" label={t("service.standards.visitsMonths")} rules={[{ required: true }]}><InputNumber min={1} max={24} /></Form.Item>
        <Form.Item name="response_hours" label={t("service.standards.responseHours")} rules={[{ required: true }]}><InputNumber min={1} max={720} /></Form.Item>
        <Form.Item name="resolution_hours" label={t("service.standards.resolutionHours")} rules={[{ required: true }]}><InputNumber min={1} max={720} /></Form.Item>
        <Form.Item name="key_person_confirm_days" label={t("service.standards.confirmDays")} rules={[{ required: true }]}><InputNumber min={1} max={730} /></Form.Item>
        <Form.Item name="dedicated_manager" label={t("service.standards.dedicated")} valuePropName="checked"><Switch /></Form.Item>
        <Form.Item name="vip_manager" label={t("service.standards.vip")} valuePropName="checked"><Switch /></Form.Item>
        <Form.Item name="entitlements" label={t("service.standards.entitlements")}><Select mode="tags" tokenSeparators={["、", ","]} /></Form.Item>
      </Form>
    </Modal>
  );
}
