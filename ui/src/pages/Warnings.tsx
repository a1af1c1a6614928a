import { useCallback, useEffect, useState } from "react";
import { Alert, App, Button, Card, Col, Empty, InputNumber, Modal, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography, Input } from "antd";
import { ImportOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import {
  api,
  ApiError,
  importApi,
  warningApi,
  warningNext,
  type Person,
  type SnapshotReport,
  type Team,
  type Warning,
  type WarningStatus,
  type WarningSummary,
} from "../api";
import { formatFen } from "../format";
import KeyPersonCard from "../components/KeyPersonCard";

type View = "open" | "all" | WarningStatus;

const statusColor: Record<WarningStatus, string> = { to_contact: "red", contacted: "orange", retained: "green", lost: "default" };

/** 宽带预警: the queue of fibre users who left or moved to a lower tariff, oldest first. */
export default function Warnings({ campaignId }: { campaignId: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [view, setView] = useState<View>("open");
  const [ownerId, setOwnerId] = useState<number | null>(null);
  const [teamId, setTeamId] = useState<number | null>(null);
  const [rows, setRows] = useState<Warning[] | null>(null);
  const [summary, setSummary] = useState<WarningSummary | null>(null);
  const [people, setPeople] = useState<Person[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [threshold, setThreshold] = useState<number | null>(null);
  const [moving, setMoving] = useState<{ warning: Warning; to: WarningStatus } | null>(null);
  const [note, setNote] = useState("");
  const [checked, setChecked] = useState<{ file: string; report: SnapshotReport } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const fail = useCallback((e: unknown) => setFailure(e instanceof ApiError ? e.message_for(i18n.language) : String(e)), [i18n.language]);
  const load = useCallback(() => {
    const filter = {
      open_only: view === "open",
      status: view === "open" || view === "all" ? null : view,
      owner_id: ownerId,
      team_id: teamId,
    };
    warningApi.list(campaignId, filter).then((w) => setRows(w ?? []), fail);
    warningApi.summary(campaignId).then(setSummary, fail);
  }, [campaignId, view, ownerId, teamId, fail]);
  useEffect(load, [load]);
  useEffect(() => {
    Promise.all([api.people(), api.teams(), warningApi.threshold(campaignId)]).then(([p, tm, th]) => {
      setPeople((p ?? []).filter((x) => x.is_account_manager));
      setTeams(tm ?? []);
      setThreshold(th ?? null);
    }, fail);
  }, [campaignId, fail]);

  const move = async () => {
    if (!moving) return;
    try {
      await warningApi.setStatus(moving.warning.id, moving.to, note);
      setMoving(null);
      setNote("");
      load();
    } catch (e) {
      fail(e);
    }
  };

  const check = async () => {
    try {
      const picked = await importApi.pickFile();
      if (!picked) return;
      setChecked({ file: picked.token, report: await warningApi.importSnapshots(picked.token, campaignId, true) });
    } catch (e) {
      fail(e);
    }
  };

  const runImport = async () => {
    if (!checked) return;
    try {
      const report = await warningApi.importSnapshots(checked.file, campaignId, false);
      setChecked(null);
      message.success(t("warning.imported", { count: report.counts.left + report.counts.downgrade }));
      load();
    } catch (e) {
      fail(e);
    }
  };

  const saveThreshold = async (percent: number | null) => {
    if (percent === null || !Number.isFinite(percent) || Math.round(percent * 100) === threshold) return;
    try {
      await warningApi.saveThreshold(campaignId, Math.round(percent * 100));
      setThreshold(Math.round(percent * 100));
      message.success(t("warning.saved"));
    } catch (e) {
      fail(e);
    }
  };

  const reading = (period: string, r: Warning["before"]) =>
    `${period} ${r.in_network ? t("warning.inNetwork") : t("warning.outNetwork")} ${formatFen(r.tariff)}`;
  const closed = summary ? summary.retained + summary.lost : 0;
  const rate = summary?.retention_bp != null ? `${(summary.retention_bp / 100).toFixed(1)}%` : t("warning.noRate");

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      {failure && <Alert type="error" showIcon message={failure} closable onClose={() => setFailure(null)} />}
      <Row gutter={16}>
        {(["to_contact", "contacted", "retained", "lost"] as WarningStatus[]).map((s) => (
          <Col span={5} key={s}>
            <Card size="small"><Statistic title={t(`warning.status.${s}`)} value={summary?.[s] ?? 0} loading={!summary} data-testid={`warning-count-${s}`} /></Card>
          </Col>
        ))}
        <Col span={4}>
          <Card size="small">
            <Statistic
              title={closed ? `${t("warning.retentionTitle")}（${summary?.retained}/${closed}）` : t("warning.retentionTitle")}
              value={rate}
              loading={!summary}
              data-testid="warning-retention"
            />
          </Card>
        </Col>
      </Row>
      <Card
        title={t("nav.warnings")}
        extra={
          <Space>
            <Typography.Text type="secondary" title={t("warning.thresholdHelp")}>{t("warning.threshold")}</Typography.Text>
            <InputNumber
              key={threshold ?? "none"}
              min={0.01}
              max={100}
              step={1}
              addonAfter="%"
              style={{ width: 110 }}
              defaultValue={threshold === null ? undefined : threshold / 100}
              onBlur={(e) => void saveThreshold(Number(e.target.value))}
              data-testid="warning-threshold"
            />
            <Button icon={<ImportOutlined />} onClick={() => void check()} data-testid="warning-import">{t("warning.import")}</Button>
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented<View>
            value={view}
            onChange={setView}
            options={[
              { value: "open", label: t("warning.openOnly") },
              { value: "to_contact", label: t("warning.status.to_contact") },
              { value: "contacted", label: t("warning.status.contacted") },
              { value: "retained", label: t("warning.status.retained") },
              { value: "lost", label: t("warning.status.lost") },
              { value: "all", label: t("warning.all") },
            ]}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 160 }}
            placeholder={t("warning.anyOwner")}
            value={ownerId ?? undefined}
            onChange={(v) => setOwnerId(v ?? null)}
            options={people.map((p) => ({ value: p.id, label: p.name }))}
            data-testid="warning-owner"
          />
          <Select
            allowClear
            style={{ minWidth: 180 }}
            placeholder={t("warning.anyTeam")}
            value={teamId ?? undefined}
            onChange={(v) => setTeamId(v ?? null)}
            options={teams.map((tm) => ({ value: tm.id, label: tm.name }))}
          />
        </Space>
        {summary && summary.open_by_owner.length > 0 && (
          <div style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary">{t("warning.queue")}：</Typography.Text>
            {summary.open_by_owner.slice(0, 12).map(([name, n]) => (
              <Tag
                key={name}
                color={people.find((p) => p.name === name)?.id === ownerId ? "red" : undefined}
                style={{ cursor: "pointer" }}
                onClick={() => setOwnerId(people.find((p) => p.name === name)?.id ?? null)}
              >
                {name || "—"} {n}
              </Tag>
            ))}
          </div>
        )}
        <Table<Warning>
          size="small"
          rowKey="id"
          loading={rows === null}
          dataSource={rows ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("warning.empty")} /> }}
          data-testid="warning-table"
          columns={[
            {
              title: t("warning.raised"),
              dataIndex: "raised_on",
              width: 110,
              render: (d: string, w) => (
                <>
                  <div>{d}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("warning.days", { count: w.age_days })}</Typography.Text>
                </>
              ),
            },
            {
              title: t("warning.client"),
              width: 210,
              ellipsis: true,
              render: (_, w) => (
                <>
                  <div style={{ overflow: "hidden", textOverflow: "ellipsis" }}>{w.client_code} {w.client}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("warning.contract")} {w.contract}</Typography.Text>
                </>
              ),
            },
            { title: t("warning.owner"), dataIndex: "owner", width: 80, render: (v: string | null) => v ?? "—" },
            { title: "", dataIndex: "reason", width: 88, render: (r: Warning["reason"]) => <Tag color={r === "left" ? "volcano" : "gold"}>{t(`warning.reason.${r}`)}</Tag> },
            { title: t("warning.evidence"), render: (_, w) => `${reading(w.previous_period, w.before)} → ${reading(w.period, w.after)}` },
            { title: "", dataIndex: "status", width: 76, render: (s: WarningStatus) => <Tag color={statusColor[s]}>{t(`warning.status.${s}`)}</Tag> },
            {
              title: t("warning.actions"),
              width: 196,
              render: (_, w) => (
                <Space size={4}>
                  {warningNext[w.status].map((to) => (
                    <Button key={to} size="small" onClick={() => { setNote(""); setMoving({ warning: w, to }); }} data-testid={`warning-${w.id}-${to}`}>
                      {t(`warning.status.${to}`)}
                    </Button>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <KeyPersonCard campaignId={campaignId} onError={fail} />
      <Modal
        open={!!moving}
        title={moving ? t("warning.to", { status: t(`warning.status.${moving.to}`) }) : ""}
        onOk={() => void move()}
        onCancel={() => setMoving(null)}
        okButtonProps={{ disabled: moving?.to === "lost" && !note.trim(), ...({ "data-testid": "warning-move-ok" } as Record<string, string>) }}
        destroyOnClose
      >
        {moving && (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Typography.Text>{moving.warning.client_code} {moving.warning.client} · {moving.warning.contract}</Typography.Text>
            <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t("warning.note")} data-testid="warning-note" autoFocus />
            {moving.to === "lost" && !note.trim() && <Typography.Text type="danger">{t("warning.noteRequired")}</Typography.Text>}
          </Space>
        )}
      </Modal>
      <Modal
        open={!!checked}
        title={t("warning.import")}
        onOk={() => void runImport()}
        onCancel={() => setChecked(null)}
        okButtonProps={{ disabled: !!checked?.report.problems.length }}
        width={760}
      >
        {checked && checked.report.problems.length === 0 && (
          <Alert type="success" showIcon message={t("warning.importReady", { file: checked.report.file, ...checked.report.counts })} />
        )}
        {checked && checked.report.problems.length > 0 && (
          <>
            <Alert type="error" showIcon message={t("warning.importProblems", { file: checked.report.file, count: checked.report.problems.length })} />
            <Table
              size="small"
              style={{ marginTop: 12 }}
              rowKey={(p) => `${p.line}-${p.column}`}
              dataSource={checked.report.problems}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              columns={[
                { title: t("tracker.row"), dataIndex: "line", width: 60 },
                { title: t("tracker.column"), dataIndex: "column", width: 100 },
                { title: t("tracker.value"), dataIndex: "value", width: 140 },
                { title: t("tracker.problem"), render: (_, p) => (i18n.language.startsWith("zh") ? p.message_zh : p.message_en) },
              ]}
            />
          </>
        )}
      </Modal>
    </Space>
  );
}
