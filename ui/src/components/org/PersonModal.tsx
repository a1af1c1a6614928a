import { Form, Input, Modal, Select, Switch } from "antd";
import { useTranslation } from "react-i18next";
import type { PersonInput, Role, TeamSummary } from "../../api";

const ROLES: Role[] = ["account_manager", "vip_account_manager", "team_member"];

/** A person being made (`id` null) or edited. */
export interface Editing {
  id: number | null;
  input: PersonInput;
}

/** A person's name, team (active teams, or the one they are in), role and whether they are active. */
export default function PersonModal({ editing, teams, onChange, onCancel, onSave }: {
  editing: Editing;
  teams: TeamSummary[];
  onChange: (e: Editing) => void;
  onCancel: () => void;
  onSave: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal open title={editing.id === null ? t("org.people.create") : t("org.people.edit")} onCancel={onCancel} onOk={onSave}
      okText={t("common.save")} cancelText={t("common.cancel")} okButtonProps={{ disabled: !editing.input.name.trim(), "data-testid": "person-save" }}>
      <Form layout="vertical">
        <Form.Item label={t("org.people.name")} required>
          <Input value={editing.input.name} onChange={(e) => onChange({ ...editing, input: { ...editing.input, name: e.target.value } })} data-testid="person-name" />
        </Form.Item>
        <Form.Item label={t("org.people.team")}>
          <Select allowClear value={editing.input.team_id ?? undefined}
            onChange={(v: number | undefined) => onChange({ ...editing, input: { ...editing.input, team_id: v ?? null } })}
            options={teams.filter((tm) => tm.active || tm.id === editing.input.team_id).map((tm) => ({ value: tm.id, label: tm.name }))} />
        </Form.Item>
        <Form.Item label={t("org.people.role")}>
          <Select value={editing.input.role} onChange={(role: Role) => onChange({ ...editing, input: { ...editing.input, role } })}
            options={ROLES.map((r) => ({ value: r, label: t(`org.role.${r}`) }))} data-testid="person-role" />
        </Form.Item>
        <Form.Item label={t("org.active")}>
          <Switch checked={editing.input.active} onChange={(active) => onChange({ ...editing, input: { ...editing.input, active } })} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
