import { useRef, useState } from "react";
import { Alert, Form, Input, Modal, Typography, message } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError, teamApi } from "../../api";
import { useExplain } from "../../queries/errors";

type Fields = { current: string; password: string; again: string };

/** 修改密码: the account's current password, then the new one twice. The server checks the
 *  current one and the new one's length, and ends the account's other sessions. */
export default function TeamPasswordModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const explain = useExplain();
  const [form] = Form.useForm<Fields>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const sending = useRef(false);

  // Nothing typed outlives the dialog: closed and opened again, it starts empty.
  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };

  const submit = async (v: Fields) => {
    // Enter pressed again while the change is on its way sends nothing more.
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setError(null);
    try {
      await teamApi.changePassword(v.current, v.password);
      void message.success(t("team.passwordChanged"));
      close();
    } catch (e) {
      // The fields the server named get their messages; anything else shows below the form.
      const named = e instanceof ApiError ? e.report.fields.filter((f) => f.field === "current" || f.field === "password") : [];
      if (named.length > 0) {
        const zh = i18n.language.startsWith("zh");
        // The server's field messages follow a field's name ("is not your current password"); alone under the field they start a sentence.
        const sentence = (m: string) => m.charAt(0).toUpperCase() + m.slice(1);
        form.setFields(named.map((f) => ({ name: f.field as keyof Fields, errors: [zh ? f.message_zh : sentence(f.message_en)] })));
      } else {
        setError(e);
      }
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t("team.changePassword")} okText={t("team.changePasswordOk")} onOk={() => form.submit()} onCancel={close}
      confirmLoading={busy} destroyOnHidden okButtonProps={{ "data-testid": "team-password-submit" }}>
      <Typography.Paragraph type="secondary">{t("team.changePasswordHelp")}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item name="current" label={t("team.currentPassword")} rules={[{ required: true, message: t("team.currentPasswordNeeded") }]}>
          <Input.Password autoComplete="current-password" data-testid="team-password-current" />
        </Form.Item>
        <Form.Item name="password" label={t("team.newPassword")} rules={[{ required: true, message: t("team.newPasswordNeeded") }]}>
          <Input.Password autoComplete="new-password" data-testid="team-password-new" />
        </Form.Item>
        <Form.Item name="again" label={t("team.newPasswordAgain")} dependencies={["password"]}
          rules={[
            { required: true, message: t("team.newPasswordNeeded") },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || getFieldValue("password") === value ? Promise.resolve() : Promise.reject(new Error(t("team.newPasswordsDiffer")))),
            }),
          ]}>
          <Input.Password autoComplete="new-password" data-testid="team-password-again" onPressEnter={() => form.submit()} />
        </Form.Item>
      </Form>
      {error != null && <Alert type="error" showIcon message={explain(error)} data-testid="team-password-error" />}
    </Modal>
  );
}
