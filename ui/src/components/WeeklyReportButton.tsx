import { useState } from "react";
import { Alert, App, Button, DatePicker, Form, Modal, Radio, Select, Typography } from "antd";
import { FileTextOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { ApiError, reportApi, type ReportFormat, type ReportSummary } from "../api";
import { useTeams } from "../queries/campaigns";

/** The file's name without its folder, for the success line. */
function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** 导出周报: a small form (day, team, PDF or Excel), the save dialog, then the report written there. */
export default function WeeklyReportButton({ campaignId, asOf, teamId }: { campaignId: number; asOf?: string; teamId?: number | null }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  // The team list only fills the picker: a failure leaves 全部 as the one choice.
  const teams = useTeams().data ?? [];
  const [open, setOpen] = useState(false);
  const [day, setDay] = useState<Dayjs>(() => (asOf ? dayjs(asOf) : dayjs()));
  const [team, setTeam] = useState<number | null>(teamId ?? null);
  const [format, setFormat] = useState<ReportFormat>("pdf");
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<ReportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  const show = () => {
    setDay(asOf ? dayjs(asOf) : dayjs());
    setTeam(teamId ?? null);
    setWritten(null);
    setError(null);
    setOpen(true);
  };

  const write = async () => {
    setError(null);
    setWritten(null);
    const date = day.format("YYYY-MM-DD");
    try {
      const target = await reportApi.pickTarget(campaignId, date, team, format);
      if (!target) return;
      setBusy(true);
      const summary = await reportApi.export(campaignId, target.token, date, team);
      setWritten(summary);
      message.success(t("weeklyReport.written", { name: baseName(summary.file) }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message_for(i18n.language) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<FileTextOutlined />} onClick={show} data-testid="weekly-report">{t("weeklyReport.button")}</Button>
      <Modal
        open={open}
        title={t("weeklyReport.title")}
        okText={t("weeklyReport.write")}
        cancelText={t("weeklyReport.close")}
        onOk={() => void write()}
        onCancel={() => setOpen(false)}
        okButtonProps={{ loading: busy, "data-testid": "weekly-report-write" }}
        cancelButtonProps={{ disabled: busy }}
        maskClosable={!busy}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t("weeklyReport.help")}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t("weeklyReport.asOf")}>
            <DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} data-testid="weekly-report-date" />
          </Form.Item>
          <Form.Item label={t("weeklyReport.team")}>
            <Select<number | "all">
              style={{ width: 240 }}
              value={team ?? "all"}
              onChange={(v) => setTeam(v === "all" ? null : v)}
              data-testid="weekly-report-team"
              options={[{ value: "all" as const, label: t("weeklyReport.allTeams") }, ...teams.map((tm) => ({ value: tm.id, label: tm.name }))]}
            />
          </Form.Item>
          <Form.Item label={t("weeklyReport.format")}>
            <Radio.Group value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)} optionType="button" data-testid="weekly-report-format"
              options={[{ value: "pdf", label: t("weeklyReport.pdf") }, { value: "xlsx", label: t("weeklyReport.excel") }]} />
          </Form.Item>
        </Form>
        {busy && <Typography.Text type="secondary">{t("weeklyReport.writing")}</Typography.Text>}
        {written && <Alert type="success" showIcon message={t("weeklyReport.written", { name: baseName(written.file) })} data-testid="weekly-report-written" />}
        {error && <Alert type="error" showIcon message={error} data-testid="weekly-report-error" />}
      </Modal>
    </>
  );
}
