import { useState } from "react";
import { App, Button, Card, Radio, Select, Space, Spin, Table, Typography } from "antd";
import { ExportOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { trackerApi, type TrackerSummary } from "../../api";
import { formatFen } from "../../format";
import { useTeams } from "../../queries/campaigns";

type Scope = "whole" | "team" | "each";

/** Writes the workbook district teams fill in: the whole campaign, one team, or one per team. */
export default function TrackerExport({ campaignId, campaignName, onStart, onError }: {
  campaignId: number;
  campaignName: string;
  onStart: () => void;
  onError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // The team list only fills the picker: a failure leaves it empty.
  const teams = useTeams().data ?? [];
  const [scope, setScope] = useState<Scope>("whole");
  const [team, setTeam] = useState<string | null>(null);
  const [written, setWritten] = useState<TrackerSummary[] | null>(null);
  const [progress, setProgress] = useState<number | null>(null);

  const exportNow = async () => {
    onStart();
    try {
      const suffix = scope === "team" && team ? `-${team}` : "";
      const name = `${campaignName}${suffix}-${t("tracker.fileWord")}.xlsx`;
      const target = await trackerApi.pickTarget(name, scope === "each");
      if (!target) return;
      setProgress(0);
      const result = await trackerApi.export(campaignId, target.token, scope === "team" ? team : null, scope === "each", setProgress);
      setWritten(result);
      message.success(t("tracker.written", { count: result.length }));
    } catch (e) {
      onError(e);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Card title={t("tracker.exportTitle")}>
      <Typography.Paragraph type="secondary">{t("tracker.exportHelp")}</Typography.Paragraph>
      <Space wrap>
        <Typography.Text>{t("tracker.scope")}</Typography.Text>
        <Radio.Group value={scope} onChange={(e) => setScope(e.target.value as Scope)} data-testid="tracker-scope">
          <Radio.Button value="whole">{t("tracker.whole")}</Radio.Button>
          <Radio.Button value="team">{t("tracker.oneTeam")}</Radio.Button>
          <Radio.Button value="each">{t("tracker.eachTeam")}</Radio.Button>
        </Radio.Group>
        {scope === "team" && (
          <Select
            style={{ minWidth: 200 }}
            placeholder={t("tracker.pickTeam")}
            value={team ?? undefined}
            onChange={setTeam}
            options={teams.map((tm) => ({ value: tm.name, label: tm.name }))}
          />
        )}
        <Button
          type="primary"
          icon={<ExportOutlined />}
          onClick={() => void exportNow()}
          disabled={progress !== null || (scope === "team" && !team)}
          data-testid="tracker-export"
        >
          {t("tracker.export")}
        </Button>
      </Space>
      {progress !== null && (
        <Space style={{ marginTop: 16 }} data-testid="tracker-progress">
          <Spin size="small" />
          <Typography.Text type="secondary">{t("tracker.exporting", { count: progress })}</Typography.Text>
        </Space>
      )}
      {written && (
        <Table<TrackerSummary>
          style={{ marginTop: 16 }}
          size="small"
          rowKey="file"
          pagination={false}
          dataSource={written}
          data-testid="tracker-written"
          columns={[
            { title: t("tracker.file"), dataIndex: "file", ellipsis: true },
            { title: t("tracker.targets"), dataIndex: "targets", width: 100, align: "right" },
            { title: t("tracker.highRisk"), dataIndex: "high_risk", width: 90, align: "right" },
            { title: t("tracker.items"), dataIndex: "plan_items", width: 100, align: "right" },
            { title: t("tracker.subsidy"), dataIndex: "subsidy_total", width: 140, align: "right", render: (v: number) => formatFen(v) },
          ]}
        />
      )}
    </Card>
  );
}
