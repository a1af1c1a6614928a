import { Form, Modal } from "antd";
import { useTranslation } from "react-i18next";
import type { Person, Team } from "../../api";
import { useAwardChanges } from "../../queries/awards";
import { useAchievementRules } from "../../queries/achievements";
import { showServerErrors } from "../serverErrors";
import AchievementFields, { emptyValues, inputOf, type AchievementValues } from "./AchievementFields";

/** Records one achievement by hand: metric, date, who, how many and how much, and its client or industry. */
export default function AchievementForm({ campaignId, open, metrics, people, teams, onClose, onError }: {
  campaignId: number;
  open: boolean;
  metrics: [string, string][];
  people: Person[];
  teams: Team[];
  onClose: () => void;
  onError: (e: unknown) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<AchievementValues>();
  const { addAchievement } = useAwardChanges(campaignId);
  // Without the rules the form still works; the core says where an industry is missing.
  const rules = useAchievementRules(campaignId).data ?? null;

  const add = async () => {
    const v = await form.validateFields();
    try {
      await addAchievement.mutateAsync(inputOf(v));
      onClose();
      form.resetFields();
    } catch (e) {
      // A date outside the campaign, a person not in the team, a missing industry: marked on its field.
      if (showServerErrors(form, e, i18n.language) !== null) onError(e);
    }
  };

  return (
    <Modal open={open} title={t("award.addAchievement")} okText={t("common.save")} cancelText={t("common.cancel")} onOk={() => void add()} onCancel={onClose}>
      <Form form={form} layout="vertical" initialValues={emptyValues()}>
        <AchievementFields campaignId={campaignId} metrics={metrics} people={people} teams={teams} rules={rules} />
      </Form>
    </Modal>
  );
}
