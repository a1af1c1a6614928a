import { useMemo, useState } from "react";
import { Alert, App, Button, Card, Col, Descriptions, Row, Space, Statistic, Table, Tag, Typography } from "antd";
import { EditOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Campaign } from "../api";
import { useCampaignSummary, useOverviewWarnings } from "../queries/campaigns";
import { useServerError } from "../queries/errors";
import { formatFen } from "../format";
import CampaignForm from "../components/CampaignForm";
import Chart from "../components/Chart";
import RiskSettingsCard from "../components/RiskSettingsCard";
import CampaignActions from "../components/campaigns/CampaignActions";
import CampaignTeamsCard from "../components/campaigns/CampaignTeamsCard";

/** `onSelect` moves the app to another campaign (a new period) or to none (after a delete). */
export default function Overview({ campaign, onSelect = () => {} }: { campaign: Campaign; onSelect?: (id: number | null) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const summaryQuery = useCampaignSummary(campaign.id);
  const summary = summaryQuery.data ?? null;
  // The warning figure is a side note here: its failure shows nothing rather than an error.
  const warnings = useOverviewWarnings(campaign.id).data ?? null;
  const { failure } = useServerError(summaryQuery.error);
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
    <Table
      size="small"
      pagination={false}
      rowKey={(r) => r[0]}
      dataSource={rows}
      data-testid={testId}
      columns={[
        { title: "", render: (_, r) => label(r[0]) },
        { title: t("campaign.count"), align: "right", render: (_, r) => r[1] },
        { title: t("campaign.share"), align: "right", render: (_, r) => summary && summary.targets > 0 ? `${((r[1] / summary.targets) * 100).toFixed(1)}%` : "—" },
      ]}
    />
  );

  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 16 }}>
      {failure && <Alert type="error" showIcon message={t("error.load")} description={failure} />}
      <Card
        title={
          <Space>
            <span data-testid="campaign-title">{campaign.name}</span>
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
          <Descriptions.Item label={t("campaign.dates")}>{campaign.start_date} ～ {campaign.end_date}</Descriptions.Item>
          <Descriptions.Item label={t("campaign.status")}>{t(`status.${campaign.status}`)}</Descriptions.Item>
          <Descriptions.Item label={t("campaign.budget")}>{formatFen(campaign.subsidy_budget)}</Descriptions.Item>
          <Descriptions.Item label={t("campaign.goals")} span={2}>
            <Typography.Paragraph style={{ whiteSpace: "pre-line", marginBottom: 0 }}>{campaign.goals || "—"}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <CampaignTeamsCard campaign={campaign} />
      <Row gutter={16}>
        <Col span={6}><Card><Statistic title={t("campaign.targets")} value={summary?.targets ?? 0} loading={!summary} /></Card></Col>
        <Col span={6}><Card><Statistic title={t("campaign.contracts")} value={summary?.contracts ?? 0} loading={!summary} /></Card></Col>
        <Col span={6}><Card><Statistic title={t("risk.count")} value={summary?.high_risk ?? 0} loading={!summary} valueStyle={{ color: "#d4380d" }} /></Card></Col>
        <Col span={6}>
          <Card>
            <Statistic
              title={t("warning.open")}
              value={warnings ? warnings.to_contact + warnings.contacted : 0}
              loading={!warnings}
              data-testid="overview-warnings"
              suffix={
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t("warning.retention", { rate: warnings?.retention_bp != null ? `${(warnings.retention_bp / 100).toFixed(1)}%` : t("warning.noRate") })}
                </Typography.Text>
              }
            />
          </Card>
        </Col>
      </Row>
      {summary && (
        <Row gutter={16}>
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
