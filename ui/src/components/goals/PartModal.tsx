import { useState } from "react";
import { Alert, Form, Input, Modal, Radio, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Part, PartInput, PartKind, ProductType, ScopeChoices, Team } from "../../api";
import { showServerErrors } from "../serverErrors";

interface Values {
  kind: PartKind;
  name: string;
  owner_team_id: number | null;
  product_types: ProductType[];
  team_ids: number[];
  industries: string[];
}

/**
 * Adds or edits a battle (攻坚战) or a service workstream (服务维挽专题): its owner team and its
 * scope by rule. The choices come from the data: product types and industries the campaign's
 * targets have, teams of the organisation.
 */
export default function PartModal({ part, kind, teams, choices, onSave, onClose }: {
  part: Part | null;
  kind: PartKind;
  teams: Team[];
  choices: ScopeChoices;
  onSave(input: PartInput): Promise<unknown>;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const v = await form.validateFields();
    setProblem(null);
    setSaving(true);
    try {
      await onSave({
        kind: v.kind,
        name: v.name,
        owner_team_id: v.owner_team_id ?? null,
        scope: { product_types: v.product_types ?? [], team_ids: v.team_ids ?? [], industries: v.industries ?? [] },
      });
      onClose();
    } catch (e) {
      setProblem(showServerErrors(form, e, i18n.language));
    }
    setSaving(false);
  };

  const initial: Values = {
    kind: part?.kind ?? kind,
    name: part?.name ?? "",
    owner_team_id: part?.owner_team_id ?? null,
    product_types: part?.scope.product_types ?? [],
    team_ids: part?.scope.team_ids ?? [],
    industries: part?.scope.industries ?? [],
  };
  const teamOptions = teams.filter((tm) => tm.active || initial.team_ids.includes(tm.id) || tm.id === initial.owner_team_id)
    .map((tm) => ({ value: tm.id, label: tm.name }));
  return (
    <Modal open title={t(part ? "goals.part.edit" : `goals.part.add.${kind}`)} okText={t("common.save")} cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "part-save" }} confirmLoading={saving} onOk={() => void save()} onCancel={onClose} destroyOnHidden width={600}>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        <Form.Item name="kind" label={t("goals.part.kind")}>
          <Radio.Group optionType="button" options={(["battle", "workstream"] as const).map((k) => ({ value: k, label: t(`goals.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t("goals.part.name")} rules={[{ required: true, whitespace: true, message: t("goals.required") }]}>
          <Input maxLength={60} data-testid="part-name" />
        </Form.Item>
        <Form.Item name="owner_team_id" label={t("goals.part.owner")}>
          <Select allowClear showSearch optionFilterProp="label" placeholder={t("goals.part.noOwner")} options={teamOptions} data-testid="part-owner" />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t("goals.part.scopeHint")}</Typography.Paragraph>
        <Form.Item name="product_types" label={t("goals.scope.productTypes")}>
          <Select mode="multiple" allowClear placeholder={t("goals.scope.any")} data-testid="part-product-types"
            options={choices.product_types.map((p) => ({ value: p, label: t(`product.${p}`) }))} />
        </Form.Item>
        <Form.Item name="team_ids" label={t("goals.scope.teams")}>
          <Select mode="multiple" allowClear showSearch optionFilterProp="label" placeholder={t("goals.scope.any")} options={teamOptions} />
        </Form.Item>
        <Form.Item name="industries" label={t("goals.scope.industries")}>
          <Select mode="multiple" allowClear placeholder={t("goals.scope.any")} options={choices.industries.map((i) => ({ value: i, label: i }))}
            notFoundContent={t("goals.scope.noIndustries")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
