import { useState } from "react";
import { Alert, App, Button, Input, Space, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { ItemKind } from "../api";
import { useServerError } from "../queries/errors";
import { useSaveTemplate, useTemplate } from "../queries/plans";

/** The campaign's plan template: the items every new plan starts with. */
export default function PlanTemplate({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const saved = useTemplate(campaignId).data ?? null;
  // Edits until saved; the template as stored until then.
  const [edited, setEdited] = useState<[ItemKind, string][] | null>(null);
  const items = edited ?? saved ?? [];
  const setItems = setEdited;
  const saveTemplate = useSaveTemplate(campaignId);
  const { failure: problem, fail, clear } = useServerError();

  const save = async () => {
    try {
      await saveTemplate.mutateAsync(items);
      clear();
      message.success(t("common.saved"));
    } catch (e) {
      fail(e);
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
