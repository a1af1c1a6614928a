import { useEffect, useRef, useState } from "react";
import { Alert, Button, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { campaignAdminApi, type Campaign, type CopyReport } from "../../api";
import { useCampaigns } from "../../queries/campaigns";
import { useCopyCampaign } from "../../queries/campaignAdmin";
import { useExplain } from "../../queries/errors";
import { fenFromYuan } from "../../format";
import { showServerErrors } from "../serverErrors";
import { nextPeriod } from "./nextPeriod";

interface Values {
  name: string;
  start_date: Dayjs;
  end_date: Dayjs;
  subsidy_budget: number;
  with_targets: boolean;
}

/** A picked database file and the campaigns in it. */
interface OtherFile {
  token: string;
  name: string;
  campaigns: Campaign[];
}

/**
 * 复制为新一期: a new draft period of a campaign of this database, or of one in another database
 * file (last year's). Its rules, awards, plan template and teams come along, the target list if
 * asked; afterwards the modal shows what was copied.
 */
export default function CopyCampaignModal({ open, onClose, onCreated, sourceId }: {
  open: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
  sourceId?: number;
}) {
  const { t, i18n } = useTranslation();
  const explain = useExplain();
  const [form] = Form.useForm<Values>();
  const here = useCampaigns(open).data ?? [];
  const copy = useCopyCampaign();
  const [other, setOther] = useState<OtherFile | null>(null);
  const [picked, setPicked] = useState<number | null>(sourceId ?? null);
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<CopyReport | null>(null);

  const sources = other ? other.campaigns : here;
  const source = sources.find((c) => c.id === picked) ?? null;

  // Each source proposes its next period once; the planner edits from there, and a refreshed
  // campaign list does not undo their edits.
  const proposedFor = useRef<string | null>(null);
  useEffect(() => {
    const key = source ? `${other?.token ?? "here"}:${source.id}` : null;
    if (!source || key === proposedFor.current) return;
    proposedFor.current = key;
    const next = nextPeriod(source, t("campaignAdmin.copy.nameSuffix"));
    form.setFieldsValue({
      name: next.name,
      start_date: dayjs(next.start),
      end_date: dayjs(next.end),
      subsidy_budget: source.subsidy_budget / 100,
    });
  }, [source, other, form, t]);

  const pickFile = async () => {
    setProblem(null);
    try {
      const file = await campaignAdminApi.pickDatabase();
      if (!file) return;
      const campaigns = await campaignAdminApi.campaignsInFile(file.token);
      setOther({ token: file.token, name: file.names[0] ?? "", campaigns });
      setPicked(campaigns[0]?.id ?? null);
    } catch (e) {
      setProblem(explain(e));
    }
  };

  const backHere = () => {
    setOther(null);
    setPicked(sourceId ?? here[0]?.id ?? null);
  };

  const submit = async () => {
    if (!source) {
      setProblem(t("campaignAdmin.copy.pickSource"));
      return;
    }
    const v = await form.validateFields();
    setProblem(null);
    try {
      const done = await copy.mutateAsync({
        sourceId: source.id,
        file: other?.token ?? null,
        input: {
          name: v.name,
          start_date: v.start_date.format("YYYY-MM-DD"),
          end_date: v.end_date.format("YYYY-MM-DD"),
          subsidy_budget: fenFromYuan(v.subsidy_budget),
          with_targets: Boolean(v.with_targets),
        },
      });
      setReport(done);
    } catch (e) {
      setProblem(showServerErrors(form, e, i18n.language));
    }
  };

  const counts: [string, number][] = report
    ? [
        ["rules", report.rate_rules + report.uplift_rules],
        ["awards", report.awards],
        ["tiers", report.award_tiers],
        ["weights", report.award_weights],
        ["awardTargets", report.award_targets],
        ["template", report.template_items],
        ["goals", report.goals],
        ["parts", report.parts],
        ["kpis", report.kpis],
        ["teams", report.teams],
        ["teamsCreated", report.teams_created],
        ["targets", report.targets],
        ["clientsCreated", report.clients_created],
        ["contractsCreated", report.contracts_created],
        ["contractsSkipped", report.contracts_skipped],
      ]
    : [];

  const footer = report
    ? [
        <Button key="close" onClick={onClose}>{t("campaignAdmin.copy.close")}</Button>,
        <Button key="open" type="primary" data-testid="copy-open" onClick={() => onCreated(report.campaign_id)}>
          {t("campaignAdmin.copy.openNew")}
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={onClose}>{t("common.cancel")}</Button>,
        <Button key="ok" type="primary" loading={copy.isPending} disabled={!source} data-testid="copy-submit" onClick={() => void submit()}>
          {t("campaignAdmin.copy.submit")}
        </Button>,
      ];

  return (
    <Modal open={open} title={t("campaignAdmin.copy.title")} onCancel={onClose} footer={footer} destroyOnHidden width={640}>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} data-testid="copy-problem" />}
      {report ? (
        <div data-testid="copy-result">
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            message={t("campaignAdmin.copy.done", { name: form.getFieldValue("name") as string, source: report.source_name })}
            description={t("campaignAdmin.copy.notCopied")}
          />
          <Descriptions size="small" column={2} bordered>
            {counts.map(([key, n]) => (
              <Descriptions.Item key={key} label={t(`campaignAdmin.copy.counts.${key}`)}>
                <span data-testid={`copy-count-${key}`}>{n}</span>
              </Descriptions.Item>
            ))}
          </Descriptions>
          {report.contracts_skipped > 0 && (
            <Typography.Paragraph type="warning" style={{ marginTop: 12 }}>{t("campaignAdmin.copy.skippedWhy")}</Typography.Paragraph>
          )}
        </div>
      ) : (
        <Form form={form} layout="vertical" initialValues={{ with_targets: false }}>
          <Form.Item label={t("campaignAdmin.copy.source")}>
            <Space.Compact style={{ width: "100%" }}>
              <Select
                style={{ flex: 1 }}
                value={picked ?? undefined}
                onChange={setPicked}
                placeholder={t("campaignAdmin.copy.pickSource")}
                options={sources.map((c) => ({ value: c.id, label: t("common.withNote", { name: c.name, note: t("common.dateRange", { from: c.start_date, to: c.end_date }) }) }))}
                data-testid="copy-source"
              />
              <Button onClick={() => void pickFile()} data-testid="copy-from-file">{t("campaignAdmin.copy.fromFile")}</Button>
            </Space.Compact>
            {!other && here.length === 0 && (
              <Typography.Text type="secondary" data-testid="copy-none-here">{t("campaignAdmin.copy.noneHere")}</Typography.Text>
            )}
            {other && (
              <Typography.Text type="secondary" data-testid="copy-file">
                {t("campaignAdmin.copy.inFile", { file: other.name })} <Typography.Link onClick={backHere}>{t("campaignAdmin.copy.backHere")}</Typography.Link>
              </Typography.Text>
            )}
          </Form.Item>
          <Form.Item name="name" label={t("campaign.name")} rules={[{ required: true, whitespace: true, message: t("campaignAdmin.copy.nameRequired") }]}>
            <Input maxLength={100} data-testid="copy-name" />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="start_date" label={t("campaign.start")} rules={[{ required: true }]}>
              <DatePicker data-testid="copy-start" />
            </Form.Item>
            <Form.Item name="end_date" label={t("campaign.end")} rules={[{ required: true }]}>
              <DatePicker data-testid="copy-end" />
            </Form.Item>
            <Form.Item name="subsidy_budget" label={t("campaign.budget")}>
              <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="copy-budget" />
            </Form.Item>
          </Space>
          <Form.Item name="with_targets" valuePropName="checked" extra={t("campaignAdmin.copy.withTargetsHelp")}>
            <Checkbox data-testid="copy-with-targets">{t("campaignAdmin.copy.withTargets")}</Checkbox>
          </Form.Item>
          <Typography.Paragraph type="secondary">{t("campaignAdmin.copy.what")}</Typography.Paragraph>
        </Form>
      )}
    </Modal>
  );
}
