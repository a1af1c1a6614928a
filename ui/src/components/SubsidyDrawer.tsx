import { useState } from "react";
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ContractSubsidy, SubsidyLine } from "../api";
import { useExplain } from "../queries/errors";
import { useClearOverride, useClientSubsidy, useSetOverride } from "../queries/subsidy";
import { formatBp, formatFen } from "../format";
import { showServerErrors } from "./serverErrors";

/** "why this number": the formula with the figures filled in. */
export function explain(line: SubsidyLine, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (!line.rule) return t("subsidy.noRule");
  const uplift = line.uplift_bp > 0 ? ` × (1 + ${formatBp(line.uplift_bp)})` : "";
  return `${formatFen(line.base)} × ${formatBp(line.rate_bp)}${uplift} = ${formatFen(line.amount)}`;
}

function OverrideForm({ campaignId, item, onClose, onSaved }: { campaignId: number; item: ContractSubsidy; onClose: () => void; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const setOverride = useSetOverride(campaignId);
  const [form] = Form.useForm<{ rate_bp: number; reason: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const rule = item.line.rule!;
  const save = async () => {
    const v = await form.validateFields();
    try {
      await setOverride.mutateAsync({ contractId: item.contract.id, rateBp: Math.round(v.rate_bp * 100), reason: v.reason ?? "" });
      onSaved();
    } catch (e) {
      setProblem(showServerErrors(form, e, i18n.language));
    }
  };
  return (
    <Modal open title={t("subsidy.overrideTitle", { number: item.contract.number })} okText={t("common.save")} cancelText={t("common.cancel")}
      onOk={() => void save()} onCancel={onClose} okButtonProps={{ "data-testid": "override-save" }}>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">
        {t("subsidy.allowedRange", { min: formatBp(rule.min_bp), max: formatBp(rule.max_bp), dflt: formatBp(rule.default_bp) })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ rate_bp: item.line.rate_bp / 100, reason: item.line.source.kind === "override" ? item.line.source.reason : "" }}>
        <Form.Item name="rate_bp" label={t("subsidy.rate")} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} precision={2} suffix="%" style={{ width: 160 }} data-testid="override-rate" />
        </Form.Item>
        <Form.Item name="reason" label={t("subsidy.reason")} rules={[{ required: true, whitespace: true, message: t("subsidy.reasonRequired") }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} data-testid="override-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One client's contracts with their subsidy explained, and per-contract overrides. */
export default function SubsidyDrawer({ campaignId, clientId, title, onClose }: {
  campaignId: number;
  clientId: number;
  title: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const items = useClientSubsidy(campaignId, clientId).data ?? null;
  const [editing, setEditing] = useState<ContractSubsidy | null>(null);
  const clearOverride = useClearOverride(campaignId);
  const explainError = useExplain();

  const total = (items ?? []).reduce((sum, i) => sum + i.line.amount, 0);

  return (
    <Drawer open width={900} title={<span data-testid="subsidy-drawer-title">{title}</span>} onClose={onClose}>
      <Typography.Paragraph>{t("subsidy.clientTotal")}: <b data-testid="subsidy-client-total">{formatFen(total)}</b> {t("common.yuan")}</Typography.Paragraph>
      <Table<ContractSubsidy>
        size="small"
        rowKey={(i) => i.contract.id}
        pagination={false}
        dataSource={items ?? []}
        loading={items === null}
        expandable={{
          expandedRowRender: (i) => (
            <div data-testid="subsidy-why">
              <div>{t("subsidy.formula")}: <code>{explain(i.line, t)}</code></div>
              {i.line.rule && (
                <div>{t("subsidy.ruleMatched", {
                  product: t(`product.${i.line.rule.product_type}`),
                  from: i.line.rule.term_from,
                  to: i.line.rule.term_to ?? "∞",
                  min: formatBp(i.line.rule.min_bp), max: formatBp(i.line.rule.max_bp), dflt: formatBp(i.line.rule.default_bp),
                })}</div>
              )}
              <div>{i.line.uplift ? t("subsidy.upliftApplied", { over: i.line.uplift.term_over, term: i.contract.term_months, rate: formatBp(i.line.uplift_bp) }) : t("subsidy.noUplift", { term: i.contract.term_months })}</div>
              {i.line.source.kind === "override" && <div>{t("subsidy.overrideReason")}: {i.line.source.reason}</div>}
            </div>
          ),
        }}
        columns={[
          { title: t("contract.number"), render: (_, i) => i.contract.number },
          { title: t("contract.type"), render: (_, i) => t(`product.${i.contract.product_type}`) },
          { title: t("subsidy.base"), align: "right", render: (_, i) => formatFen(i.line.base) },
          { title: t("contract.term"), align: "right", render: (_, i) => i.contract.term_months },
          { title: t("subsidy.rate"), render: (_, i) => i.line.rule ? (
            <Space size={4}>
              {formatBp(i.line.rate_bp)}
              {i.line.source.kind === "override" && <Tag color="blue">{t("subsidy.overridden")}</Tag>}
              {i.line.flag === "override_out_of_range" && <Tag color="red">{t("subsidy.review")}</Tag>}
            </Space>
          ) : <Tag>{t("subsidy.noRuleShort")}</Tag> },
          { title: t("subsidy.uplift"), render: (_, i) => (i.line.uplift_bp ? formatBp(i.line.uplift_bp) : "—") },
          { title: t("subsidy.amount"), align: "right", render: (_, i) => <b>{formatFen(i.line.amount)}</b> },
          { title: t("common.actions"), render: (_, i) => i.line.rule && (
            <Space size={4}>
              <Button size="small" onClick={() => setEditing(i)} data-testid={`override-${i.contract.number}`}>{t("subsidy.override")}</Button>
              {i.line.source.kind === "override" && (
                <Popconfirm title={t("subsidy.clearConfirm")} okText={t("common.yes")} cancelText={t("common.no")}
                  onConfirm={async () => {
                    try {
                      await clearOverride.mutateAsync(i.contract.id);
                      setEditing(null);
                    } catch (e) {
                      message.error(explainError(e));
                    }
                  }}>
                  <Button size="small" type="link">{t("subsidy.clearOverride")}</Button>
                </Popconfirm>
              )}
            </Space>
          ) },
        ]}
      />
      {editing && <OverrideForm campaignId={campaignId} item={editing} onClose={() => setEditing(null)} onSaved={() => setEditing(null)} />}
    </Drawer>
  );
}
