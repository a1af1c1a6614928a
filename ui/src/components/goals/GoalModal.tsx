import { useState } from "react";
import { Alert, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import type { Goal, GoalInput } from "../../api";
import { showServerErrors } from "../serverErrors";

/** Adds a goal (活动目的) or renames one. */
export default function GoalModal({ goal, onSave, onClose }: { goal: Goal | null; onSave(input: GoalInput): Promise<unknown>; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<GoalInput>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const v = await form.validateFields();
    setProblem(null);
    setSaving(true);
    try {
      await onSave({ name: v.name, description: v.description ?? "" });
      onClose();
    } catch (e) {
      setProblem(showServerErrors(form, e, i18n.language));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t(goal ? "goals.goal.edit" : "goals.goal.add")} okText={t("common.save")} cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "goal-save" }} confirmLoading={saving} onOk={() => void save()} onCancel={onClose} destroyOnHidden>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ name: goal?.name ?? "", description: goal?.description ?? "" }}>
        <Form.Item name="name" label={t("goals.goal.name")} rules={[{ required: true, whitespace: true, message: t("goals.required") }]}>
          <Input maxLength={60} placeholder={t("goals.goal.namePlaceholder")} data-testid="goal-name" />
        </Form.Item>
        <Form.Item name="description" label={t("goals.goal.description")}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
