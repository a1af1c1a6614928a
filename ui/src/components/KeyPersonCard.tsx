import { useEffect, useState } from "react";
import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Select, Table, Tag } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { KeyPersonChange } from "../api";
import { useClientOptions } from "../queries/clients";
import { useKeyPersonChanges, useWarningChanges } from "../queries/warnings";
import { known } from "../known";

/** 关键人异动: recent key-person changes for follow-up, and recording a new one. */
export default function KeyPersonCard({ campaignId, onError }: { campaignId: number; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // The last 30 days, counted from when the card opened.
  const [since] = useState(() => dayjs().subtract(30, "day").format("YYYY-MM-DD"));
  const changesQuery = useKeyPersonChanges(campaignId, since);
  const changes = changesQuery.data ?? null;
  const [open, setOpen] = useState(false);
  const [text, search] = useState("");
  const options = (useClientOptions(campaignId, text, open).data?.rows ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }));
  const { recordKeyPerson } = useWarningChanges(campaignId);
  const [form] = Form.useForm();
  useEffect(() => {
    if (changesQuery.error) onError(changesQuery.error);
  }, [changesQuery.error, onError]);

  const save = async () => {
    const v = await form.validateFields();
    try {
      await recordKeyPerson.mutateAsync({ clientId: v.client_id, name: v.name, phone: v.phone ?? "", changedOn: (v.changed_on as Dayjs).format("YYYY-MM-DD"), note: v.note ?? "" });
      setOpen(false);
      form.resetFields();
      message.success(t("warning.saved"));
    } catch (e) {
      onError(e);
    }
  };

  return (
    <Card
      title={t("warning.keyPersons")}
      extra={<Button icon={<PlusOutlined />} onClick={() => { setOpen(true); search(""); }} data-testid="key-person-add">{t("warning.recordKeyPerson")}</Button>}
    >
      <Table<KeyPersonChange>
        size="small"
        rowKey="id"
        loading={changes === null}
        dataSource={changes ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("warning.noKeyPersons")} /> }}
        // Below the fixed widths plus room for the note the table scrolls rather than crushing the client.
        scroll={{ x: 1010 }}
        columns={[
          { title: t("warning.changedOn"), dataIndex: "changed_on", width: 100 },
          { title: t("warning.client"), width: 200, ellipsis: { showTitle: false }, render: (_, c) => <span title={`${c.client_code} ${c.client}`}>{c.client_code} {c.client}</span> },
          { title: t("warning.owner"), dataIndex: "owner", width: 90, onHeaderCell: () => ({ style: { overflowWrap: "normal" } }), render: (v: string | null) => v ?? "—" },
          { title: t("warning.from"), width: 140, render: (_, c) => `${c.old_name || "—"} ${c.old_phone}` },
          { title: t("warning.newName"), width: 160, render: (_, c) => `${c.new_name} ${c.new_phone}` },
          // The note is read in full: it wraps instead of ending in an ellipsis.
          { title: t("warning.note"), dataIndex: "note", render: (v: string) => v || "—" },
          {
            title: t("warning.source"),
            dataIndex: "source",
            width: 110,
            render: (s: KeyPersonChange["source"], c) => <Tag title={known(c.author)}>{t(`warning.sources.${s}`)}</Tag>,
          },
        ]}
      />
      <Modal open={open} title={t("warning.recordKeyPerson")} onOk={() => void save()} onCancel={() => setOpen(false)} destroyOnClose>
        <Form form={form} layout="vertical" initialValues={{ changed_on: dayjs() }}>
          <Form.Item name="client_id" label={t("warning.clientPick")} rules={[{ required: true }]}>
            <Select showSearch filterOption={false} onSearch={search} options={options} />
          </Form.Item>
          <Form.Item name="name" label={t("warning.newName")} rules={[{ required: true }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="phone" label={t("warning.newPhone")}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="changed_on" label={t("warning.changedOn")} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="note" label={t("warning.note")}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
