import { useState } from "react";
import { Alert, App, Button, Card, Empty, Select, Space, Table } from "antd";
import { ExportOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { serviceApi, type Greeting, type SwitchboardLine, type TextEncoding } from "../../api";
import { useCareLines, useCarePreview, useCareSettings, useServiceChanges } from "../../queries/service";
import { useExplain } from "../../queries/errors";
import { useFailure } from "./useFailure";

type Format = "gbk" | "utf8" | "xlsx";

/** 关怀日历: new switchboard users' holiday greetings — the next holidays, who is due a greeting,
 *  the send list saved for the SMS platform (and recorded, so no one is greeted twice), the lines. */
export default function CareTab({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const explain = useExplain();
  const fail = useFailure();
  const settings = useCareSettings(campaignId);
  const today = dayjs().format("YYYY-MM-DD");
  const upcoming = (settings.data?.holidays ?? []).filter((h) => h.day >= today);
  const [chosen, setChosen] = useState<string | null>(null);
  const holiday = upcoming.find((h) => `${h.name}|${h.day}` === chosen) ?? upcoming[0] ?? null;
  const year = holiday ? Number(holiday.day.slice(0, 4)) : dayjs().year();
  const preview = useCarePreview(campaignId, holiday?.name ?? null, year);
  const [offset, setOffset] = useState(0);
  const lines = useCareLines(campaignId, offset);
  const [format, setFormat] = useState<Format>("gbk");
  const [busy, setBusy] = useState(false);
  const { changed } = useServiceChanges(campaignId);

  const exportList = async () => {
    if (!holiday) return;
    setBusy(true);
    try {
      const target = await serviceApi.carePickTarget(holiday.name, year, format === "xlsx");
      if (!target) return;
      const encoding: TextEncoding = format === "utf8" ? "utf8" : "gbk";
      const summary = await serviceApi.careExport(campaignId, target.token, holiday.name, year, encoding);
      message.success(t("service.care.exported", { count: summary.greetings, file: summary.file }));
      await changed();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      {(settings.error || preview.error) && <Alert type="error" showIcon message={explain(settings.error ?? preview.error)} />}
      <Card size="small" title={t("service.care.title")} extra={settings.data && <span>{t("service.care.window", { days: settings.data.new_within_days })}</span>}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select style={{ minWidth: 200 }} value={holiday ? `${holiday.name}|${holiday.day}` : undefined} placeholder={t("service.care.noHoliday")}
            onChange={setChosen} options={upcoming.map((h) => ({ value: `${h.name}|${h.day}`, label: `${h.name} · ${h.day}` }))} data-testid="care-holiday" />
          <Select<Format> value={format} onChange={setFormat} style={{ minWidth: 150 }}
            options={(["gbk", "utf8", "xlsx"] as Format[]).map((f) => ({ value: f, label: t(`service.care.formats.${f}`) }))} />
          <Button type="primary" icon={<ExportOutlined />} disabled={!holiday || (preview.data?.length ?? 0) === 0} loading={busy} onClick={() => void exportList()} data-testid="care-export">
            {t("service.care.export")}
          </Button>
        </Space>
        <Table<Greeting>
          size="small" rowKey="line_id" loading={preview.isLoading} dataSource={preview.data ?? []} scroll={{ x: "max-content" }} className="nowrap-table"
          pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (n) => t("service.care.due", { count: n }) }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("service.care.nobodyDue")} /> }}
          columns={[
            { title: t("service.care.line"), dataIndex: "line" },
            { title: t("client.name"), dataIndex: "client" },
            { title: t("client.manager"), dataIndex: "managers" },
            { title: t("service.care.text"), dataIndex: "text", width: 420 },
          ]}
        />
      </Card>
      <Card size="small" title={t("service.care.lines")}>
        <Table<SwitchboardLine>
          size="small" rowKey="id" loading={lines.isLoading} dataSource={lines.data?.rows ?? []} scroll={{ x: "max-content" }} className="nowrap-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("service.care.noLines")} /> }}
          pagination={{ current: offset / 50 + 1, pageSize: 50, total: lines.data?.total ?? 0, showSizeChanger: false, onChange: (p) => setOffset((p - 1) * 50) }}
          columns={[
            { title: t("service.care.line"), dataIndex: "line" },
            { title: t("client.name"), key: "client", render: (_, l) => `${l.client_code} ${l.client}` },
            { title: t("client.manager"), key: "m", render: (_, l) => (l.vip_manager ? `${l.manager} · ${l.vip_manager}` : l.manager || t("common.none")) },
            { title: t("service.care.activated"), dataIndex: "activated_on" },
          ]}
        />
      </Card>
    </Space>
  );
}
