import { useEffect } from "react";
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ApiError, type PointScheme, type RewardField } from "../../api";
import { usePointChanges, usePointScheme } from "../../queries/points";
import { useExplain } from "../../queries/errors";
import { formatYuanInput } from "../../format";

const FIELDS: RewardField[] = ["spend", "tenure_months", "level_rank", "linked_to_client"];

/** The scheme as a form holds it: percentages and 元 rather than basis points and fen. */
type SchemeForm = {
  points_per_yuan: number;
  level_window_months: number;
  expiry_months: number | null;
  tenure_bands: { from_months: number; to_months: number | null; bonus: number }[];
  levels: { code: string; name: string; bonus: number; min_spend: number; entitlements: string }[];
  rewards: { name: string; field: RewardField; at_least: number; points: number }[];
};

const toForm = (s: PointScheme): SchemeForm => ({
  points_per_yuan: s.points_per_yuan,
  level_window_months: s.level_window_months,
  expiry_months: s.expiry_months,
  tenure_bands: s.tenure_bands.map((b) => ({ from_months: b.from_months, to_months: b.to_months, bonus: b.bonus / 100 })),
  levels: s.levels.map((l) => ({ code: l.code, name: l.name, bonus: l.bonus / 100, min_spend: l.min_spend / 100, entitlements: (l.entitlements ?? []).join("\n") })),
  rewards: s.rewards ?? [],
});

const fromForm = (f: SchemeForm): PointScheme => ({
  points_per_yuan: f.points_per_yuan,
  level_window_months: f.level_window_months,
  expiry_months: f.expiry_months ?? null,
  tenure_bands: (f.tenure_bands ?? []).map((b) => ({ from_months: b.from_months, to_months: b.to_months ?? null, bonus: Math.round((b.bonus ?? 0) * 100) })),
  levels: (f.levels ?? []).map((l) => ({
    ...l,
    bonus: Math.round((l.bonus ?? 0) * 100),
    min_spend: Math.round((l.min_spend ?? 0) * 100),
    entitlements: (l.entitlements ?? "").split("\n").map((e) => e.trim()).filter(Boolean),
  })),
  rewards: f.rewards ?? [],
});

/** The points scheme (appendices 1–2) as data: spend points, tenure bands, levels with their
 *  thresholds and entitlements, reward rules and expiry; checked as a whole on save. */
export default function SchemeTab({ campaignId }: { campaignId: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const explain = useExplain();
  const scheme = usePointScheme(campaignId);
  const { saveScheme } = usePointChanges(campaignId);
  const [form] = Form.useForm<SchemeForm>();
  useEffect(() => {
    if (scheme.data) form.setFieldsValue(toForm(scheme.data));
  }, [scheme.data, form]);

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await saveScheme.mutateAsync(fromForm(v));
      message.success(t("points.schemeSaved"));
    } catch (e) {
      if (!(e instanceof ApiError) || e.report.fields.length === 0) {
        message.error(explain(e));
        return;
      }
      // The core names nested fields "tenure_bands.2.from_months": the form's path to them.
      const zh = i18n.language.startsWith("zh");
      const path = (field: string) => field.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)) as unknown as keyof SchemeForm;
      form.setFields(e.report.fields.map((f) => ({ name: path(f.field), errors: [zh ? f.message_zh : f.message_en] })));
      message.error(t("points.schemeProblems", { count: e.report.fields.length }));
    }
  };

  if (scheme.error) return <Alert type="error" showIcon message={explain(scheme.error)} />;
  return (
    <Form form={form} layout="vertical" data-testid="points-scheme">
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        <Card size="small" title={t("points.schemeBasics")}>
          <Row gutter={16}>
            <Col xs={24} sm={8}><Form.Item name="points_per_yuan" label={t("points.perYuan")} rules={[{ required: true }]}><InputNumber min={1} max={1000} precision={0} style={{ width: "100%" }} /></Form.Item></Col>
            <Col xs={24} sm={8}><Form.Item name="level_window_months" label={t("points.window")} rules={[{ required: true }]}><InputNumber min={1} max={60} precision={0} style={{ width: "100%" }} /></Form.Item></Col>
            <Col xs={24} sm={8}><Form.Item name="expiry_months" label={t("points.expiry")} extra={t("points.expiryHelp")}><InputNumber min={1} max={120} precision={0} style={{ width: "100%" }} /></Form.Item></Col>
          </Row>
          <Typography.Text type="secondary">{t("points.averageRule")}</Typography.Text>
        </Card>
        <Card size="small" title={t("points.bands")}>
          <Form.List name="tenure_bands">
            {(items, { add, remove }) => (
              <>
                {items.map((item) => (
                  <Space key={item.key} align="start" wrap style={{ display: "flex" }}>
                    <Form.Item name={[item.name, "from_months"]} label={t("points.fromMonths")}><InputNumber min={0} precision={0} /></Form.Item>
                    <Form.Item name={[item.name, "to_months"]} label={t("points.toMonths")}><InputNumber min={0} precision={0} placeholder="∞" /></Form.Item>
                    <Form.Item name={[item.name, "bonus"]} label={t("points.bonusPercent")}><InputNumber min={0} max={100} /></Form.Item>
                    <Button icon={<DeleteOutlined />} style={{ marginTop: 30 }} onClick={() => remove(item.name)} aria-label={t("common.delete")} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ from_months: 0, to_months: null, bonus: 0 })}>{t("points.addBand")}</Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card size="small" title={t("points.levels")}>
          <Form.List name="levels">
            {(items, { add, remove }) => (
              <>
                {items.map((item) => (
                  <Space key={item.key} align="start" wrap style={{ display: "flex" }}>
                    <Form.Item name={[item.name, "name"]} label={t("points.levelName")}><Input style={{ width: 100 }} maxLength={40} /></Form.Item>
                    <Form.Item name={[item.name, "code"]} label={t("points.levelCode")}><Input style={{ width: 90 }} maxLength={40} /></Form.Item>
                    <Form.Item name={[item.name, "bonus"]} label={t("points.bonusPercent")}><InputNumber min={0} max={100} style={{ width: 90 }} /></Form.Item>
                    <Form.Item name={[item.name, "min_spend"]} label={t("points.minSpend")}><InputNumber min={0} precision={2} formatter={formatYuanInput} style={{ width: 120 }} /></Form.Item>
                    <Form.Item name={[item.name, "entitlements"]} label={t("points.entitlements")}><Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} style={{ width: 300 }} placeholder={t("points.entitlementsHint")} /></Form.Item>
                    <Button icon={<DeleteOutlined />} style={{ marginTop: 30 }} onClick={() => remove(item.name)} aria-label={t("common.delete")} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ code: "", name: "", bonus: 0, min_spend: 0, entitlements: "" })}>{t("points.addLevel")}</Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card size="small" title={t("points.rewards")}>
          <Form.List name="rewards">
            {(items, { add, remove }) => (
              <>
                {items.length === 0 && <Typography.Paragraph type="secondary">{t("points.noRewards")}</Typography.Paragraph>}
                {items.map((item) => (
                  <Space key={item.key} align="start" wrap style={{ display: "flex" }}>
                    <Form.Item name={[item.name, "name"]} label={t("points.rewardName")}><Input style={{ width: 160 }} maxLength={40} /></Form.Item>
                    <Form.Item name={[item.name, "field"]} label={t("points.rewardField")}>
                      <Select style={{ width: 160 }} options={FIELDS.map((f) => ({ value: f, label: t(`points.fields.${f}`) }))} />
                    </Form.Item>
                    <Form.Item name={[item.name, "at_least"]} label={t("points.atLeast")}><InputNumber min={0} precision={0} /></Form.Item>
                    <Form.Item name={[item.name, "points"]} label={t("points.points")}><InputNumber min={1} precision={0} /></Form.Item>
                    <Button icon={<DeleteOutlined />} style={{ marginTop: 30 }} onClick={() => remove(item.name)} aria-label={t("common.delete")} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ name: "", field: "spend", at_least: 0, points: 100 })}>{t("points.addReward")}</Button>
              </>
            )}
          </Form.List>
        </Card>
        <Space>
          <Button type="primary" onClick={() => void save()} loading={saveScheme.isPending} data-testid="points-scheme-save">{t("common.save")}</Button>
          <Button onClick={() => scheme.data && form.setFieldsValue(toForm(scheme.data))}>{t("common.reset")}</Button>
        </Space>
      </Space>
    </Form>
  );
}
