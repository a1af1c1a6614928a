import { DatePicker, Form, Input, InputNumber, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { Campaign, CampaignInput } from "../../api";
import { fenFromYuan, formatYuanInput } from "../../format";

/** What the campaign fields hold while the planner edits them. */
export interface CampaignValues {
  name: string;
  theme: string;
  start_date: Dayjs;
  end_date: Dayjs;
  status: Campaign["status"];
  subsidy_budget: number | null;
  goals: string;
}

/** The fields as the core takes them: dates as days, the budget in fen. */
export function campaignInput(v: CampaignValues): CampaignInput {
  return {
    name: v.name,
    theme: v.theme ?? "",
    start_date: v.start_date.format("YYYY-MM-DD"),
    end_date: v.end_date.format("YYYY-MM-DD"),
    status: v.status,
    subsidy_budget: fenFromYuan(v.subsidy_budget ?? 0),
    goals: v.goals ?? "",
  };
}

/** A campaign's own fields, the same in 新建活动 and in editing one: name, theme, dates, status, budget, goals. */
export default function CampaignFields({ nameTestId, children }: { nameTestId: string; children?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="name" label={t("campaign.name")} rules={[{ required: true, whitespace: true, message: t("common.required", { field: t("campaign.name") }) }]}>
        <Input maxLength={100} data-testid={nameTestId} />
      </Form.Item>
      <Form.Item name="theme" label={t("campaign.theme")}>
        <Input maxLength={200} />
      </Form.Item>
      <div style={{ display: "flex", gap: 16 }}>
        <Form.Item name="start_date" label={t("campaign.start")} rules={[{ required: true }]} style={{ flex: 1 }}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="end_date" label={t("campaign.end")} rules={[{ required: true }]} style={{ flex: 1 }}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="status" label={t("campaign.status")} style={{ flex: 1 }}>
          <Select options={(["draft", "active", "closed"] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        </Form.Item>
      </div>
      <Form.Item name="subsidy_budget" label={t("campaign.budget")}>
        <InputNumber min={0} precision={2} step={1000} formatter={formatYuanInput} style={{ width: "100%" }} data-testid="campaign-budget" />
      </Form.Item>
      {children}
      <Form.Item name="goals" label={t("campaign.goals")}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
      </Form.Item>
    </>
  );
}
