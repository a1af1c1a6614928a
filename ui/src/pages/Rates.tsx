import { useEffect, useState } from "react";
import { Alert, App, Button, Card, Popconfirm, Space, Timeline, Typography, type ButtonProps } from "antd";
import { SaveOutlined, UndoOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { subsidyApi, type RuleTable, type RulesPreview } from "../api";
import RatesPreview from "../components/RatesPreview";
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

  // While the table is edited, the core checks it and works out its effect (a short pause after
  // the last keystroke): a rate out of its range is marked on its cell before any save.
  const draftKey = JSON.stringify(draft);
  const [previewed, setPreviewed] = useState<{ key: string; preview: RulesPreview | null } | null>(null);
  const preview = dirty && previewed?.key === draftKey ? previewed.preview : null;
  useEffect(() => {
    if (!dirty || !draft) return;
    let stale = false;
    const timer = window.setTimeout(() => {
      subsidyApi.previewRules(campaignId, draft).then(
        (p) => {
          if (stale) return;
          setPreviewed({ key: draftKey, preview: p });
          setErrors({});
        },
        (e) => {
          if (stale) return;
          setPreviewed({ key: draftKey, preview: null });
          setErrors(cellErrors(e, i18n.language));
        },
      );
    }, 300);
    return () => {
      stale = true;
      window.clearTimeout(timer);
    };
  }, [dirty, draft, draftKey, campaignId, i18n.language]);
  const invalid = Object.keys(errors).length > 0;

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
            <Popconfirm
              title={t("rates.preview.confirm")}
              description={preview ? <div style={{ maxWidth: 360 }}><RatesPreview preview={preview} /></div> : t("rates.preview.pending")}
              okText={t("common.save")}
              cancelText={t("common.cancel")}
              onConfirm={() => void save()}
              disabled={!dirty || invalid}
              okButtonProps={{ "data-testid": "rates-save-confirm" } as ButtonProps}
            >
              <Button type="primary" icon={<SaveOutlined />} disabled={!dirty || invalid} data-testid="rates-save" data-shortcut="save">
                {t("common.save")}
              </Button>
            </Popconfirm>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t("rates.help")}</Typography.Paragraph>
        {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="rates-error" />}
        {preview && <RatesPreview preview={preview} />}
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
