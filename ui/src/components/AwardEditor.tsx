import { useState } from "react";
import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, Table, Typography, type ButtonProps } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Award, AwardInput, AwardTier, Person, Scope, Team } from "../api";
import { useAwardChanges } from "../queries/awards";
import { useServerError } from "../queries/errors";
import TieBreakEditor, { TIE_BREAKS } from "./awards/TieBreakEditor";
import { formatYuanInput } from "../format";

/** A new award: one winner of each of three tiers, named in the UI's language. */
const empty = (t: (key: string) => string): AwardInput => ({
  name: "",
  kind: "single",
  for_teams: true,
  for_people: true,
  metric: null,
  by_industry: false,
  use_targets: false,
  tie_break: "",
  tie_breaks: [...TIE_BREAKS],
  shared_tiers: false,
  tiers: [1, 2, 3].map((places) => ({ name: t(`award.defaultTier${places}`), places, honour: "", amount: null })),
  targets: [],
  weights: [],
});

/** Creates or edits an award: kind, scope, metric, industry split, targets, tiers, tie-break
 *  criteria and tier sharing, weights. */
export default function AwardEditor({ campaignId, award, awards, metrics, teams, people, onClose, onSaved }: {
  campaignId: number;
  award: Award | null;
  awards: Award[];
  metrics: [string, string][];
  teams: Team[];
  people: Person[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState<AwardInput>(() => (award ? { ...award } : empty(t)));
  const { failure: problem, fail } = useServerError();
  const changes = useAwardChanges(campaignId);
  const [metricCode, setMetricCode] = useState("");
  const [metricName, setMetricName] = useState("");
  const set = (patch: Partial<AwardInput>) => setValue((v) => ({ ...v, ...patch }));
  const setTier = (i: number, patch: Partial<AwardTier>) => set({ tiers: value.tiers.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const singles = awards.filter((a) => a.kind === "single" && a.id !== award?.id);
  const weight = (component: string) => value.weights.find(([c]) => c === component)?.[1] ?? 0;
  const setWeight = (component: string, bp: number) =>
    set({ weights: [...value.weights.filter(([c]) => c !== component), [component, bp]] });
  const entrants = (scope: Scope) => (scope === "team" ? teams.map((x) => ({ value: x.id, label: x.name })) : people.map((x) => ({ value: x.id, label: x.name })));

  const save = async () => {
    try {
      await changes.save.mutateAsync({ id: award?.id ?? null, input: value });
      onSaved();
    } catch (e) {
      fail(e);
    }
  };

  const addMetric = async () => {
    try {
      await changes.addMetric.mutateAsync({ code: metricCode, name: metricName });
      set({ metric: metricCode });
      setMetricCode("");
      setMetricName("");
    } catch (e) {
      fail(e);
    }
  };

  return (
    // The body scrolls inside the window and the problem sits beside 保存, so both stay in view.
    <Modal open centered width={760} title={award ? t("award.editTitle") : t("award.newTitle")} okText={t("common.save")} cancelText={t("common.cancel")}
      onOk={() => void save()} onCancel={onClose} okButtonProps={{ "data-testid": "award-save", "data-shortcut": "save" } as ButtonProps}
      styles={{ body: { maxHeight: "calc(100vh - 180px)", overflowY: "auto", overflowX: "hidden", paddingRight: 8 } }}
      footer={(_, { OkBtn, CancelBtn }) => (
        <>
          {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 8, textAlign: "start" }} data-testid="award-problem" />}
          <CancelBtn />
          <OkBtn />
        </>
      )}>
      <Form layout="vertical">
        <Space wrap>
          <Form.Item label={t("award.name")}><Input style={{ width: 260 }} value={value.name} onChange={(e) => set({ name: e.target.value })} data-testid="award-name" /></Form.Item>
          <Form.Item label={t("award.kind")}>
            <Radio.Group value={value.kind} onChange={(e) => set({ kind: e.target.value })} optionType="button"
              options={[{ value: "single", label: t("award.single") }, { value: "overall", label: t("award.overall") }]} />
          </Form.Item>
          <Form.Item label={t("award.scope")}>
            <Checkbox checked={value.for_teams} onChange={(e) => set({ for_teams: e.target.checked })}>{t("award.teams")}</Checkbox>
            <Checkbox checked={value.for_people} onChange={(e) => set({ for_people: e.target.checked })}>{t("award.people")}</Checkbox>
          </Form.Item>
        </Space>
        {value.kind === "single" ? (
          <Space wrap align="end">
            <Form.Item label={t("award.metric")}>
              <Select style={{ width: 200 }} value={value.metric ?? undefined} onChange={(m: string) => set({ metric: m })}
                placeholder={t("award.pickMetric")} data-testid="award-metric"
                options={metrics.map(([code, name]) => ({ value: code, label: name }))} />
            </Form.Item>
            <Form.Item label={t("award.newMetric")}>
              <Space.Compact>
                <Input style={{ width: 110 }} placeholder={t("award.metricCode")} value={metricCode} onChange={(e) => setMetricCode(e.target.value)} />
                <Input style={{ width: 130 }} placeholder={t("award.metricName")} value={metricName} onChange={(e) => setMetricName(e.target.value)} />
                <Button icon={<PlusOutlined />} disabled={!metricCode.trim() || !metricName.trim()} onClick={() => void addMetric()} />
              </Space.Compact>
            </Form.Item>
            <Form.Item label={t("award.byIndustry")}><Switch checked={value.by_industry} onChange={(v) => set({ by_industry: v })} /></Form.Item>
            <Form.Item label={t("award.useTargets")}><Switch checked={value.use_targets} onChange={(v) => set({ use_targets: v })} /></Form.Item>
          </Space>
        ) : (
          <Form.Item label={t("award.weights")}>
            <Space direction="vertical">
              {[...singles.map((a) => [String(a.id), a.name] as const), ["plans", t("award.planCompletion")] as const].map(([component, label]) => (
                <Space key={component}>
                  <Typography.Text style={{ width: 200, display: "inline-block" }}>{label}</Typography.Text>
                  <InputNumber min={0} max={100} precision={0} suffix="%" value={weight(component) / 100} onChange={(v) => setWeight(component, Math.round((v ?? 0) * 100))} />
                </Space>
              ))}
            </Space>
          </Form.Item>
        )}
        {value.kind === "single" && value.use_targets && (
          <Form.Item label={t("award.targets")}>
            {value.targets.map(([scope, id, target], i) => (
              <Space key={i} style={{ marginBottom: 4 }}>
                <Select style={{ width: 90 }} value={scope} onChange={(s: Scope) => set({ targets: value.targets.map((x, j) => (j === i ? [s, x[1], x[2]] : x)) })}
                  options={[{ value: "team", label: t("award.teams") }, { value: "person", label: t("award.people") }]} />
                <Select style={{ width: 200 }} showSearch optionFilterProp="label" value={id} options={entrants(scope)}
                  onChange={(v: number) => set({ targets: value.targets.map((x, j) => (j === i ? [x[0], v, x[2]] : x)) })} />
                <InputNumber min={1} precision={0} value={target} onChange={(v) => set({ targets: value.targets.map((x, j) => (j === i ? [x[0], x[1], v ?? 1] : x)) })} />
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => set({ targets: value.targets.filter((_, j) => j !== i) })} />
              </Space>
            ))}
            <Button size="small" icon={<PlusOutlined />} onClick={() => set({ targets: [...value.targets, ["team", teams[0]?.id ?? 0, 10]] })}>{t("award.addTarget")}</Button>
          </Form.Item>
        )}
        <Form.Item label={t("award.tiers")}>
          <Table size="small" pagination={false} rowKey="row" dataSource={value.tiers.map((x, row) => ({ ...x, row }))}
            columns={[
              { title: t("award.tier"), render: (_, x) => <Input value={x.name} onChange={(e) => setTier(x.row, { name: e.target.value })} /> },
              { title: t("award.places"), width: 90, render: (_, x) => <InputNumber min={1} precision={0} value={x.places} onChange={(v) => setTier(x.row, { places: v ?? 1 })} /> },
              { title: t("award.honour"), render: (_, x) => <Input value={x.honour} onChange={(e) => setTier(x.row, { honour: e.target.value })} /> },
              { title: t("award.amount"), width: 130, render: (_, x) => (
                <InputNumber min={0} precision={2} formatter={formatYuanInput} style={{ width: 120 }} value={x.amount === null ? null : x.amount / 100}
                  onChange={(v) => setTier(x.row, { amount: v === null ? null : Math.round(v * 100) })} />
              ) },
              { title: t("common.actions"), width: 76, render: (_, x) => <Button type="text" danger icon={<DeleteOutlined />} onClick={() => set({ tiers: value.tiers.filter((_, j) => j !== x.row) })} /> },
            ]} />
          <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 6 }} onClick={() => set({ tiers: [...value.tiers, { name: "", places: 1, honour: "", amount: null }] })}>{t("award.addTier")}</Button>
        </Form.Item>
        <Space wrap align="start" size={32}>
          <Form.Item label={t("ties.criteria")} tooltip={t("ties.criteriaHelp")}>
            <TieBreakEditor value={value.tie_breaks} onChange={(tie_breaks) => set({ tie_breaks })} />
          </Form.Item>
          <Form.Item label={t("ties.sharedTiers")} tooltip={t("ties.sharedTiersHelp")}>
            <Switch checked={value.shared_tiers} onChange={(shared_tiers) => set({ shared_tiers })} data-testid="shared-tiers" />
          </Form.Item>
        </Space>
        <Form.Item label={t("ties.note")}><Input.TextArea autoSize value={value.tie_break} onChange={(e) => set({ tie_break: e.target.value })} /></Form.Item>
      </Form>
    </Modal>
  );
}
