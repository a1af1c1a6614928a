import { useState } from "react";
import { Alert, App, Button, Card, Space, Timeline, Typography } from "antd";
import { SaveOutlined, UndoOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { RuleTable } from "../api";
import { useServerError } from "../queries/errors";
import { useSaveRules, useSubsidyHistory, useSubsidyRules } from "../queries/subsidy";
import { formatBp } from "../format";
import { ruleSetNoteText } from "../history";
import RuleTableEditor, { type CellErrors } from "../components/RuleTableEditor";
import { cellErrors } from "../components/cellErrors";
import { known } from "../known";

/** The campaign's subsidy rate table, edited in place, with its history. */
export default function Rates({ campaignId }: { campaignId: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const rules = useSubsidyRules(campaignId);
  const history = useSubsidyHistory(campaignId).data ?? [];
  const saveRules = useSaveRules(campaignId);
  const saved = rules.data ?? null;
  // An edit belongs to the rule set it was made on: another campaign's rules, or the set a
  // save replaced, start clean. (A late answer for the campaign just left is cached under its
  // own key and never shows here, so Save cannot write it into this campaign.)
  const [edit, setEdit] = useState<{ ruleSetId: number; table: RuleTable } | null>(null);
  const draft = saved && edit?.ruleSetId === saved.id ? edit.table : saved?.table ?? null;
  const setDraft = (table: RuleTable) => saved && setEdit({ ruleSetId: saved.id, table });
  const [errors, setErrors] = useState<CellErrors>({});
  const { failure: problem, fail, clear } = useServerError(rules.error);

  const dirty = saved !== null && JSON.stringify(saved.table) !== JSON.stringify(draft);

  const save = async () => {
    if (!draft) return;
    try {
      await saveRules.mutateAsync(draft);
      setErrors({});
      clear();
      message.success(t("rates.saved"));
    } catch (e) {
      setErrors(cellErrors(e, i18n.language));
      fail(e);
    }
  };

  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 16 }}>
      <Card
        title={t("rates.title")}
        
        extra={
          <Space>
            <Button icon={<UndoOutlined />} disabled={!dirty} onClick={() => { setEdit(null); setErrors({}); clear(); }}>
              {t("common.reset")}
            </Button>
            <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} onClick={() => void save()} data-testid="rates-save">
              {t("common.save")}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t("rates.help")}</Typography.Paragraph>
        {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="rates-error" />}
        {draft && <RuleTableEditor value={draft} onChange={setDraft} errors={errors} />}
      </Card>
      <Card title={t("rates.history")} size="small">
        <Timeline
          items={history.map((h) => ({
            color: h.kind === "current" ? "green" : "gray",
            children: (
              <div>
                <div><b>{h.kind === "current" ? t("rates.inForce") : t("rates.superseded")}</b> · {h.created_at}</div>
                <div>{[t("rates.by", { author: known(h.author) }), ruleSetNoteText(h, t)].filter(Boolean).join(" · ")}</div>
                <Typography.Text type="secondary">
                  {h.table.rates.map((r) => `${t(`product.${r.product_type}`)} ${formatBp(r.default_bp)}`).join(t("common.clauseSep"))}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
