import { useState } from "react";
import { Alert, Form, Modal } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import type { Campaign } from "../api";
import { useUpdateCampaign } from "../queries/campaigns";
import CampaignFields, { campaignInput, type CampaignValues } from "./campaigns/CampaignFields";
import { showServerErrors } from "./serverErrors";

export default function CampaignForm({ campaign, open, onClose, onSaved }: {
  campaign: Campaign;
  open: boolean;
  onClose: () => void;
  onSaved: (c: Campaign) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<CampaignValues>();
  const update = useUpdateCampaign(campaign.id);
  const [problem, setProblem] = useState<string | null>(null);

  const save = async () => {
    const v = await form.validateFields();
    setProblem(null);
    try {
      const saved = await update.mutateAsync(campaignInput(v));
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
        <CampaignFields nameTestId="campaign-name" />
      </Form>
    </Modal>
  );
}
