import { useState } from "react";
import { App, Button, Checkbox, DatePicker, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Timeline } from "antd";
import { CheckOutlined, DeleteOutlined, EditOutlined, HistoryOutlined, PlusOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { ClientDetail, Contact, ContactInput } from "../../api";
import { usePeople } from "../../queries/campaigns";
import { useContactChanges, useContactHistory, useContacts } from "../../queries/contacts";
import { known } from "../../known";

type Editing = { contact: Contact | null };

/** 联系人与关键人: the key person on the client's record and its other contacts, each confirmed
 *  as current with one click; the VIP account manager told of the client's tasks; the history. */
export default function ContactsCard({ client, campaignId, onError }: { client: ClientDetail; campaignId: number | null; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const contacts = useContacts(client.id);
  const [showHistory, setShowHistory] = useState(false);
  const history = useContactHistory(client.id, showHistory);
  const changes = useContactChanges(client.id, campaignId);
  const vips = (usePeople().data ?? []).filter((p) => p.role === "vip_account_manager" && p.active);
  const [editing, setEditing] = useState<Editing | null>(null);
  const none = t("common.none");

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
    } catch (e) {
      onError(e);
    }
  };

  return (
    <div data-testid="contacts">
      <Space style={{ marginTop: 24, marginBottom: 8, width: "100%", justifyContent: "space-between" }} wrap>
        <h4 style={{ margin: 0 }}>{t("contact.title")}</h4>
        <Space wrap>
          <span>{t("contact.vipManager")}</span>
          <Select
            allowClear
            style={{ minWidth: 140 }}
            placeholder={none}
            value={client.vip_manager_id ?? undefined}
            options={vips.map((p) => ({ value: p.id, label: p.name }))}
            onChange={(v: number | undefined) => void run(() => changes.setVipManager.mutateAsync(v ?? null), t("contact.saved"))}
            notFoundContent={t("contact.noVipManagers")}
            data-testid="contact-vip"
          />
          <Button icon={<HistoryOutlined />} onClick={() => setShowHistory((v) => !v)} data-testid="contact-history-toggle">
            {showHistory ? t("contact.hideHistory") : t("contact.history")}
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => setEditing({ contact: null })} data-testid="contact-add">{t("contact.add")}</Button>
        </Space>
      </Space>
      <Table<Contact>
        size="small"
        rowKey={(c) => c.id ?? "record"}
        pagination={false}
        loading={contacts.isLoading}
        dataSource={contacts.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("contact.empty")} /> }}
        scroll={{ x: true }}
        columns={[
          {
            title: t("contact.name"), dataIndex: "name",
            render: (name: string, c) => <Space size={4}>{name}{c.key_person && <Tag color="gold">{t("contact.key")}</Tag>}{c.id === null && <Tag>{t("contact.onRecord")}</Tag>}</Space>,
          },
          { title: t("contact.role"), dataIndex: "role", render: (v: string) => v || none },
          { title: t("contact.phone"), dataIndex: "phone", render: (v: string) => v || none },
          { title: t("contact.confirmedOn"), dataIndex: "confirmed_on", render: (v: string | null) => v ?? <Tag color="red">{t("contact.never")}</Tag> },
          {
            title: t("contact.actions"), key: "actions",
            render: (_, c) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<CheckOutlined />} data-testid="contact-confirm"
                  onClick={() => void run(() => changes.confirm.mutateAsync(c.id), t("contact.confirmed"))}>{t("contact.confirm")}</Button>
                {c.id !== null && (
                  <>
                    <Button type="link" size="small" icon={<EditOutlined />} aria-label={t("common.edit")} onClick={() => setEditing({ contact: c })} />
                    <Popconfirm title={t("contact.confirmRemove")} okText={t("common.yes")} cancelText={t("common.no")} okButtonProps={{ danger: true }}
                      onConfirm={() => void run(() => changes.remove.mutateAsync(c.id as number), t("contact.removed"))}>
                      <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t("common.delete")} />
                    </Popconfirm>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      {showHistory && (
        <Timeline
          style={{ marginTop: 16 }}
          data-testid="contact-history"
          items={(history.data ?? []).map((h) => ({
            color: h.action === "removed" ? "red" : h.action === "confirmed" ? "green" : "blue",
            children: (
              <span>
                {h.at.slice(0, 16)} · {t(`contact.action.${h.action}`)} · {h.name}{h.phone ? ` (${h.phone})` : ""} · {t(`contact.source.${h.source}`)} · {known(h.author)}
              </span>
            ),
          }))}
        />
      )}
      {editing && (
        <ContactModal
          contact={editing.contact}
          onClose={() => setEditing(null)}
          onSave={async (input) => {
            const id = editing.contact?.id;
            if (id != null) await changes.update.mutateAsync({ id, input });
            else await changes.add.mutateAsync(input);
            message.success(t("contact.saved"));
            setEditing(null);
          }}
          onError={onError}
        />
      )}
    </div>
  );
}

function ContactModal({ contact, onClose, onSave, onError }: {
  contact: Contact | null;
  onClose: () => void;
  onSave: (input: ContactInput) => Promise<void>;
  onError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    // The form shows its own problems; nothing is sent until they are fixed.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      await onSave({
        name: v.name, role: v.role ?? "", phone: v.phone ?? "", key_person: !!v.key_person,
        confirmed_on: v.confirmed_on ? (v.confirmed_on as Dayjs).format("YYYY-MM-DD") : null,
      });
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={contact ? t("contact.editTitle") : t("contact.add")} onCancel={onClose} onOk={() => void save()} confirmLoading={saving}
      okText={t("common.save")} cancelText={t("common.cancel")} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={contact ? { ...contact, confirmed_on: contact.confirmed_on ? dayjs(contact.confirmed_on) : null } : { key_person: true }}>
        <Form.Item name="name" label={t("contact.name")} rules={[{ required: true, whitespace: true, message: t("contact.nameRequired") }, { max: 40 }]}>
          <Input autoFocus data-testid="contact-name" />
        </Form.Item>
        <Form.Item name="role" label={t("contact.role")} rules={[{ max: 40 }]}><Input /></Form.Item>
        <Form.Item name="phone" label={t("contact.phone")} rules={[{ max: 30 }, { pattern: /^[0-9+\-() ]*$/, message: t("contact.badPhone") }]}><Input /></Form.Item>
        <Form.Item name="key_person" valuePropName="checked"><Checkbox>{t("contact.isKey")}</Checkbox></Form.Item>
        <Form.Item name="confirmed_on" label={t("contact.confirmedOn")}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
