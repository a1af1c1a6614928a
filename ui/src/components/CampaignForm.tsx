import { useState } from "react";
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { Campaign } from "../api";
import { useUpdateCampaign } from "../queries/campaigns";
import { fenFromYuan } from "../format";
import { showServerErrors } from "./serverErrors";

interface Values {
  name: string;
  theme: string;
  start_date: Dayjs;
  end_date: Dayjs;
  status: Campaign["status"];
  subsidy_budget: number;
  goals: string;
}

export default function CampaignForm({ campaign, open, onClose, onSaved }: {
  campaign: Campaign;
  open: boolean;
  onClose: () => void;
  onSaved: (c: Campaign) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const update = useUpdateCampaign(campaign.id);
  const [problem, setProblem] = useState<string | null>(null);

  const save = async () => {
    const v = await form.validateFields();
    setProblem(null);
    try {
      const saved = await update.mutateAsync({
        name: v.name,
        theme: v.theme ?? "",
        start_date: v.start_date.format("YYYY-MM-DD"),
        end_date: v.end_date.format("YYYY-MM-DD"),
        status: v.status,
        subsidy_budget: fenFromYuan(v.subsidy_budget),
        goals: v.goals ?? "",
      });
      onSaved(saved);
    } catch (e) {
      setProblem(showServerErrors(form, e, i18n.language));
    }
  };

  return (
    <Modal
      open={open}
      title={t("campaign.edit")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={update.isPending}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          ...campaign,
          start_date: dayjs(campaign.start_date),
          end_date: dayjs(campaign.end_date),
          subsidy_budget: campaign.subsidy_budget / 100,
        }}
      >
        <Form.Item name="name" label={t("campaign.name")} rules={[{ required: true, whitespace: true, message: t("campaign.name") + " ✱" }]}>
          <Input maxLength={100} data-testid="campaign-name" />
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
        <Form.Item name="goals" label={t("campaign.goals")}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
