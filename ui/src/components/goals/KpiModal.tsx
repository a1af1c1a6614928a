import { useState } from "react";
import { Alert, Form, Input, InputNumber, Modal, Select, Switch } from "antd";
import { useTranslation } from "react-i18next";
import type { Kpi, KpiInput, Metric, MetricInfo } from "../../api";
import { showServerErrors } from "../serverErrors";

// The parameter's fields carry the core's field names ("parameter.metric"), so its messages land on them.
interface Values {
  name: string;
  metric: Metric;
  "parameter.metric": string | null;
  "parameter.days": number | null;
  target: number | null;
  unit: string;
  higher_is_better: boolean;
}

/**
 * Adds or edits a KPI: its name, the metric Rampart computes it from (or 手工填报), the
 * achievement metric or N days the metric needs, the target in the metric's unit, and whether
 * higher is better.
 */
export default function KpiModal({ kpi, catalogue, achievementMetrics, onSave, onClose }: {
  kpi: Kpi | null;
  catalogue: MetricInfo[];
  /** The campaign's achievement metrics, [code, name]. */
  achievementMetrics: [string, string][];
  onSave(input: KpiInput): Promise<unknown>;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith("zh");
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const metric = Form.useWatch("metric", form) ?? kpi?.metric ?? "plan_coverage";
  const info = catalogue.find((m) => m.metric === metric);
  const label = (m: MetricInfo) => (zh ? m.label_zh : m.label_en);

  const save = async () => {
    const v = await form.validateFields();
    setProblem(null);
    setSaving(true);
    try {
      await onSave({
        name: v.name,
        metric: v.metric,
        parameter: {
          metric: info?.needs_achievement_metric ? v["parameter.metric"] ?? null : null,
          days: info?.needs_days ? v["parameter.days"] ?? null : null,
        },
        target: v.target ?? 0,
        unit: v.unit ?? "",
        higher_is_better: v.higher_is_better,
      });
      onClose();
    } catch (e) {
      setProblem(showServerErrors(form, e, i18n.language));
    }
    setSaving(false);
  };

  /** A new metric brings its unit, and its name while the planner has not typed one. */
  const metricChanged = (next: Metric) => {
    const chosen = catalogue.find((m) => m.metric === next);
    if (!chosen) return;
    const previous = catalogue.find((m) => m.metric === metric);
    const name = form.getFieldValue("name") as string;
    const patch: Partial<Values> = { unit: chosen.default_unit };
    if (!name || (previous && (name === previous.label_zh || name === previous.label_en))) patch.name = label(chosen);
    form.setFieldsValue(patch);
  };

  const first = catalogue.find((m) => m.metric === "plan_coverage");
  const initial: Values = {
    // A new KPI starts named after its metric; choosing another metric renames it until the planner types a name.
    name: kpi?.name ?? (first ? label(first) : ""),
    metric: kpi?.metric ?? "plan_coverage",
    "parameter.metric": kpi?.parameter.metric ?? achievementMetrics[0]?.[0] ?? null,
    "parameter.days": kpi?.parameter.days ?? 30,
    target: kpi?.target ?? 100,
    unit: kpi?.unit ?? "%",
    higher_is_better: kpi?.higher_is_better ?? true,
  };
  return (
    <Modal open title={t(kpi ? "goals.kpi.edit" : "goals.kpi.add")} okText={t("common.save")} cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "kpi-save" }} confirmLoading={saving} onOk={() => void save()} onCancel={onClose} destroyOnHidden width={560}>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="kpi-problem" />}
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        <Form.Item name="metric" label={t("goals.kpi.metric")} extra={info?.manual ? t("goals.kpi.manualHint") : undefined}>
          <Select showSearch optionFilterProp="label" onChange={metricChanged} data-testid="kpi-metric"
            options={catalogue.map((m) => ({ value: m.metric, label: label(m) }))} />
        </Form.Item>
        <Form.Item name="name" label={t("goals.kpi.name")} rules={[{ required: true, whitespace: true, message: t("goals.required") }]}>
          <Input maxLength={60} data-testid="kpi-name" />
        </Form.Item>
        {info?.needs_achievement_metric && (
          <Form.Item name="parameter.metric" label={t("goals.kpi.achievementMetric")} rules={[{ required: true, message: t("goals.required") }]}
            extra={achievementMetrics.length === 0 ? t("goals.kpi.noAchievementMetrics") : undefined}>
            <Select options={achievementMetrics.map(([code, name]) => ({ value: code, label: name }))} data-testid="kpi-achievement-metric" />
          </Form.Item>
        )}
        {info?.needs_days && (
          <Form.Item name="parameter.days" label={t("goals.kpi.days")} rules={[{ required: true, message: t("goals.required") }]}>
            <InputNumber min={1} max={366} precision={0} addonAfter={t("goals.kpi.daysUnit")} data-testid="kpi-days" />
          </Form.Item>
        )}
        <div style={{ display: "flex", gap: 16 }}>
          <Form.Item name="target" label={t("goals.kpi.target")} rules={[{ required: true, message: t("goals.required") }]} style={{ flex: 1 }}>
            <InputNumber min={0} style={{ width: "100%" }} data-testid="kpi-target" />
          </Form.Item>
          <Form.Item name="unit" label={t("goals.kpi.unit")} style={{ width: 120 }}>
            <Input maxLength={10} data-testid="kpi-unit" />
          </Form.Item>
          <Form.Item name="higher_is_better" label={t("goals.kpi.direction")} valuePropName="checked">
            <Switch checkedChildren={t("goals.kpi.higher")} unCheckedChildren={t("goals.kpi.lower")} data-testid="kpi-direction" />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
