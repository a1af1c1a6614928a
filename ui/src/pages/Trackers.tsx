import { useEffect, useState } from "react";
import { Alert, App, Button, Card, Empty, Popconfirm, Radio, Select, Space, Spin, Table, Tag, Typography } from "antd";
import { ExportOutlined, ImportOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { api, ApiError, trackerApi, type ApplyReport, type IgnoredEdit, type Team, type TrackerChange, type TrackerProblem, type TrackerSummary } from "../api";
import { formatFen } from "../format";

type Scope = "whole" | "team" | "each";

/** Excel trackers: write the workbook district teams fill in, and apply the ones they send back. */
export default function Trackers({ campaignId, campaignName }: { campaignId: number; campaignName: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const zh = i18n.language.startsWith("zh");
  const [teams, setTeams] = useState<Team[]>([]);
  const [scope, setScope] = useState<Scope>("whole");
  const [team, setTeam] = useState<string | null>(null);
  const [written, setWritten] = useState<TrackerSummary[] | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  /** The shell's token for the returned trackers being previewed. */
  const [files, setFiles] = useState<string | null>(null);
  const [preview, setPreview] = useState<ApplyReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.teams().then((list) => setTeams(list ?? []), () => setTeams([]));
  }, []);

  const fail = (e: unknown) => setFailure(e instanceof ApiError ? e.message_for(i18n.language) : String(e));

  const exportNow = async () => {
    setFailure(null);
    try {
      const suffix = scope === "team" && team ? `-${team}` : "";
      const name = `${campaignName}${suffix}-${zh ? "跟踪表" : "tracker"}.xlsx`;
      const target = await trackerApi.pickTarget(name, scope === "each");
      if (!target) return;
      setProgress(0);
      const result = await trackerApi.export(campaignId, target.token, scope === "team" ? team : null, scope === "each", setProgress);
      setWritten(result);
      message.success(t("tracker.written", { count: result.length }));
    } catch (e) {
      fail(e);
    } finally {
      setProgress(null);
    }
  };

  const pickReturned = async () => {
    setFailure(null);
    try {
      const picked = await trackerApi.pickReturned();
      if (!picked) return;
      setBusy(true);
      setFiles(picked.token);
      setPreview(await trackerApi.apply(picked.token, true));
    } catch (e) {
      setPreview(null);
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const applyNow = async () => {
    if (!files) return;
    setBusy(true);
    try {
      const report = await trackerApi.apply(files, false);
      const added = report.achievements.filter((a) => !a.already_applied).length;
      message.success(t("tracker.applied", { changes: report.changes.length, achievements: added }));
      setPreview(null);
      setFiles(null);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const fresh = preview ? preview.achievements.filter((a) => !a.already_applied) : [];
  const skipped = preview ? preview.achievements.length - fresh.length : 0;
  const nothing = preview && !preview.problems.length && !preview.changes.length && !fresh.length;

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      {failure && <Alert type="error" showIcon message={failure} closable onClose={() => setFailure(null)} data-testid="tracker-error" />}
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

      <Card title={t("tracker.returnTitle")}>
        <Typography.Paragraph type="secondary">{t("tracker.returnHelp")}</Typography.Paragraph>
        <Button icon={<ImportOutlined />} onClick={() => void pickReturned()} loading={busy && !preview} data-testid="tracker-pick">
          {t("tracker.pickReturned")}
        </Button>
        {!preview && <Empty style={{ marginTop: 16 }} image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("tracker.empty")} />}
        {preview && (
          <Space direction="vertical" style={{ width: "100%", marginTop: 16 }}>
            <Space wrap>{preview.files.map((f) => <Tag key={f}>{f}</Tag>)}</Space>
            {preview.problems.length > 0 && (
              <>
                <Alert type="error" showIcon message={t("tracker.problems", { count: preview.problems.length + preview.more_problems })} description={preview.more_problems ? t("tracker.moreListed", { shown: preview.problems.length, more: preview.more_problems }) : undefined} data-testid="tracker-problems" />
                <Table<TrackerProblem>
                  size="small"
                  rowKey={(p) => `${p.file}-${p.sheet}-${p.line}-${p.column}`}
                  dataSource={preview.problems}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  columns={[
                    { title: t("tracker.file"), dataIndex: "file", width: 180, ellipsis: true },
                    { title: t("tracker.sheet"), dataIndex: "sheet", width: 100 },
                    { title: t("tracker.row"), dataIndex: "line", width: 60, align: "right" },
                    { title: t("tracker.column"), dataIndex: "column", width: 100 },
                    { title: t("tracker.value"), dataIndex: "value", width: 120, ellipsis: true },
                    { title: t("tracker.problem"), render: (_, p) => (zh ? p.message_zh : p.message_en) },
                  ]}
                />
              </>
            )}
            {preview.ignored.length > 0 && (
              <>
                <Alert type="warning" showIcon message={t("tracker.ignored", { count: preview.ignored.length + preview.more_ignored })} data-testid="tracker-ignored" />
                <Table<IgnoredEdit>
                  size="small"
                  rowKey={(p) => `${p.file}-${p.sheet}-${p.line}-${p.column}`}
                  dataSource={preview.ignored}
                  pagination={{ pageSize: 5, hideOnSinglePage: true }}
                  columns={[
                    { title: t("tracker.file"), dataIndex: "file", width: 160, ellipsis: true },
                    { title: t("tracker.sheet"), dataIndex: "sheet", width: 100 },
                    { title: t("tracker.row"), dataIndex: "line", width: 60, align: "right" },
                    { title: t("tracker.column"), dataIndex: "column", width: 100 },
                    { title: t("tracker.value"), dataIndex: "value", ellipsis: true },
                    { title: t("tracker.kept"), dataIndex: "kept", ellipsis: true },
                  ]}
                />
              </>
            )}
            {nothing && <Alert type="info" showIcon message={t("tracker.noChanges")} />}
            {!preview.problems.length && !nothing && (
              <>
                <Alert
                  type="success"
                  showIcon
                  data-testid="tracker-ready"
                  message={`${t("tracker.ready", { changes: preview.changes.length, achievements: fresh.length })}${skipped ? t("tracker.already", { count: skipped }) : ""}`}
                  action={
                    <Popconfirm title={t("tracker.confirmApply")} onConfirm={() => void applyNow()} okButtonProps={{ "data-testid": "tracker-apply-ok" } as Record<string, string>}>
                      <Button type="primary" loading={busy} data-testid="tracker-apply">{t("tracker.apply")}</Button>
                    </Popconfirm>
                  }
                />
                <Table<TrackerChange>
                  size="small"
                  rowKey={(c) => `${c.item_id}-${c.field}`}
                  dataSource={preview.changes}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  data-testid="tracker-changes"
                  columns={[
                    { title: t("tracker.file"), dataIndex: "file", width: 160, ellipsis: true },
                    { title: t("tracker.row"), dataIndex: "line", width: 60, align: "right" },
                    { title: t("tracker.client"), dataIndex: "client_code", width: 120 },
                    { title: t("tracker.item"), dataIndex: "item", width: 100 },
                    { title: t("tracker.field"), dataIndex: "field", width: 100, render: (f: TrackerChange["field"]) => t(`tracker.fields.${f}`) },
                    { title: t("tracker.from"), dataIndex: "from", ellipsis: true },
                    { title: t("tracker.to"), dataIndex: "to", ellipsis: true, render: (v: string) => <Typography.Text strong>{v || "—"}</Typography.Text> },
                  ]}
                />
                {fresh.length > 0 && (
                  <Typography.Text type="secondary">
                    {t("tracker.newAchievements")}：{fresh.map((a) => `${a.date} ${a.metric} ×${a.quantity}${a.corrects ? t("tracker.corrects", { quantity: a.corrects.quantity }) : ""}`).join("；")}
                  </Typography.Text>
                )}
              </>
            )}
          </Space>
        )}
      </Card>
    </Space>
  );
}
