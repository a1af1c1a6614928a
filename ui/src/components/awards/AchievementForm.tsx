import { DatePicker, Form, InputNumber, Modal, Select, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { Person, Team } from "../../api";
import { fenFromYuan } from "../../format";
import { useAwardChanges } from "../../queries/awards";
import { showServerErrors } from "../serverErrors";

/** Records one achievement by hand: metric, date, who, how many and how much. */
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
  const [form] = Form.useForm();
  const { addAchievement } = useAwardChanges(campaignId);

  const add = async () => {
    const v = await form.validateFields();
    try {
      await addAchievement.mutateAsync({
        date: (v.date as Dayjs).format("YYYY-MM-DD"),
        metric: v.metric,
        team_id: v.team_id ?? people.find((p) => p.id === v.person_id)?.team_id ?? null,
        person_id: v.person_id ?? null,
        quantity: v.quantity,
        amount: fenFromYuan(v.amount),
        client_id: null,
        note: "",
      });
      onClose();
      form.resetFields();
    } catch (e) {
      // A date outside the campaign (or any field the core names) is marked on its field.
      if (showServerErrors(form, e, i18n.language) !== null) onError(e);
    }
  };

  return (
    <Modal open={open} title={t("award.addAchievement")} okText={t("common.save")} cancelText={t("common.cancel")} onOk={() => void add()} onCancel={onClose}>
      <Form form={form} layout="vertical" initialValues={{ date: dayjs(), quantity: 1, amount: 0 }}>
        <Form.Item name="metric" label={t("award.metric")} rules={[{ required: true }]}>
          <Select options={metrics.map(([code, name]) => ({ value: code, label: name }))} />
        </Form.Item>
        <Form.Item name="date" label={t("award.date")} rules={[{ required: true }]}><DatePicker /></Form.Item>
        <Form.Item name="person_id" label={t("award.person")}>
          <Select allowClear showSearch optionFilterProp="label" options={people.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="team_id" label={t("award.team")}>
          <Select allowClear options={teams.map((tm) => ({ value: tm.id, label: tm.name }))} />
        </Form.Item>
        <Space>
          <Form.Item name="quantity" label={t("award.quantity")} rules={[{ required: true }]}><InputNumber min={0} precision={0} /></Form.Item>
          <Form.Item name="amount" label={t("award.amount")}><InputNumber min={0} precision={2} /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
