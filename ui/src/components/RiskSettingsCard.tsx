import { Alert, App, Button, Card, Form, InputNumber, Space } from "antd";
import { useTranslation } from "react-i18next";
import type { Campaign, CampaignSummary } from "../api";
import { useSaveRisk } from "../queries/campaigns";
import { useServerError } from "../queries/errors";
import FactTable from "./FactTable";
import { fenFromYuan, formatYuanInput } from "../format";

/** The thresholds that make a target high-risk, and how many targets they flag. */
export default function RiskSettingsCard({ campaign, summary }: { campaign: Campaign; summary: CampaignSummary }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const saveRisk = useSaveRisk(campaign.id);
  const { failure: problem, fail, clear } = useServerError();
  const [form] = Form.useForm<{ window: number; spend: number; price: number }>();

  const save = async () => {
    const v = await form.validateFields();
    try {
      await saveRisk.mutateAsync({ expiry_window_days: v.window, high_spend: fenFromYuan(v.spend), high_price: fenFromYuan(v.price) });
      clear();
      message.success(t("risk.saved"));
    } catch (e) {
      fail(e);
    }
  };

  const counts = (rows: [string, number][], label: (k: string) => string) => (
    <FactTable rows={rows} rowKey={(r) => r[0]}
      columns={[{ key: "item", title: t("common.item"), render: (r) => label(r[0]) }, { key: "count", title: t("campaign.count"), align: "right", render: (r) => r[1] }]} />
  );

  return (
    <Card size="small" title={<span>{t("risk.title")}{t("common.colon")}<b data-testid="high-risk-count">{summary.high_risk}</b></span>}>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="inline" style={{ marginBottom: 12, rowGap: 8 }}
        initialValues={{ window: campaign.risk.expiry_window_days, spend: campaign.risk.high_spend / 100, price: campaign.risk.high_price / 100 }}>
        <Form.Item name="window" label={t("risk.window")}><InputNumber min={0} max={3650} precision={0} /></Form.Item>
        <Form.Item name="spend" label={t("risk.spend")}><InputNumber min={0} precision={2} formatter={formatYuanInput} style={{ width: 130 }} /></Form.Item>
        <Form.Item name="price" label={t("risk.price")}><InputNumber min={0} precision={2} formatter={formatYuanInput} style={{ width: 120 }} /></Form.Item>
        <Form.Item><Button type="primary" onClick={() => void save()}>{t("common.save")}</Button></Form.Item>
      </Form>
      <Space align="start" style={{ width: "100%" }} styles={{ item: { flex: 1 } }}>
        <div><b>{t("risk.byCategory")}</b>{counts(summary.high_risk_by_category, (k) => t(`category.${k}`))}</div>
        <div><b>{t("risk.byTeam")}</b>{counts(summary.high_risk_by_team, (k) => k || "—")}</div>
      </Space>
    </Card>
  );
}
