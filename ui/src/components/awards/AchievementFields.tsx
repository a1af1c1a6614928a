import { useState } from "react";
import { AutoComplete, DatePicker, Form, Input, InputNumber, Select, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { Achievement, AchievementInput, AchievementRules, Person, Team } from "../../api";
import { fenFromYuan, formatYuanInput } from "../../format";
import { useClientOptions } from "../../queries/clients";

/** What the achievement form holds: the input with the date as a day and the amount in 元. */
export type AchievementValues = {
  metric: string;
  date: Dayjs;
  person_id: number | null;
  team_id: number | null;
  client_id: number | null;
  industry: string | null;
  quantity: number;
  amount: number;
  note: string;
};

export const emptyValues = (): AchievementValues => ({
  metric: undefined as unknown as string,
  date: dayjs(),
  person_id: null,
  team_id: null,
  client_id: null,
  industry: null,
  quantity: 1,
  amount: 0,
  note: "",
});

export const valuesOf = (a: Achievement): AchievementValues => ({
  metric: a.metric,
  date: dayjs(a.date),
  person_id: a.person_id,
  team_id: a.team_id,
  client_id: a.client_id,
  industry: a.industry ?? null,
  quantity: a.quantity,
  amount: a.amount / 100,
  note: a.note ?? "",
});

/** The input the core checks; a person alone is credited to their team there too. */
export const inputOf = (v: AchievementValues): AchievementInput => ({
  date: v.date.format("YYYY-MM-DD"),
  metric: v.metric,
  team_id: v.team_id ?? null,
  person_id: v.person_id ?? null,
  quantity: v.quantity,
  amount: fenFromYuan(v.amount),
  client_id: v.client_id ?? null,
  // An industry is only sent where there is no client to take it from.
  industry: v.client_id ? null : v.industry?.trim() || null,
  note: v.note ?? "",
});

/**
 * The fields of an achievement, for adding and for correcting: the same fields and the same
 * checks. The 行业 field shows when an award ranks the chosen metric by industry and no client
 * is picked (the client's industry is used when there is one).
 */
export default function AchievementFields({ campaignId, metrics, people, teams, rules, current }: {
  campaignId: number;
  metrics: [string, string][];
  people: Person[];
  teams: Team[];
  rules: AchievementRules | null;
  /** The achievement being corrected, so its client shows before any search. */
  current?: Achievement | null;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<AchievementValues>();
  const metric = Form.useWatch("metric", form);
  const client = Form.useWatch("client_id", form);
  const industry = Form.useWatch("industry", form);
  const [search, setSearch] = useState("");
  const options = useClientOptions(campaignId, search, search.trim().length > 0).data?.rows ?? [];
  const clientOptions = options.map((c) => ({
    value: c.id,
    label: c.industry ? t("achievements.clientOption", { code: c.code, name: c.name, industry: c.industry }) : `${c.code} ${c.name}`,
  }));
  if (current?.client_id && !clientOptions.some((o) => o.value === current.client_id)) {
    clientOptions.unshift({ value: current.client_id, label: `${current.client_code ?? ""} ${current.client_name ?? ""}` });
  }
  const split = !!metric && !!rules?.split_metrics.includes(metric);
  // Shown where it is needed, and kept while it holds a value so it can be seen and cleared.
  const showIndustry = !client && (split || !!industry);

  return (
    <>
      <Form.Item name="metric" label={t("award.metric")} rules={[{ required: true }]}>
        <Select options={metrics.map(([code, name]) => ({ value: code, label: name }))} data-testid="achievement-metric" />
      </Form.Item>
      <Form.Item name="date" label={t("award.date")} rules={[{ required: true }]}
        extra={rules ? t("achievements.dateRange", { start: rules.start, end: rules.end }) : undefined}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="person_id" label={t("award.person")} extra={t("achievements.personHelp")}>
        <Select allowClear showSearch optionFilterProp="label" data-testid="achievement-person" options={people.map((p) => ({ value: p.id, label: p.team ? t("achievements.personOption", { name: p.name, team: p.team }) : p.name }))} />
      </Form.Item>
      <Form.Item name="team_id" label={t("award.team")}>
        <Select allowClear options={teams.map((tm) => ({ value: tm.id, label: tm.name }))} />
      </Form.Item>
      <Form.Item name="client_id" label={t("achievements.client")} extra={split ? t("achievements.clientHelp") : undefined}>
        <Select allowClear showSearch filterOption={false} onSearch={setSearch} options={clientOptions}
          placeholder={t("achievements.clientSearch")} notFoundContent={null} />
      </Form.Item>
      {showIndustry && (
        <Form.Item name="industry" label={t("achievements.industry")} extra={t("achievements.industryHelp")} rules={[{ required: split, message: t("achievements.industryRequired") }]}>
          <AutoComplete allowClear options={(rules?.industries ?? []).map((i) => ({ value: i }))} data-testid="achievement-industry"
            filterOption={(input, option) => (option?.value ?? "").includes(input)} />
        </Form.Item>
      )}
      <Space>
        <Form.Item name="quantity" label={t("award.quantity")} rules={[{ required: true }]}><InputNumber min={0} precision={0} /></Form.Item>
        <Form.Item name="amount" label={t("award.amount")}><InputNumber min={0} precision={2} formatter={formatYuanInput} style={{ width: 160 }} /></Form.Item>
      </Space>
      <Form.Item name="note" label={t("achievements.note")}><Input maxLength={500} /></Form.Item>
    </>
  );
}
