import { useCallback, useMemo, useState } from "react";
import { Alert, Card, Col, Empty, Input, Row, Select, Space, Statistic, Switch, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Category, ClientQuery, ClientSubsidy } from "../api";
import { useTeams } from "../queries/campaigns";
import { useServerError } from "../queries/errors";
import { useSubsidyClients, useSubsidyTotals } from "../queries/subsidy";
import { formatFen } from "../format";
import Chart from "../components/Chart";
import SubsidyDrawer from "../components/SubsidyDrawer";

// A figure and its unit stay on one line; the unit reads smaller beside the figure.
const NOWRAP = { whiteSpace: "nowrap" } as const;
const SUFFIX = { fontSize: 14, marginInlineStart: 4 } as const;

const PAGE_SIZE = 50;

/** Subsidy per client, totals by category and team, and the budget. */
export default function Subsidy({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState<ClientQuery>({ campaign_id: campaignId, offset: 0, limit: PAGE_SIZE });
  // Another campaign keeps the filters and starts at the first page. Adjusted while rendering, not
  // in an effect, so no request goes out with the old campaign's query.
  if (query.campaign_id !== campaignId) setQuery((q) => ({ ...q, campaign_id: campaignId, offset: 0 }));
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  // Strategy 1: high competition-risk clients are offered the subsidy first.
  const [riskFirst, setRiskFirst] = useState(true);
  const [open, setOpen] = useState<ClientSubsidy | null>(null);
  // Keyed by campaign and filters: a late answer for the campaign just left, or for an earlier
  // filter, is cached under its own question and never shows here.
  const totalsQuery = useSubsidyTotals(campaignId);
  const pageQuery = useSubsidyClients(query, flaggedOnly, riskFirst);
  const teamsQuery = useTeams();
  const totals = totalsQuery.data ?? null;
  const page = pageQuery.data ?? null;
  const teams = teamsQuery.data ?? [];
  const { failure } = useServerError(totalsQuery.error, pageQuery.error, teamsQuery.error);

  const filter = (patch: Partial<ClientQuery>) => setQuery((q) => ({ ...q, ...patch, offset: 0 }));
  const used = totals && totals.budget > 0 ? (totals.total / totals.budget) * 100 : 0;
  const over = totals?.over_budget ?? false;

  const gauge = useMemo(() => ({
    series: [{
      type: "gauge" as const,
      min: 0,
      max: Math.max(120, Math.ceil(used / 10) * 10),
      progress: { show: true, width: 12 },
      axisLine: { lineStyle: { width: 12 } },
      pointer: { show: false },
      axisLabel: { show: false },
      splitLine: { show: false },
      axisTick: { show: false },
      detail: { valueAnimation: false, formatter: "{value}%", fontSize: 22, offsetCenter: [0, "10%"] },
      itemStyle: { color: over ? "#cf1322" : "#b01e23" },
      data: [{ value: Number(used.toFixed(1)) }],
    }],
  }), [used, over]);

  const bars = useCallback((rows: { key: string; amount: number }[], label: (k: string) => string) => ({
    grid: { left: 8, right: 90, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis" as const, valueFormatter: (v: unknown) => formatFen(Number(v) * 100) },
    xAxis: { type: "value" as const, axisLabel: { show: false }, splitLine: { show: false } },
    yAxis: { type: "category" as const, inverse: true, data: rows.map((r) => label(r.key)) },
    series: [{
      type: "bar" as const,
      data: rows.map((r) => r.amount / 100),
      itemStyle: { color: "#b01e23" },
      label: { show: true, position: "right" as const, formatter: (p: { value: unknown }) => formatFen(Number(p.value) * 100) },
    }],
  }), []);
  const categoryBars = useMemo(() => bars(totals?.by_category ?? [], (k) => t(`category.${k}`)), [bars, totals, t]);
  const teamBars = useMemo(() => bars(totals?.by_team ?? [], (k) => k || "—"), [bars, totals]);

  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 16 }}>
      {failure && <Alert type="error" showIcon message={t("error.load")} description={failure} />}
      {totals?.over_budget && (
        <Alert type="warning" showIcon data-testid="over-budget"
          message={t("subsidy.overBudget", { over: formatFen(totals.total - totals.budget) })} />
      )}
      <Row gutter={16}>
        <Col span={6}><Card><Statistic title={t("subsidy.total")} value={totals ? formatFen(totals.total) : "—"} suffix={<span style={SUFFIX}>{t("common.yuan")}</span>} valueStyle={NOWRAP} /><span data-testid="subsidy-total" hidden>{totals?.total}</span></Card></Col>
        <Col span={6}><Card><Statistic title={t("campaign.budget")} value={totals ? formatFen(totals.budget) : "—"} valueStyle={NOWRAP} /></Card></Col>
        <Col span={6}><Card><Statistic title={t("subsidy.clientsWith")} value={totals?.clients ?? 0} valueStyle={NOWRAP}
          suffix={<span style={SUFFIX}>/ {totals?.contracts ?? 0} {t("subsidy.contractsUnit")}</span>} /></Card></Col>
        <Col span={6}>
          <Card onClick={() => setFlaggedOnly(true)} style={{ cursor: totals?.flagged ? "pointer" : undefined }}>
            <Statistic title={t("subsidy.flagged")} value={totals?.flagged ?? 0} valueStyle={{ color: totals?.flagged ? "#cf1322" : undefined }} />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={6}><Card title={t("subsidy.budgetUse")} size="small"><Chart option={gauge} height={200} /></Card></Col>
        <Col xs={24} lg={9}><Card title={t("campaign.byCategory")} size="small"><Chart option={categoryBars} height={200} /></Card></Col>
        <Col xs={24} lg={9}><Card title={t("campaign.byTeam")} size="small"><Chart option={teamBars} height={200} /></Card></Col>
      </Row>
      <Card size="small" title={t("subsidy.perClient")}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder={t("client.search")} style={{ width: 220 }} onSearch={(v) => filter({ search: v || null })} />
          <Select allowClear placeholder={t("category.label")} style={{ width: 150 }} value={query.category ?? undefined}
            onChange={(v: Category | undefined) => filter({ category: v ?? null })}
            options={(["strategic", "local_key", "campus", "sme"] as const).map((c) => ({ value: c, label: t(`category.${c}`) }))} />
          <Select allowClear placeholder={t("client.team")} style={{ width: 180 }} value={query.team_id ?? undefined}
            onChange={(v: number | undefined) => filter({ team_id: v ?? null })}
            options={teams.map((tm) => ({ value: tm.id, label: tm.name }))} />
          <Select allowClear placeholder={t("risk.label")} style={{ width: 160 }} value={query.risk ?? undefined}
            onChange={(v: ClientQuery["risk"] | undefined) => filter({ risk: v ?? null })}
            options={(["any", "expiring", "high_spend", "high_price"] as const).map((r) => ({ value: r, label: t(`risk.${r}`) }))} />
          <Space><Switch checked={riskFirst} onChange={(v) => { setRiskFirst(v); filter({}); }} data-testid="risk-first" /> {t("subsidy.riskFirst")}</Space>
          <Space><Switch checked={flaggedOnly} onChange={(v) => { setFlaggedOnly(v); filter({}); }} /> {t("subsidy.flaggedOnly")}</Space>
        </Space>
        <Table<ClientSubsidy>
          size="small"
          rowKey="client_id"
          dataSource={page?.rows ?? []}
          data-testid="subsidy-table"
          locale={{ emptyText: <Empty description={t("subsidy.empty")} /> }}
          onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: "pointer" } })}
          pagination={{
            current: Math.floor((query.offset ?? 0) / PAGE_SIZE) + 1,
            pageSize: PAGE_SIZE,
            total: page?.total ?? 0,
            showSizeChanger: false,
            showTotal: (n) => <Typography.Text>{t("client.total", { total: n })}</Typography.Text>,
            onChange: (p) => setQuery((q) => ({ ...q, offset: (p - 1) * PAGE_SIZE })),
          }}
          columns={[
            { title: t("client.code"), dataIndex: "code", width: 120 },
            { title: t("client.name"), dataIndex: "name", ellipsis: true },
            { title: t("category.label"), dataIndex: "category", width: 130, render: (c: Category) => t(`category.${c}`) },
            { title: t("client.team"), dataIndex: "team", width: 170, ellipsis: true },
            { title: t("client.contracts"), dataIndex: "contracts", width: 96, align: "right" },
            { title: t("subsidy.amount"), dataIndex: "subsidy", width: 140, align: "right",
              render: (v: number, r) => <Space size={4}>{r.flagged && <Tag color="red">{t("subsidy.review")}</Tag>}{formatFen(v)}</Space> },
          ]}
        />
      </Card>
      {open && (
        <SubsidyDrawer campaignId={campaignId} clientId={open.client_id} title={t("common.withNote", { name: open.name, note: open.code })}
          onClose={() => setOpen(null)} />
      )}
    </div>
  );
}
