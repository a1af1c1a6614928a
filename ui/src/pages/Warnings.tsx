import { useState } from "react";
import { useRemembered } from "../components/table/memory";
import { Alert, App, Button, Card, Space } from "antd";
import { ImportOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { importApi, warningApi, type SnapshotReport, type Warning, type WarningStatus } from "../api";
import { usePeople, useTeams } from "../queries/campaigns";
import { useCheckedImport } from "../queries/checkedImport";
import { useServerError } from "../queries/errors";
import { useWarningChanges, useWarnings, useWarningSummary, useWarningThreshold } from "../queries/warnings";
import CheckedImportModal from "../components/CheckedImportModal";
import KeyPersonCard from "../components/KeyPersonCard";
import WarningCounts from "../components/warnings/WarningCounts";
import WarningFilters, { type View } from "../components/warnings/WarningFilters";
import WarningMove from "../components/warnings/WarningMove";
import WarningTable from "../components/warnings/WarningTable";
import WarningErosion from "../components/warnings/WarningErosion";
import WarningThreshold from "../components/warnings/WarningThreshold";

/** 宽带预警: the queue of fibre users who left or moved to a lower tariff, oldest first. */
export default function Warnings({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // The queue's view and filters are the planner's between launches.
  const [filters, setFilters] = useRemembered<{ view: View; ownerId: number | null; teamId: number | null }>("warnings.filters", { view: "open", ownerId: null, teamId: null });
  const { view, ownerId, teamId } = filters;
  const setView = (v: View) => setFilters((f) => ({ ...f, view: v }));
  const setOwnerId = (v: number | null) => setFilters((f) => ({ ...f, ownerId: v }));
  const setTeamId = (v: number | null) => setFilters((f) => ({ ...f, teamId: v }));
  const [moving, setMoving] = useState<{ warning: Warning; to: WarningStatus } | null>(null);
  const filter = { open_only: view === "open", status: view === "open" || view === "all" ? null : view, owner_id: ownerId, team_id: teamId };
  const list = useWarnings(campaignId, filter);
  const summary = useWarningSummary(campaignId);
  const people = usePeople();
  const teams = useTeams();
  const threshold = useWarningThreshold(campaignId);
  const { failure, fail, clear } = useServerError(list.error, summary.error, people.error, teams.error, threshold.error);
  const { move, warningsChanged } = useWarningChanges(campaignId);
  const snapshots = useCheckedImport<SnapshotReport>({
    check: (file) => warningApi.importSnapshots(file, campaignId, true),
    apply: (file) => warningApi.importSnapshots(file, campaignId, false),
    onError: fail,
  });

  const moveTo = async (note: string) => {
    if (!moving) return;
    try {
      await move.mutateAsync({ id: moving.warning.id, to: moving.to, note });
      setMoving(null);
    } catch (e) {
      fail(e);
    }
  };

  const runImport = async () => {
    const report = await snapshots.apply();
    if (!report) return;
    snapshots.reset();
    message.success(t("warning.imported", { count: report.counts.left + report.counts.downgrade }));
    void warningsChanged();
  };

  const checked = snapshots.applied ? null : snapshots.report;
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      {failure && <Alert type="error" showIcon message={failure} closable onClose={clear} />}
      <WarningCounts summary={summary.data ?? null} />
      <Card
        title={t("nav.warnings")}
        extra={<Button icon={<ImportOutlined />} onClick={() => void snapshots.pickAndCheck(importApi.pickFile)} data-testid="warning-import">{t("warning.import")}</Button>}
      >
        {/* The settings have a row of their own, so a narrow window never squeezes the title out. */}
        <Space wrap align="center" size={[24, 8]} style={{ marginBottom: 12 }} data-testid="warning-settings">
          <Space size={8} align="center"><WarningThreshold campaignId={campaignId} onError={fail} /></Space>
          <Space size={8} align="center"><WarningErosion campaignId={campaignId} onError={fail} /></Space>
        </Space>
        <WarningFilters view={view} onView={setView} ownerId={ownerId} onOwner={setOwnerId} teamId={teamId} onTeam={setTeamId}
          people={(people.data ?? []).filter((x) => x.is_account_manager)} teams={teams.data ?? []} summary={summary.data ?? null} />
        <WarningTable rows={list.data ?? null} onMove={(warning, to) => setMoving({ warning, to })} />
      </Card>
      <KeyPersonCard campaignId={campaignId} onError={fail} />
      <WarningMove key={moving ? `${moving.warning.id}-${moving.to}` : "none"} moving={moving} onMove={(note) => void moveTo(note)} onCancel={() => setMoving(null)} />
      <CheckedImportModal
        open={!!checked}
        title={t("warning.import")}
        width={760}
        problems={checked?.problems ?? []}
        ready={checked && <Alert type="success" showIcon message={t("warning.importReady", { file: checked.file, ...checked.counts })} />}
        problemsMessage={checked && <Alert type="error" showIcon message={t("warning.importProblems", { file: checked.file, count: checked.problems.length })} />}
        table={{ labels: "tracker", pageSize: 8, hideOnSinglePage: true, widths: [60, 100, 140], style: { marginTop: 12 } }}
        onOk={() => void runImport()}
        onCancel={snapshots.reset}
      />
    </Space>
  );
}
