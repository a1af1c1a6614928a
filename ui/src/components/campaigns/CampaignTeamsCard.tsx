import { useState } from "react";
import { Alert, App, Button, Card, Space, Tag, Typography } from "antd";
import { EditOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Campaign, TeamChoice } from "../../api";
import { useSetCampaignTeams } from "../../queries/campaignAdmin";
import { useExplain } from "../../queries/errors";
import CampaignTeamsField from "./CampaignTeamsField";

/** The campaign's participating teams, shown and edited in place. */
export default function CampaignTeamsCard({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const explain = useExplain();
  const save = useSetCampaignTeams(campaign.id);
  const [draft, setDraft] = useState<TeamChoice | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    if (!draft) return;
    setProblem(null);
    try {
      await save.mutateAsync(draft);
      setDraft(null);
      message.success(t("common.saved"));
    } catch (e) {
      setProblem(explain(e));
    }
  };

  return (
    <Card
      size="small"
      title={t("campaignAdmin.teams.title")}
      data-testid="campaign-teams"
      extra={!draft && (
        <Button size="small" icon={<EditOutlined />} data-testid="campaign-teams-edit"
          onClick={() => setDraft({ ids: campaign.teams.map((team) => team.id), new_names: [] })}>
          {t("common.edit")}
        </Button>
      )}
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 8 }} />}
      {draft ? (
        <Space direction="vertical" style={{ width: "100%" }}>
          <CampaignTeamsField value={draft} onChange={setDraft} />
          <Space>
            <Button type="primary" size="small" loading={save.isPending} onClick={() => void submit()} data-testid="campaign-teams-save">{t("common.save")}</Button>
            <Button size="small" onClick={() => setDraft(null)}>{t("common.cancel")}</Button>
          </Space>
        </Space>
      ) : campaign.teams.length > 0 ? (
        campaign.teams.map((team) => <Tag key={team.id}>{team.name}</Tag>)
      ) : (
        <Typography.Text type="secondary">{t("campaignAdmin.teams.none")}</Typography.Text>
      )}
    </Card>
  );
}
