import { useDeferredValue, useMemo, useState } from "react";
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Row, Select, Space, Spin, Statistic, Tag, Typography } from "antd";
import { EditOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import type { Campaign, Dashboard } from "../api";
import { useCampaignSummary } from "../queries/campaigns";
import { useDashboard } from "../queries/dashboard";
import { useServerError } from "../queries/errors";
import { formatFen } from "../format";
import CampaignForm from "../components/CampaignForm";
import Chart from "../components/Chart";
import FactTable from "../components/FactTable";
import RiskSettingsCard from "../components/RiskSettingsCard";
import CampaignActions from "../components/campaigns/CampaignActions";
import CampaignTeamsCard from "../components/campaigns/CampaignTeamsCard";
import CalendarCard from "../components/dashboard/CalendarCard";
import BudgetCard from "../components/dashboard/BudgetCard";
import GapsCard, { type ClientsPreset } from "../components/dashboard/GapsCard";
import KpiTable from "../components/dashboard/KpiTable";
import PlansCard from "../components/dashboard/PlansCard";
import WarningsCard from "../components/dashboard/WarningsCard";
import LeadersCard from "../components/dashboard/LeadersCard";

/** The goals' KPIs, then each battle and workstream with its owner team and KPIs. */
function Progress({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const noKpis = dashboard.goals.every((g) => g.kpis.length === 0) && dashboard.parts.every((p) => p.kpis.length === 0);
  if (noKpis) {
    return <Card size="small" title={t("dashboard.goals")}><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dashboard.noKpis")} data-testid="dashboard-no-kpis" /></Card>;
  }
  // Side by side on a wide window, where one list across the whole page leaves the figures far from their names.
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={dashboard.parts.length > 0 ? 12 : 24}>
        <Card size="small" title={t("dashboard.goals")} data-testid="dashboard-goals" style={{ height: "100%" }}>
          <KpiTable
            weeks={dashboard.week_ends}
            sections={dashboard.goals.map((g) => ({
              key: g.goal.id,
              heading: <Typography.Text strong>{g.goal.name}</Typography.Text>,
              kpis: g.kpis,
              empty: t("dashboard.noGoalKpis"),
            }))}
          />
        </Card>
      </Col>
      {dashboard.parts.length > 0 && (
        <Col xs={24} xl={12}>
          <Card size="small" title={t("dashboard.parts")} data-testid="dashboard-parts" style={{ height: "100%" }}>
            <KpiTable
              weeks={dashboard.week_ends}
              sections={dashboard.parts.map((p) => ({
                key: p.part.id,
                heading: (
                  <Space size={6} wrap>
                    <Typography.Text strong>{p.part.name}</Typography.Text>
                    <Tag color={p.part.kind === "battle" ? "red" : "blue"}>{t(`dashboard.${p.part.kind}`)}</Tag>
                    <Typography.Text type="secondary">{p.part.owner_team ? t("dashboard.owner", { team: p.part.owner_team }) : t("dashboard.noOwner")}</Typography.Text>
                  </Space>
                ),
                kpis: p.kpis,
                empty: t("dashboard.noPartKpis"),
              }))}
            />
          </Card>
        </Col>
      )}
    </Row>
  );
}

/**
 * 概览: the campaign's header (edit, close, archive…), its progress as of a day for the whole
 * campaign or one team, then who the targets are. `onSelect` moves the app to another campaign
 * (a new period) or to none (after a delete); `onShowClients` opens the client list on the
 * high-risk targets still lacking one kind of help.
 */
export default function Overview({ campaign, onSelect = () => {}, onShowClients }: {
  campaign: Campaign;
  onSelect?: (id: number | null) => void;
  onShowClients?: (preset: ClientsPreset) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [asOf, setAsOf] = useState<string | null>(null);
  const [teamId, setTeamId] = useState<number | null>(null);
  const dashboardQuery = useDashboard(campaign.id, asOf, teamId);
  // Drawn in a render React can interrupt: the window answers clicks and keys while the cards are drawn.
  const dashboard = useDeferredValue(dashboardQuery.data ?? null);
  const summaryQuery = useCampaignSummary(campaign.id);
  const summary = useDeferredValue(summaryQuery.data ?? null);
  const { failure } = useServerError(dashboardQuery.error, summaryQuery.error);
  const [editing, setEditing] = useState(false);

  const categoryChart = useMemo(
    () => ({
      tooltip: { trigger: "item" as const },
      legend: { bottom: 0 },
      series: [{
        type: "pie" as const,
        radius: ["40%", "70%"],
        center: ["50%", "42%"],
        label: { show: false },
        data: (summary?.by_category ?? []).map(([c, n]) => ({ name: t(`category.${c}`), value: n })),
      }],
    }),
    [summary, t],
  );

  const countTable = (rows: [string, number][], label: (key: string) => string, testId: string) => (
    <FactTable
      rows={rows}
      rowKey={(r) => r[0]}
      testId={testId}
      columns={[
        { key: "item", title: t("common.item"), render: (r) => label(r[0]) },
        { key: "count", title: t("campaign.count"), align: "right", render: (r) => r[1] },
        { key: "share", title: t("campaign.share"), align: "right", render: (r) => summary && summary.targets > 0 ? `${((r[1] / summary.targets) * 100).toFixed(1)}%` : "—" },
      ]}
    />
  );

  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 16, minWidth: 0 }}>
      {failure && <Alert type="error" showIcon message={t("error.load")} description={failure} />}
      <Card
        size="small"
        title={
          <Space>
            <span data-testid="campaign-title" data-user-text>{campaign.name}</span>
            {campaign.archived && <Tag data-testid="campaign-archived">{t("campaignAdmin.archived")}</Tag>}
          </Space>
        }
        extra={<Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="campaign-edit">{t("common.edit")}</Button>}
      >
        <div style={{ marginBottom: 12 }}>
          <CampaignActions campaign={campaign} onSelect={onSelect} />
        </div>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t("campaign.theme")}><span data-testid="campaign-theme">{campaign.theme}</span></Descriptions.Item>
          <Descriptions.Item label={t("campaign.dates")}>{t("common.dateRange", { from: campaign.start_date, to: campaign.end_date })}</Descriptions.Item>
          <Descriptions.Item label={t("campaign.status")}>{t(`status.${campaign.status}`)}</Descriptions.Item>
          <Descriptions.Item label={t("campaign.budget")}>{formatFen(campaign.subsidy_budget)}</Descriptions.Item>
          <Descriptions.Item label={t("campaign.goals")} span={2}>
            <Typography.Paragraph style={{ whiteSpace: "pre-line", marginBottom: 0 }}>{campaign.goals || "—"}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Space wrap data-testid="dashboard-toolbar">
        <Typography.Text type="secondary">{t("dashboard.asOf")}</Typography.Text>
        <DatePicker value={asOf ? dayjs(asOf) : null} onChange={(d) => setAsOf(d ? d.format("YYYY-MM-DD") : null)}
          placeholder={t("dashboard.asOfHint")} style={{ width: 200 }} data-testid="dashboard-as-of" />
        <Typography.Text type="secondary">{t("dashboard.team")}</Typography.Text>
        <Select style={{ width: 220 }} value={teamId ?? 0} onChange={(v: number) => setTeamId(v === 0 ? null : v)} data-testid="dashboard-team"
          options={[{ value: 0, label: t("dashboard.allTeams") }, ...campaign.teams.map((team) => ({ value: team.id, label: team.name }))]} />
        {dashboard && (
          <Typography.Text type="secondary" data-testid="dashboard-for">
            {t("dashboard.figuresFor", { team: dashboard.team_name ?? t("dashboard.wholeCampaign"), date: dashboard.as_of })}
          </Typography.Text>
        )}
        {dashboardQuery.isFetching && dashboard && <Spin size="small" />}
      </Space>

      {!dashboard && (dashboardQuery.isPending || dashboardQuery.data) && (
        <Card><Spin tip={t("dashboard.loading")}><div style={{ height: 120 }} /></Spin></Card>
      )}
      {dashboard && (
        <div style={{ display: "flex", flexDirection: "column", gap: 16 }} data-testid="dashboard">
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12} xl={8}><CalendarCard dashboard={dashboard} /></Col>
            <Col xs={24} md={12} xl={8}><BudgetCard dashboard={dashboard} /></Col>
            <Col xs={24} xl={8}><GapsCard gaps={dashboard.gaps} onShow={onShowClients} /></Col>
          </Row>
          <Progress dashboard={dashboard} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}><PlansCard plans={dashboard.plans} /></Col>
            <Col xs={24} xl={10}><WarningsCard warnings={dashboard.warnings} /></Col>
          </Row>
          <LeadersCard leaders={dashboard.leaders} />
        </div>
      )}

      <Typography.Title level={5} style={{ margin: 0 }}>{t("dashboard.customers")}</Typography.Title>
      <CampaignTeamsCard campaign={campaign} />
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8}><Card size="small"><Statistic title={t("campaign.targets")} value={summary?.targets ?? 0} loading={!summary} /></Card></Col>
        <Col xs={12} md={8}><Card size="small"><Statistic title={t("campaign.contracts")} value={summary?.contracts ?? 0} loading={!summary} /></Card></Col>
        <Col xs={12} md={8}><Card size="small"><Statistic title={t("risk.count")} value={summary?.high_risk ?? 0} loading={!summary} valueStyle={{ color: "#d4380d" }} /></Card></Col>
      </Row>
      {summary && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={8}>
            <Card title={t("campaign.byCategory")} size="small">
              {countTable(summary.by_category, (k) => t(`category.${k}`), "count-category")}
              <Chart option={categoryChart} height={220} />
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card title={t("campaign.byTier")} size="small">{countTable(summary.by_tier, (k) => t(`tier.${k}`), "count-tier")}</Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card title={t("campaign.byTeam")} size="small">{countTable(summary.by_team, (k) => k || "—", "count-team")}</Card>
          </Col>
        </Row>
      )}
      {summary && <RiskSettingsCard key={JSON.stringify(campaign.risk)} campaign={campaign} summary={summary} />}
      {editing && (
        <CampaignForm
          campaign={campaign}
          open={editing}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            message.success(t("common.saved"));
          }}
        />
      )}
    </div>
  );
}
