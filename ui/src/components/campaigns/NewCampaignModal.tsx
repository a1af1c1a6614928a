import { useState } from "react";
import { Alert, Checkbox, Form, Modal, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import type { TeamChoice } from "../../api";
import CampaignFields, { campaignInput, type CampaignValues } from "./CampaignFields";
import CampaignTeamsField from "./CampaignTeamsField";
import { useCreateCampaign } from "../../queries/campaigns";
import { showServerErrors } from "../serverErrors";

interface Values extends CampaignValues {
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
        input: campaignInput(v),
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
        <CampaignFields nameTestId="new-campaign-name">
          <Form.Item name="teams" label={t("newCampaign.teams")}>
            <CampaignTeamsField />
          </Form.Item>
        </CampaignFields>
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
