import { useState } from "react";
import { App, Button, Modal, Space, Table, Typography } from "antd";
import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { teamApi, trackerApi, type TeamTrackerReport } from "../../api";
import { teamKeys } from "../../queries/team";
import { useExplain } from "../../queries/errors";

type Checked = { token: string; reports: [string, TeamTrackerReport][] };

/** 导出跟踪表 / 交回跟踪表 in team mode: the team's items out as a workbook, and returned ones
 *  checked on the server first, then applied all or nothing. */
export default function TeamTrackerBar({ campaignId }: { campaignId: number }) {
  const { t, i18n } = useTranslation();
  const explain = useExplain();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [checked, setChecked] = useState<Checked | null>(null);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      modal.error({ title: t("team.trackerFailed"), content: explain(e) });
    } finally {
      setBusy(false);
    }
  };

  const exportTracker = () => run(async () => {
    const target = await trackerApi.pickTarget(t("team.trackerFile"), false);
    if (!target) return;
    const path = await teamApi.exportTracker(campaignId, target.token, i18n.language);
    void message.success(t("team.trackerExported", { path }));
  });

  const check = () => run(async () => {
    const files = await trackerApi.pickReturned();
    if (!files) return;
    setChecked({ token: files.token, reports: await teamApi.applyTrackers(files.token, true) });
  });

  const apply = () => run(async () => {
    if (!checked) return;
    const reports = await teamApi.applyTrackers(checked.token, false);
    const refused = reports.some(([, r]) => !r.written);
    setChecked(refused ? { ...checked, reports } : null);
    if (!refused) void message.success(t("team.trackerApplied", { count: reports.reduce((n, [, r]) => n + Number(r.applied), 0) }));
    await queryClient.invalidateQueries({ queryKey: teamKeys.all });
  });

  const clean = checked?.reports.every(([, r]) => r.problems.length === 0 && r.conflicts.length === 0) ?? false;
  const zh = i18n.language.startsWith("zh");
  return (
    <>
      <Space>
        <Button icon={<DownloadOutlined />} onClick={() => void exportTracker()} disabled={busy} data-testid="team-tracker-export">{t("team.trackerExport")}</Button>
        <Button icon={<UploadOutlined />} onClick={() => void check()} disabled={busy} data-testid="team-tracker-return">{t("team.trackerReturn")}</Button>
      </Space>
      {checked && (
        <Modal open width={720} title={t("team.trackerCheckTitle")} onCancel={() => setChecked(null)} onOk={() => void apply()} confirmLoading={busy}
          okText={t("team.trackerApply")} okButtonProps={{ disabled: !clean, "data-testid": "team-tracker-apply" }}>
          {checked.reports.map(([file, r]) => (
            <div key={file} style={{ marginBottom: 16 }} data-testid="team-tracker-report">
              <Typography.Text strong>{file}</Typography.Text>
              <Typography.Paragraph>
                {Number(r.applied) + Number(r.unchanged) === 0 && r.problems.length === 0 && r.conflicts.length === 0
                  ? t("team.trackerNoChanges")
                  : t("team.trackerSummary", { applied: r.applied, unchanged: r.unchanged })}
              </Typography.Paragraph>
              {r.problems.length > 0 && (
                <Table size="small" rowKey={(p) => `${p.row}-${p.column}`} pagination={false} dataSource={r.problems}
                  columns={[
                    { title: t("team.trackerWhere"), key: "where", width: 160, render: (_, p) => `${p.sheet} ${p.column}${p.row}` },
                    { title: t("team.trackerProblem"), key: "message", render: (_, p) => (zh ? p.message_zh : p.message_en) },
                  ]} />
              )}
              {r.conflicts.length > 0 && (
                <Table size="small" rowKey={(c) => String(c.row)} pagination={false} dataSource={r.conflicts}
                  columns={[
                    { title: t("team.trackerRow"), dataIndex: "row", width: 80 },
                    { title: t("team.client"), key: "client", render: (_, c) => `${c.current.client} · ${c.current.title}` },
                    { title: t("team.trackerNow"), key: "now", width: 200, render: (_, c) => t("team.trackerChangedTo", { status: t(`plan.statuses.${c.current.status}`) }) },
                  ]} />
              )}
            </div>
          ))}
          {!clean && <Typography.Text type="danger">{t("team.trackerNothingWritten")}</Typography.Text>}
        </Modal>
      )}
    </>
  );
}
