import { useState } from "react";
import { App, Button, Space, Tooltip } from "antd";
import { CopyOutlined, DeleteOutlined, InboxOutlined, PlayCircleOutlined, StopOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Campaign } from "../../api";
import { useArchiveCampaign, useSetCampaignStatus } from "../../queries/campaignAdmin";
import { useExplain } from "../../queries/errors";
import CopyCampaignModal from "./CopyCampaignModal";
import DeleteCampaignModal from "./DeleteCampaignModal";

/**
 * What a planner does with a whole campaign: 复制为新一期, 结束 / 重新打开, 归档 / 取消归档, 删除.
 * `onSelect` moves the app to another campaign (the new period), or to none after a delete.
 */
export default function CampaignActions({ campaign, onSelect }: { campaign: Campaign; onSelect: (id: number | null) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const explain = useExplain();
  const setStatus = useSetCampaignStatus(campaign.id);
  const archive = useArchiveCampaign(campaign.id);
  const [copying, setCopying] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const closed = campaign.status === "closed";

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
    } catch (e) {
      message.error(explain(e));
    }
  };

  return (
    <Space wrap data-testid="campaign-actions">
      <Button icon={<CopyOutlined />} onClick={() => setCopying(true)} data-testid="campaign-copy">{t("campaignAdmin.actions.copy")}</Button>
      {closed ? (
        <Button icon={<PlayCircleOutlined />} loading={setStatus.isPending} data-testid="campaign-reopen"
          onClick={() => void run(() => setStatus.mutateAsync("active"), t("campaignAdmin.actions.reopened"))}>
          {t("campaignAdmin.actions.reopen")}
        </Button>
      ) : (
        <Button icon={<StopOutlined />} loading={setStatus.isPending} data-testid="campaign-close"
          onClick={() => void run(() => setStatus.mutateAsync("closed"), t("campaignAdmin.actions.closed"))}>
          {t("campaignAdmin.actions.close")}
        </Button>
      )}
      <Tooltip title={!closed ? t("campaignAdmin.actions.archiveNeedsClosed") : undefined}>
        <Button icon={<InboxOutlined />} disabled={!closed && !campaign.archived} loading={archive.isPending} data-testid="campaign-archive"
          onClick={() => void run(() => archive.mutateAsync(!campaign.archived), t(campaign.archived ? "campaignAdmin.actions.unarchived" : "campaignAdmin.actions.archived"))}>
          {t(campaign.archived ? "campaignAdmin.actions.unarchive" : "campaignAdmin.actions.archive")}
        </Button>
      </Tooltip>
      <Button danger icon={<DeleteOutlined />} onClick={() => setDeleting(true)} data-testid="campaign-delete">{t("campaignAdmin.actions.delete")}</Button>
      {copying && (
        <CopyCampaignModal
          open={copying}
          sourceId={campaign.id}
          onClose={() => setCopying(false)}
          onCreated={(id) => {
            setCopying(false);
            onSelect(id);
          }}
        />
      )}
      {deleting && (
        <DeleteCampaignModal
          campaign={campaign}
          open={deleting}
          onClose={() => setDeleting(false)}
          onDeleted={() => {
            setDeleting(false);
            message.success(t("campaignAdmin.delete.done", { name: campaign.name }));
            onSelect(null);
          }}
        />
      )}
    </Space>
  );
}
