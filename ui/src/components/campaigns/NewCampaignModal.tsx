import { useState } from "react";
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { Campaign, TeamChoice } from "../../api";
import CampaignTeamsField from "./CampaignTeamsField";
import { useCreateCampaign } from "../../queries/campaigns";
import { fenFromYuan } from "../../format";
import { showServerErrors } from "../serverErrors";

interface Values {
  name: string;
  theme: string;
  start_date: Dayjs;
  end_date: Dayjs;
  status: Campaign["status"];
  subsidy_budget: number | null;
  goals: string;
  teams: TeamChoice;
  from_defaults: boolean;
}

/** 新建活动: a campaign from scratch, with the built-in rules unless the planner unticks them. */
export default function NewCampaignModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(id: number): void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateCampaign();
  const [problem, setProblem] = useState<string | null>(null);

  const save = async () => {
    const v = await form.validateFields();
    setProblem(null);
    try {
      const created = await create.mutateAsync({
        input: {
          name: v.name,
          theme: v.theme ?? "",
          start_date: v.start_date.format("YYYY-MM-DD"),
          end_date: v.end_date.format("YYYY-MM-DD"),
          status: v.status,
          subsidy_budget: fenFromYuan(v.subsidy_budget ?? 0),
          goals: v.goals ?? "",
        },
        teams: v.teams ?? { ids: [], new_names: [] },
        fromDefaults: v.from_defaults,
      });
      onCreated(created.id);
    } catch (e) {
      setProblem(showServerErrors(form, e, i18n.language));
    }
  };

  const today = dayjs().startOf("day");
  return (
    <Modal
      open={open}
      title={t("newCampaign.title")}
      okText={t("common.create")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "new-campaign-create" }}
      confirmLoading={create.isPending}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="new-campaign-problem" />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ name: "", theme: "", start_date: today, end_date: today.add(3, "month"), status: "draft", subsidy_budget: null, goals: "", teams: { ids: [], new_names: [] }, from_defaults: true }}
      >
        <Form.Item name="name" label={t("campaign.name")} rules={[{ required: true, whitespace: true, message: t("campaign.name") + " ✱" }]}>
          <Input maxLength={100} data-testid="new-campaign-name" />
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
          <InputNumber min={0} precision={2} step={1000} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="teams" label={t("newCampaign.teams")} extra={t("newCampaign.teamsHint")}>
          <CampaignTeamsField />
        </Form.Item>
        <Form.Item name="goals" label={t("campaign.goals")}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
        <Form.Item name="from_defaults" valuePropName="checked">
          <Checkbox data-testid="new-campaign-defaults">{t("newCampaign.useDefaults")}</Checkbox>
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.from_defaults !== b.from_defaults}>
          {({ getFieldValue }) => (
            <Typography.Paragraph type="secondary" style={{ marginTop: -16 }}>
              {t(getFieldValue("from_defaults") ? "newCampaign.defaultsHint" : "newCampaign.emptyHint")}
            </Typography.Paragraph>
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
