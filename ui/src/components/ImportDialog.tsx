import { useState } from "react";
import { Alert, Button, Descriptions, Modal, Progress, Result, Select, Space, Steps, Table, Typography } from "antd";
import { DownloadOutlined, FileExcelOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { IMPORT_FIELDS, importApi, trackerApi, type ImportField, type ImportReport, type Inspection } from "../api";
import { useCheckedImport } from "../queries/checkedImport";
import { useServerError } from "../queries/errors";
import ProblemTable from "./ProblemTable";

type Stage = "pick" | "map" | "check" | "done";

/** Import a client list: pick, map headers, dry-run check, then import with progress. */
export default function ImportDialog({ campaignId, onClose, onImported }: { campaignId: number | null; onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const [stage, setStage] = useState<Stage>("pick");
  const [inspection, setInspection] = useState<Inspection | null>(null);
  const [rows, setRows] = useState<number | null>(null);
  const { failure, fail, clear } = useServerError();
  const flow = useCheckedImport<ImportReport>({
    check: (file) => importApi.run(file, campaignId, true, setRows),
    apply: (file) => importApi.run(file, campaignId, false, setRows),
    onError: fail,
  });
  const { file, report, busy } = flow;

  const inspectFile = async (token: string) => {
    clear();
    try {
      const found = await importApi.inspect(token);
      setInspection(found);
      setStage("map");
    } catch (e) {
      fail(e);
    }
  };

  const pick = async () => {
    const token = await flow.pick(importApi.pickFile);
    if (token) await inspectFile(token);
  };

  const remap = async (header: string, field: ImportField | null) => {
    if (!file) return;
    await importApi.mapHeader(header, field).catch(fail);
    await inspectFile(file);
  };

  const run = async (dryRun: boolean) => {
    clear();
    setRows(0);
    const r = dryRun ? await flow.check() : await flow.apply();
    setRows(null);
    if (!r) return;
    setStage(r.written ? "done" : "check");
    if (r.written) onImported();
  };

  // 下载模板: a workbook headed as the import reads it, with two example rows.
  const downloadTemplate = async () => {
    clear();
    try {
      const target = await trackerApi.pickTarget(t("import.templateFile"), false);
      if (target) await importApi.writeTemplate(target.token);
    } catch (e) {
      fail(e);
    }
  };

  const counts = report && (
    <Descriptions size="small" column={2} bordered data-testid="import-counts">
      <Descriptions.Item label={t("import.clientsCreated")}>{report.counts.clients_created}</Descriptions.Item>
      <Descriptions.Item label={t("import.clientsUpdated")}>{report.counts.clients_updated}</Descriptions.Item>
      <Descriptions.Item label={t("import.contractsCreated")}>{report.counts.contracts_created}</Descriptions.Item>
      <Descriptions.Item label={t("import.contractsUpdated")}>{report.counts.contracts_updated}</Descriptions.Item>
      <Descriptions.Item label={t("import.teamsCreated")}>{report.counts.teams_created}</Descriptions.Item>
      <Descriptions.Item label={t("import.managersCreated")}>{report.counts.managers_created}</Descriptions.Item>
      <Descriptions.Item label={t("import.targetsAdded")} span={2}>{report.counts.targets_added}</Descriptions.Item>
    </Descriptions>
  );

  const ready = inspection !== null && inspection.header_line > 0 && inspection.missing.length === 0;
  const stepIndex = { pick: 0, map: 1, check: 2, done: 3 }[stage];

  return (
    <Modal open width={820} title={t("import.title")} onCancel={busy ? undefined : onClose} maskClosable={!busy} footer={null} destroyOnHidden>
      <Steps size="small" current={stepIndex} style={{ marginBottom: 16 }}
        items={[{ title: t("import.stepPick") }, { title: t("import.stepMap") }, { title: t("import.stepCheck") }, { title: t("import.stepDone") }]} />
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} data-testid="import-failure" />}
      {stage === "pick" && (
        <Space direction="vertical" style={{ width: "100%", alignItems: "center", padding: 24, boxSizing: "border-box" }}>
          <Typography.Paragraph type="secondary">{t("import.pickHelp")}</Typography.Paragraph>
          <Button type="primary" size="large" icon={<FileExcelOutlined />} onClick={() => void pick()} data-testid="import-pick">{t("import.pick")}</Button>
          <Button type="link" icon={<DownloadOutlined />} onClick={() => void downloadTemplate()} data-testid="import-template">{t("import.template")}</Button>
        </Space>
      )}
      {stage !== "pick" && inspection && (
        <Typography.Paragraph>
          <b>{inspection.file}</b>{inspection.sheet ? ` · ${t("import.sheet", { sheet: inspection.sheet })}` : ""}{inspection.header_line > 0 ? ` · ${t("import.headerAt", { line: inspection.header_line })}` : ""}
        </Typography.Paragraph>
      )}
      {stage === "map" && inspection && (
        <>
          {inspection.header_line === 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t("import.noHeader")} />}
          {inspection.missing.length > 0 && (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="import-missing"
              message={t("import.missing", { fields: inspection.missing.map((f) => t(`fields.${f}`)).join(t("common.listSep")) })} />
          )}
          <Table size="small" pagination={false} rowKey="header" dataSource={inspection.columns} scroll={{ y: 300 }}
            columns={[
              { title: t("import.fileHeader"), dataIndex: "header", width: 180 },
              // What the column holds, so the planner can tell 区县 the place from 区县 the team.
              { title: t("import.samples"), dataIndex: "samples", ellipsis: true,
                render: (samples: string[]) => (samples.length
                  ? <Typography.Text type="secondary" data-user-text>{samples.join(" · ")}</Typography.Text>
                  : <Typography.Text type="secondary">{t("common.none")}</Typography.Text>) },
              { title: t("import.readAs"), width: 236, render: (_, c) => (
                <Select style={{ width: 220 }} value={c.field ?? "ignore"}
                  onChange={(v: string) => void remap(c.header, v === "ignore" ? null : (v as ImportField))}
                  options={[{ value: "ignore", label: t("import.ignore") }, ...IMPORT_FIELDS.map((f) => ({ value: f, label: t(`fields.${f}`) }))]} />
              ) },
            ]} />
          <Space style={{ marginTop: 16, justifyContent: "flex-end", width: "100%" }}>
            <Button onClick={() => setStage("pick")}>{t("import.back")}</Button>
            <Button type="primary" disabled={!ready || busy} loading={busy} onClick={() => void run(true)} data-testid="import-check">{t("import.check")}</Button>
          </Space>
        </>
      )}
      {rows !== null && (
        <Space direction="vertical" style={{ width: "100%", marginTop: 12 }}>
          <Progress percent={99} status="active" showInfo={false} />
          <Space>
            <Typography.Text data-testid="import-progress">{t("import.rowsRead", { rows })}</Typography.Text>
            <Button size="small" danger onClick={() => void importApi.cancel()}>{t("common.cancel")}</Button>
          </Space>
        </Space>
      )}
      {stage === "check" && report && !busy && (
        report.problems.length > 0 ? (
          <>
            <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="import-problems"
              message={t("import.problems", { count: report.problems.length + report.more_problems })} />
            <ProblemTable problems={report.problems} labels="import" pageSize={8} widths={[70, 120, 140]} />
            <Space style={{ justifyContent: "flex-end", width: "100%" }}>
              <Button onClick={() => setStage("map")} data-testid="import-back-to-map">{t("import.backToMap")}</Button>
              <Button onClick={() => file && void inspectFile(file)}>{t("import.recheck")}</Button>
            </Space>
          </>
        ) : (
          <>
            <Alert type="success" showIcon style={{ marginBottom: 12 }} message={t("import.checked", { rows: report.rows })}
              description={report.ignored_columns.length ? t("import.ignored", { columns: report.ignored_columns.join(t("common.listSep")) }) : undefined} />
            {counts}
            <Space style={{ marginTop: 16, justifyContent: "flex-end", width: "100%" }}>
              <Button onClick={() => setStage("map")}>{t("import.backToMap")}</Button>
              <Button onClick={onClose}>{t("common.cancel")}</Button>
              <Button type="primary" onClick={() => void run(false)} data-testid="import-go">{t("import.go")}</Button>
            </Space>
          </>
        )
      )}
      {stage === "done" && report && (
        <Result status="success" title={t("import.done", { rows: report.rows })} subTitle={t("import.undoHint")}
          extra={<Button type="primary" onClick={onClose} data-testid="import-close">{t("import.close")}</Button>}>
          {counts}
        </Result>
      )}
    </Modal>
  );
}
