import { useEffect, useState } from "react";
import { Button, Dropdown, Layout, Menu, Radio, Result, Select, Space, Spin, Tag, Typography } from "antd";
import { AlertOutlined, AuditOutlined, CloudServerOutlined, DownOutlined, KeyOutlined, LogoutOutlined, ScheduleOutlined, TeamOutlined, TrophyOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError, type TeamSession } from "../../api";
import { teamKeys, useTeamCampaigns } from "../../queries/team";
import { useExplain } from "../../queries/errors";
import TeamAudit from "./TeamAudit";
import TeamClients from "./TeamClients";
import TeamItems from "./TeamItems";
import TeamPasswordModal from "./TeamPasswordModal";
import TeamStandings from "./TeamStandings";
import TeamWarnings from "./TeamWarnings";

type Area = "clients" | "items" | "warnings" | "standings" | "audit";

/** What a role may do, as the server's rules have it (domain/access.rs); the server checks again. */
const EDITORS = ["province_admin", "planner", "district_planner", "account_manager"];
const AUDITORS = ["province_admin", "planner", "approver"];
const TRACKER_EXCHANGERS = ["province_admin", "planner", "district_planner"];

/** The window while it works through a team server: the areas team mode offers, the account and
 *  the way back to the local file. */
export default function TeamApp({ session, onLeave, zh, onLanguage }: { session: TeamSession; onLeave(): void; zh: boolean; onLanguage(lang: string): void }) {
  const { t } = useTranslation();
  const explain = useExplain();
  const queryClient = useQueryClient();
  const [area, setArea] = useState<Area>("items");
  const [picked, setPicked] = useState<number | null>(null);
  // Below lg the side menu shows icons only, and the brand its short form.
  const [narrow, setNarrow] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  const campaigns = useTeamCampaigns();
  const campaignId = campaigns.data?.find((c) => c.id === picked)?.id ?? campaigns.data?.[0]?.id ?? null;
  const role = session.account.role;
  const canEdit = EDITORS.includes(role);
  const canAudit = AUDITORS.includes(role);

  // Leaving forgets everything read from the server.
  useEffect(() => () => queryClient.removeQueries({ queryKey: teamKeys.all }), [queryClient]);

  const expired = campaigns.error instanceof ApiError && campaigns.error.code === "unauthenticated";
  let body;
  if (expired) {
    body = <Result status="warning" title={t("team.expired")} extra={<Button type="primary" onClick={onLeave}>{t("team.loginAgain")}</Button>} />;
  } else if (campaigns.error) {
    body = <Result status="error" title={t("team.unreachable")} subTitle={explain(campaigns.error)} extra={<Button onClick={() => void campaigns.refetch()}>{t("team.retry")}</Button>} />;
  } else if (!campaigns.data) {
    body = <Spin size="large"><div style={{ height: 200 }} /></Spin>;
  } else if (campaignId == null) {
    body = <Result status="info" title={t("team.noCampaigns")} />;
  } else if (area === "clients") {
    body = <TeamClients campaignId={campaignId} />;
  } else if (area === "items") {
    body = <TeamItems campaignId={campaignId} canEdit={canEdit} canExchange={TRACKER_EXCHANGERS.includes(role)} />;
  } else if (area === "warnings") {
    body = <TeamWarnings campaignId={campaignId} canEdit={canEdit} />;
  } else if (area === "standings") {
    body = <TeamStandings campaignId={campaignId} />;
  } else {
    body = <TeamAudit />;
  }

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider width={224} theme="light" breakpoint="lg" onBreakpoint={setNarrow} style={{ position: "sticky", top: 0, height: "100vh", overflowY: "auto" }}>
        <div style={{ padding: narrow ? "16px 0" : "16px 20px", textAlign: narrow ? "center" : undefined, fontWeight: 600, fontSize: 15, color: "#b01e23", whiteSpace: narrow ? "nowrap" : undefined }} data-testid="brand">
          {narrow ? t("team.shortBrand") : t("team.brand")}
        </div>
        {/* Narrow, the menu shows its icons alone and names each on hover, rather than a name cut to its first character. */}
        <Menu mode="inline" inlineCollapsed={narrow} selectedKeys={[area]} onClick={(e) => setArea(e.key as Area)}
          items={[
            { key: "items", icon: <ScheduleOutlined />, label: <span data-testid="team-nav-items">{t("team.nav.items")}</span> },
            { key: "clients", icon: <TeamOutlined />, label: <span data-testid="team-nav-clients">{t("team.nav.clients")}</span> },
            { key: "warnings", icon: <AlertOutlined />, label: <span data-testid="team-nav-warnings">{t("team.nav.warnings")}</span> },
            { key: "standings", icon: <TrophyOutlined />, label: <span data-testid="team-nav-standings">{t("team.nav.standings")}</span> },
            ...(canAudit ? [{ key: "audit", icon: <AuditOutlined />, label: <span data-testid="team-nav-audit">{t("team.nav.audit")}</span> }] : []),
          ]} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: "#fff", display: "flex", alignItems: "center", gap: 12, padding: "0 24px", flexWrap: "nowrap", overflow: "hidden" }}>
          <CloudServerOutlined title={session.server} />
          {!narrow && <Typography.Text ellipsis style={{ maxWidth: 220 }} title={session.server} data-testid="team-server-name">{session.server}</Typography.Text>}
          {(campaigns.data?.length ?? 0) > 1 && (
            <Select style={{ minWidth: 180 }} value={campaignId ?? undefined} onChange={setPicked} options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          )}
          {(campaigns.data?.length ?? 0) === 1 && <Typography.Text strong ellipsis>{campaigns.data?.[0]?.name}</Typography.Text>}
          <div style={{ flex: 1 }} />
          <Space size={4} style={{ whiteSpace: "nowrap" }}>
            <Dropdown trigger={["click"]}
              menu={{ items: [{ key: "password", icon: <KeyOutlined />, label: <span data-testid="team-change-password">{t("team.changePassword")}</span> }], onClick: () => setChangingPassword(true) }}>
              <Button type="text" size="small" title={t("team.accountMenu")} data-testid="team-account">
                {session.account.name} <DownOutlined />
              </Button>
            </Dropdown>
            <Tag>{t(`team.roles.${role}`)}</Tag>
            {session.account.district && <Tag color="blue">{session.account.district}</Tag>}
          </Space>
          <Radio.Group optionType="button" buttonStyle="solid" size="small" value={zh ? "zh-CN" : "en"} onChange={(e) => onLanguage(String(e.target.value))}
            style={{ whiteSpace: "nowrap", flexShrink: 0 }}
            options={[{ value: "zh-CN", label: <span data-testid="lang-zh">{t("app.langZh")}</span> }, { value: "en", label: <span data-testid="lang-en">{t("app.langEn")}</span> }]} />
          <Button icon={<LogoutOutlined />} onClick={onLeave} title={t("team.leave")} style={{ flexShrink: 0 }} data-testid="team-leave">{narrow ? t("team.leaveShort") : t("team.leave")}</Button>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>{body}</Layout.Content>
        <TeamPasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
      </Layout>
    </Layout>
  );
}
