import { useCallback, useEffect, useState } from "react";
import { Alert, App, Button, Input, Space, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ApiError, planApi, type ItemKind } from "../api";

/** The campaign's plan template: the items every new plan starts with. */
export default function PlanTemplate({ campaignId }: { campaignId: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [items, setItems] = useState<[ItemKind, string][]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(() => planApi.template(campaignId).then((x) => setItems(x ?? [])), [campaignId]);
  useEffect(() => { void load(); }, [load]);

  const save = async () => {
    try {
      await planApi.saveTemplate(campaignId, items);
      setProblem(null);
      message.success(t("common.saved"));
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message_for(i18n.language) : String(e));
    }
  };

  return (
    <Space direction="vertical" style={{ maxWidth: 520 }}>
      <Typography.Paragraph type="secondary">{t("plan.templateHelp")}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon message={problem} />}
      {items.map(([kind, title], i) => (
        <Space.Compact key={i} style={{ width: "100%" }}>
          <Input value={title} onChange={(e) => setItems(items.map((x, j) => (j === i ? [kind, e.target.value] : x)))} />
          <Button danger icon={<DeleteOutlined />} aria-label={t("common.delete")} onClick={() => setItems(items.filter((_, j) => j !== i))} />
        </Space.Compact>
      ))}
      <Space>
        <Button icon={<PlusOutlined />} onClick={() => setItems([...items, ["custom", ""]])}>{t("plan.add")}</Button>
        <Button type="primary" onClick={() => void save()}>{t("common.save")}</Button>
      </Space>
    </Space>
  );
}
