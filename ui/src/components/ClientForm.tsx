import { useState } from "react";
import { Alert, Form, Input, Modal, Select, type ButtonProps } from "antd";
import { useTranslation } from "react-i18next";
import type { ClientDetail, ClientInput, Person, Team } from "../api";
import { useSaveClient } from "../queries/clients";
import { showServerErrors } from "./serverErrors";

const CATEGORIES = ["strategic", "local_key", "campus", "sme"] as const;
const TIERS = ["A", "B", "C"] as const;

/** Creates a client (in the current campaign) or edits one; the core validates either way. */
export default function ClientForm({ client, campaignId, teams, people, onClose, onSaved }: {
  client: ClientDetail | null;
  campaignId: number | null;
  teams: Team[];
  people: Person[];
  onClose: () => void;
  onSaved: (c: ClientDetail) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<ClientInput>();
  const saveClient = useSaveClient(campaignId);
  const [problem, setProblem] = useState<string | null>(null);
  const teamId = Form.useWatch("team_id", form);

  const save = async () => {
    const values = await form.validateFields();
    const input: ClientInput = {
      code: values.code,
      name: values.name,
      category: values.category,
      tier: values.tier,
      industry: values.industry ?? "",
      district: values.district ?? "",
      team_id: values.team_id ?? null,
      account_manager_id: values.account_manager_id ?? null,
      key_person: values.key_person ?? "",
      key_person_phone: values.key_person_phone ?? "",
      notes: values.notes ?? "",
    };
    setProblem(null);
    try {
      onSaved(await saveClient.mutateAsync({ id: client?.id ?? null, input }));
    } catch (e) {
      setProblem(showServerErrors(form, e, i18n.language));
    }
  };

  // Someone who has left, or a deactivated team, gets no new clients; the client's own stays listed.
  const managers = people.filter(
    (p) => p.is_account_manager && (p.active || p.id === client?.account_manager_id) && (teamId == null || p.team_id === teamId),
  );
  const required = (label: string) => [{ required: true, whitespace: true, message: t("common.required", { field: label }) }];

  return (
    <Modal
      open
      title={client ? t("client.editTitle") : t("client.newTitle")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "client-save", "data-shortcut": "save" } as ButtonProps}
      confirmLoading={saveClient.isPending}
      onOk={() => void save()}
      onCancel={onClose}
      width={680}
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="client-form-error" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={client ?? { category: "sme", tier: "C", team_id: null, account_manager_id: null }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void save();
        }}
      >
        <div style={{ display: "grid", gridTemplateColumns: "1fr 2fr", columnGap: 16 }}>
          <Form.Item name="code" label={t("client.code")} rules={required(t("client.code"))}>
            <Input maxLength={40} data-testid="client-code" />
          </Form.Item>
          <Form.Item name="name" label={t("client.name")} rules={required(t("client.name"))}>
            <Input maxLength={100} data-testid="client-name" />
          </Form.Item>
        </div>
        <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr 1fr 1fr", columnGap: 16 }}>
          <Form.Item name="category" label={t("category.label")}>
            <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} />
          </Form.Item>
          <Form.Item name="tier" label={t("tier.label")}>
            <Select options={TIERS.map((c) => ({ value: c, label: t(`tier.${c}`) }))} />
          </Form.Item>
          <Form.Item name="industry" label={t("client.industry")}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="district" label={t("client.district")}>
            <Input maxLength={40} />
          </Form.Item>
        </div>
        <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", columnGap: 16 }}>
          <Form.Item name="team_id" label={t("client.team")}>
            <Select allowClear options={teams.filter((tm) => tm.active || tm.id === client?.team_id).map((tm) => ({ value: tm.id, label: tm.name }))} />
          </Form.Item>
          <Form.Item name="account_manager_id" label={t("client.manager")}>
            <Select allowClear showSearch optionFilterProp="label" options={managers.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
          <Form.Item name="key_person" label={t("client.keyPerson")}>
            <Input maxLength={40} data-testid="client-key-person" />
          </Form.Item>
          <Form.Item name="key_person_phone" label={t("client.keyPhone")}>
            <Input maxLength={30} data-testid="client-key-phone" />
          </Form.Item>
        </div>
        <Form.Item name="notes" label={t("client.notes")}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
