import { useCallback, useEffect, useRef, useState } from "react";
import { Alert, App, Button, Card, Space, Timeline, Typography } from "antd";
import { SaveOutlined, UndoOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ApiError, subsidyApi, type RuleSet, type RuleTable } from "../api";
import { formatBp } from "../format";
import RuleTableEditor, { type CellErrors } from "../components/RuleTableEditor";
import { cellErrors } from "../components/cellErrors";

/** The campaign's subsidy rate table, edited in place, with its history. */
export default function Rates({ campaignId }: { campaignId: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [saved, setSaved] = useState<RuleSet | null>(null);
  const [draft, setDraft] = useState<RuleTable | null>(null);
  const [history, setHistory] = useState<RuleSet[]>([]);
  const [errors, setErrors] = useState<CellErrors>({});
  const [problem, setProblem] = useState<string | null>(null);

  // The shell runs commands concurrently, so answers can arrive out of order: only the newest
  // request's answer may fill the table, or a slow answer for the campaign just left would show
  // its rates here, and Save would write them into this campaign.
  const newest = useRef(0);
  const load = useCallback(() => {
    const request = ++newest.current;
    return Promise.all([subsidyApi.rules(campaignId), subsidyApi.history(campaignId)]).then(([rules, past]) => {
      if (request !== newest.current) return;
      setSaved(rules);
      setDraft(rules.table);
      setHistory(past);
    });
  }, [campaignId]);

  useEffect(() => {
    load().catch((e) => setProblem(e instanceof ApiError ? e.message_for(i18n.language) : String(e)));
  }, [load, i18n.language]);

  const dirty = saved !== null && JSON.stringify(saved.table) !== JSON.stringify(draft);

  const save = async () => {
    if (!draft) return;
    try {
      await subsidyApi.saveRules(campaignId, draft);
      setErrors({});
      setProblem(null);
      message.success(t("rates.saved"));
      await load();
    } catch (e) {
      setErrors(cellErrors(e, i18n.language));
      setProblem(e instanceof ApiError ? e.message_for(i18n.language) : String(e));
    }
  };

  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 16 }}>
      <Card
        title={t("rates.title")}
        
        extra={
          <Space>
            <Button icon={<UndoOutlined />} disabled={!dirty} onClick={() => { setDraft(saved?.table ?? null); setErrors({}); setProblem(null); }}>
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
                <div>{t("rates.by", { author: h.author })}{h.note ? ` · ${h.note}` : ""}</div>
                <Typography.Text type="secondary">
                  {h.table.rates.map((r) => `${t(`product.${r.product_type}`)} ${formatBp(r.default_bp)}`).join("，")}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
