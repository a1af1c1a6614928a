import { useState } from "react";
import { Alert, App, Button, Card, Empty, Input, List, Popconfirm, Space, Table, Typography } from "antd";
import { CheckOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { RuleSet, RuleTable, TotalRow } from "../api";
import { useServerError } from "../queries/errors";
import { useComparison, useScenarioChanges, useScenarios } from "../queries/subsidy";
import { formatFen } from "../format";
import RuleTableEditor, { type CellErrors } from "../components/RuleTableEditor";
import { cellErrors } from "../components/cellErrors";
import { known } from "../known";

interface Line {
  key: string;
  label: string;
  current: number;
  proposed: number;
}

/** Side-by-side rows for one dimension: every key present in either plan. */
function lines(current: TotalRow[], proposed: TotalRow[], label: (k: string) => string): Line[] {
  const keys = [...new Set([...current.map((r) => r.key), ...proposed.map((r) => r.key)])];
  const amount = (rows: TotalRow[], k: string) => rows.find((r) => r.key === k)?.amount ?? 0;
  return keys.map((k) => ({ key: k, label: label(k), current: amount(current, k), proposed: amount(proposed, k) }));
}

/** What-if scenarios: copy the rules, change rates, compare, then adopt or discard. */
export default function Scenarios({ campaignId }: { campaignId: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const scenarios = useScenarios(campaignId);
  const list = scenarios.data ?? [];
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const selected = list.find((s) => s.id === selectedId) ?? null;
  const comparisonQuery = useComparison(campaignId, selected?.id ?? null);
  const comparison = comparisonQuery.data ?? null;
  const [edit, setEdit] = useState<{ scenarioId: number; table: RuleTable } | null>(null);
  const draft = selected && edit?.scenarioId === selected.id ? edit.table : selected?.table ?? null;
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<CellErrors>({});
  const { failure: problem, fail, clear } = useServerError(scenarios.error, comparisonQuery.error);
  const changes = useScenarioChanges(campaignId);

  const select = (s: RuleSet) => {
    setSelectedId(s.id);
    setEdit(null);
    setErrors({});
    clear();
  };

  const create = async () => {
    try {
      const s = await changes.create.mutateAsync(name);
      setName("");
      select(s);
    } catch (e) {
      fail(e);
    }
  };

  const save = async () => {
    if (!selected || !draft) return;
    try {
      await changes.update.mutateAsync({ id: selected.id, table: draft });
      message.success(t("common.saved"));
      setErrors({});
      clear();
    } catch (e) {
      setErrors(cellErrors(e, i18n.language));
      fail(e);
    }
  };

  const finish = async (action: "adopt" | "discard") => {
    if (!selected) return;
    try {
      await (action === "adopt" ? changes.adopt : changes.discard).mutateAsync(selected.id);
      message.success(t(action === "adopt" ? "scenario.adopted" : "scenario.discarded"));
      setSelectedId(null);
    } catch (e) {
      fail(e);
    }
  };

  const diff = (v: number) => <span style={{ color: v > 0 ? "#cf1322" : v < 0 ? "#389e0d" : undefined }}>{v > 0 ? "+" : ""}{formatFen(v)}</span>;
  const compareTable = (title: string, rows: Line[], testId: string) => (
    <Table<Line> size="small" pagination={false} rowKey="key" dataSource={rows} data-testid={testId} title={() => <b>{title}</b>}
      columns={[
        { title: t("common.item"), dataIndex: "label" },
        { title: t("scenario.current"), align: "right", render: (_, r) => formatFen(r.current) },
        { title: t("scenario.proposed"), align: "right", render: (_, r) => formatFen(r.proposed) },
        { title: t("scenario.difference"), align: "right", render: (_, r) => diff(r.proposed - r.current) },
      ]}
    />
  );

  return (
    <div style={{ display: "flex", gap: 16, alignItems: "flex-start" }}>
      <Card title={t("scenario.list")} size="small" style={{ width: 230, flexShrink: 0 }}>
        <Space.Compact style={{ width: "100%", marginBottom: 12 }}>
          <Input placeholder={t("scenario.namePlaceholder")} value={name} onChange={(e) => setName(e.target.value)} onPressEnter={() => void create()} data-testid="scenario-name" />
          <Button type="primary" icon={<PlusOutlined />} disabled={!name.trim()} onClick={() => void create()} data-testid="scenario-create" />
        </Space.Compact>
        <List
          size="small"
          dataSource={list}
          locale={{ emptyText: <Empty description={t("scenario.empty")} /> }}
          renderItem={(s) => (
            <List.Item onClick={() => select(s)} style={{ cursor: "pointer", background: selected?.id === s.id ? "#fff1f0" : undefined, paddingInline: 8 }}>
              <List.Item.Meta title={s.name} description={`${known(s.author)} · ${s.created_at}`} />
            </List.Item>
          )}
        />
      </Card>
      <div style={{ flex: 1, minWidth: 0, display: "flex", flexDirection: "column", gap: 16 }}>
        {problem && <Alert type="error" showIcon message={problem} closable onClose={clear} />}
        {!selected && <Card><Empty description={t("scenario.pick")} /></Card>}
        {selected && comparison && (
          <Card
            title={t("scenario.compareTitle", { name: selected.name })}
            extra={
              <Space>
                <Popconfirm title={t("scenario.discardConfirm")} okText={t("common.yes")} cancelText={t("common.no")} onConfirm={() => void finish("discard")}>
                  <Button danger icon={<DeleteOutlined />}>{t("scenario.discard")}</Button>
                </Popconfirm>
                <Popconfirm title={t("scenario.adoptConfirm")} okText={t("scenario.adopt")} cancelText={t("common.no")} onConfirm={() => void finish("adopt")}>
                  <Button type="primary" icon={<CheckOutlined />} data-testid="scenario-adopt">{t("scenario.adopt")}</Button>
                </Popconfirm>
              </Space>
            }
          >
            <Typography.Paragraph>
              {t("scenario.totals")}: {formatFen(comparison.current.total)} → <b>{formatFen(comparison.proposed.total)}</b>{t("common.aside", { text: diff(comparison.proposed.total - comparison.current.total) })}
              {comparison.proposed.over_budget && <Typography.Text type="danger"> · {t("scenario.overBudget")}</Typography.Text>}
            </Typography.Paragraph>
            <div style={{ display: "grid", gridTemplateColumns: "1fr 1.25fr", gap: 16 }}>
              {compareTable(t("campaign.byCategory"), lines(comparison.current.by_category, comparison.proposed.by_category, (k) => t(`category.${k}`)), "compare-category")}
              {compareTable(t("campaign.byTeam"), lines(comparison.current.by_team, comparison.proposed.by_team, (k) => k || "—"), "compare-team")}
            </div>
          </Card>
        )}
        {selected && draft && (
          <Card title={t("scenario.rules")} extra={<Button icon={<SaveOutlined />} onClick={() => void save()} data-testid="scenario-save">{t("scenario.recompute")}</Button>}>
            <RuleTableEditor value={draft} onChange={(table) => setEdit({ scenarioId: selected.id, table })} errors={errors} />
          </Card>
        )}
      </div>
    </div>
  );
}
