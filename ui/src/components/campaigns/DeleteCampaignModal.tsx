import { useState } from "react";
import { Alert, Form, Input, Modal, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError, campaignAdminApi, type Campaign, type CampaignRemoval } from "../../api";
import { useDeleteCampaign } from "../../queries/campaignAdmin";
import { useExplain } from "../../queries/errors";

/** The counts a planner reads before deleting, in the order they matter to them. */
const SHOWN: (keyof CampaignRemoval)[] = [
  "targets", "plans", "plan_items", "achievements", "awards", "warnings", "snapshots", "rule_sets", "scenarios", "rate_overrides", "award_locks",
];

/**
 * 删除活动: says what goes and that clients stay, and deletes only once the campaign's name is
 * typed (the core checks it again).
 */
export default function DeleteCampaignModal({ campaign, open, onClose, onDeleted }: {
  campaign: Campaign;
  open: boolean;
  onClose: () => void;
  onDeleted: (removed: CampaignRemoval) => void;
}) {
  const { t, i18n } = useTranslation();
  const explain = useExplain();
  const [typed, setTyped] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const removal = useQuery({ queryKey: ["campaign", campaign.id, "removal"], queryFn: () => campaignAdminApi.removal(campaign.id), enabled: open, gcTime: 0 });
  const remove = useDeleteCampaign(campaign.id);
  const matches = typed.trim() === campaign.name.trim();

  const confirm = async () => {
    setProblem(null);
    setFieldError(null);
    try {
      onDeleted(await remove.mutateAsync(typed));
    } catch (e) {
      const onName = e instanceof ApiError ? e.report.fields.find((f) => f.field === "name") : undefined;
      if (onName) setFieldError(i18n.language.startsWith("zh") ? onName.message_zh : onName.message_en);
      else setProblem(explain(e));
    }
  };

  const counts = removal.data;
  return (
    <Modal
      open={open}
      title={t("campaignAdmin.delete.title", { name: campaign.name })}
      okText={t("campaignAdmin.delete.confirm")}
      okButtonProps={{ danger: true, disabled: !matches, "data-testid": "delete-confirm" }}
      cancelText={t("common.cancel")}
      confirmLoading={remove.isPending}
      onOk={() => void confirm()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
      {removal.error ? <Alert type="error" showIcon message={explain(removal.error)} style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph>{t("campaignAdmin.delete.what")}</Typography.Paragraph>
      {counts && (
        <ul data-testid="delete-counts">
          {SHOWN.filter((k) => Number(counts[k]) > 0).map((k) => (
            <li key={k}>{t(`campaignAdmin.delete.counts.${k}`, { count: Number(counts[k]) })}</li>
          ))}
        </ul>
      )}
      <Alert type="info" showIcon message={t("campaignAdmin.delete.kept")} style={{ marginBottom: 12 }} />
      <Form layout="vertical">
        <Form.Item
          label={t("campaignAdmin.delete.typeName", { name: campaign.name })}
          validateStatus={fieldError ? "error" : undefined}
          help={fieldError ?? undefined}
        >
          <Input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={campaign.name} data-testid="delete-name" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
