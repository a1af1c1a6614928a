import { useEffect, useState } from "react";
import { Alert, Form, Input, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { teamApi, type TeamSession } from "../../api";
import { useExplain } from "../../queries/errors";

type Fields = { server: string; login: string; password: string };

/** 连接团队服务器: the server's address, the account and its password; the address and the account
 *  are offered again next time, the password never kept. */
export default function TeamLoginModal({ open, onClose, onLoggedIn }: { open: boolean; onClose(): void; onLoggedIn(s: TeamSession): void }) {
  const { t } = useTranslation();
  const explain = useExplain();
  const [form] = Form.useForm<Fields>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    teamApi.remembered().then(
      (r) => form.setFieldsValue({ server: r.server || "http://127.0.0.1:8080", login: r.login, password: "" }),
      () => form.setFieldsValue({ server: "http://127.0.0.1:8080" }),
    );
  }, [open, form]);

  const submit = async (v: Fields) => {
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await teamApi.login(v.server, v.login, v.password));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t("team.loginTitle")} okText={t("team.login")} onOk={() => form.submit()} onCancel={onClose} confirmLoading={busy} destroyOnHidden
      okButtonProps={{ "data-testid": "team-login-submit" }}>
      <Typography.Paragraph type="secondary">{t("team.loginHelp")}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item name="server" label={t("team.server")} rules={[{ required: true }]}>
          <Input data-testid="team-server" />
        </Form.Item>
        <Form.Item name="login" label={t("team.user")} rules={[{ required: true }]}>
          <Input autoComplete="username" data-testid="team-user" />
        </Form.Item>
        <Form.Item name="password" label={t("team.password")} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" data-testid="team-password" onPressEnter={() => form.submit()} />
        </Form.Item>
      </Form>
      {error != null && <Alert type="error" showIcon message={explain(error)} data-testid="team-login-error" />}
    </Modal>
  );
}
