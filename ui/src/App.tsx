import { useEffect, useState } from "react";
import { App as AntApp, Alert, ConfigProvider, Layout, Menu, Result, Segmented, Select, Spin, Typography } from "antd";
import { AlertOutlined, FileExcelOutlined, TrophyOutlined, CalculatorOutlined, DashboardOutlined, ExperimentOutlined, PercentageOutlined, ScheduleOutlined, TeamOutlined } from "@ant-design/icons";
import zhCN from "antd/locale/zh_CN";
import enUS from "antd/locale/en_US";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { useTranslation } from "react-i18next";
import { api, type Campaign } from "./api";
import { useCampaigns } from "./queries/campaigns";
import { useServerError } from "./queries/errors";
import Overview from "./pages/Overview";
import Clients from "./pages/Clients";
import Rates from "./pages/Rates";
import Subsidy from "./pages/Subsidy";
import Scenarios from "./pages/Scenarios";
import Plans from "./pages/Plans";
import Awards from "./pages/Awards";
import Trackers from "./pages/Trackers";
import Warnings from "./pages/Warnings";

/** Archived campaigns apart, under their own heading, after the ones in use. */
function campaignOptions(campaigns: Campaign[], archivedLabel: string) {
  const option = (c: Campaign) => ({ value: c.id, label: c.name });
  const archived = campaigns.filter((c) => c.archived);
  const current = campaigns.filter((c) => !c.archived).map(option);
  return archived.length === 0 ? current : [...current, { label: archivedLabel, options: archived.map(option) }];
}

type Area = "overview" | "clients" | "subsidy" | "rates" | "scenarios" | "plans" | "awards" | "trackers" | "warnings";

export default function App() {
  const { t, i18n } = useTranslation();
  // The campaign list is asked for once the stored language is applied, as the first screen.
  const [started, setStarted] = useState(false);
  const campaignList = useCampaigns(started);
  const campaigns = campaignList.data ?? null;
  const [picked, setPicked] = useState<number | null>(null);
  // The picked campaign while it exists (a deleted one falls back), else the first not archived.
  const campaignId = campaigns?.find((c) => c.id === picked)?.id ?? (campaigns?.find((c) => !c.archived) ?? campaigns?.[0])?.id ?? null;
  const [area, setArea] = useState<Area>("overview");
  const { failure, fail } = useServerError(campaignList.error);
  const zh = i18n.language.startsWith("zh");

  useEffect(() => {
    (async () => {
      try {
        const info = await api.appInfo();
        await i18n.changeLanguage(info.language === "en" ? "en" : "zh-CN");
        setStarted(true);
      } catch (e) {
        fail(e);
      }
    })();
  }, [i18n, fail]);

  useEffect(() => {
    dayjs.locale(zh ? "zh-cn" : "en");
    document.documentElement.lang = zh ? "zh-CN" : "en";
  }, [zh]);

  const switchLanguage = async (language: string) => {
    await i18n.changeLanguage(language);
    try {
      await api.setLanguage(language);
    } catch (e) {
      fail(e);
    }
  };

  const campaign = campaigns?.find((c) => c.id === campaignId) ?? null;

  let body;
  if (failure) {
    body = <Result status="error" title={t("error.title")} subTitle={failure} />;
  } else if (campaigns === null) {
    body = <Spin tip={t("app.loading")} size="large"><div style={{ height: 200 }} /></Spin>;
  } else if (!campaign) {
    body = <Alert type="info" showIcon message={t("app.noCampaign")} />;
  } else if (area === "overview") {
    body = <Overview campaign={campaign} onSelect={setPicked} />;
  } else if (area === "clients") {
    body = <Clients campaignId={campaign.id} />;
  } else if (area === "subsidy") {
    body = <Subsidy campaignId={campaign.id} />;
  } else if (area === "rates") {
    body = <Rates campaignId={campaign.id} />;
  } else if (area === "awards") {
    body = <Awards campaignId={campaign.id} />;
  } else if (area === "warnings") {
    body = <Warnings campaignId={campaign.id} />;
  } else if (area === "trackers") {
    body = <Trackers campaignId={campaign.id} campaignName={campaign.name} />;
  } else if (area === "plans") {
    body = <Plans campaignId={campaign.id} />;
  } else {
    body = <Scenarios campaignId={campaign.id} />;
  }

  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={{ token: { colorPrimary: "#b01e23" } }}>
      <AntApp>
        <Layout style={{ minHeight: "100vh" }}>
          <Layout.Sider width={200} theme="light" breakpoint="lg">
            <div style={{ padding: "16px 20px", fontWeight: 600, fontSize: 16, color: "#b01e23" }} data-testid="brand">
              {t("app.title")}
            </div>
            <Menu
              mode="inline"
              selectedKeys={[area]}
              onClick={(e) => setArea(e.key as Area)}
              items={[
                { key: "overview", icon: <DashboardOutlined />, label: <span data-testid="nav-overview">{t("nav.overview")}</span> },
                { key: "clients", icon: <TeamOutlined />, label: <span data-testid="nav-clients">{t("nav.clients")}</span> },
                { key: "plans", icon: <ScheduleOutlined />, label: <span data-testid="nav-plans">{t("nav.plans")}</span> },
                { key: "warnings", icon: <AlertOutlined />, label: <span data-testid="nav-warnings">{t("nav.warnings")}</span> },
                { key: "awards", icon: <TrophyOutlined />, label: <span data-testid="nav-awards">{t("nav.awards")}</span> },
                { key: "subsidy", icon: <CalculatorOutlined />, label: <span data-testid="nav-subsidy">{t("nav.subsidy")}</span> },
                { key: "rates", icon: <PercentageOutlined />, label: <span data-testid="nav-rates">{t("nav.rates")}</span> },
                { key: "scenarios", icon: <ExperimentOutlined />, label: <span data-testid="nav-scenarios">{t("nav.scenarios")}</span> },
                { key: "trackers", icon: <FileExcelOutlined />, label: <span data-testid="nav-trackers">{t("nav.trackers")}</span> },
              ]}
            />
          </Layout.Sider>
          <Layout>
            <Layout.Header style={{ background: "#fff", display: "flex", alignItems: "center", gap: 16, padding: "0 24px" }}>
              <Typography.Text type="secondary">{t("app.campaign")}</Typography.Text>
              <Select
                style={{ minWidth: 220 }}
                value={campaignId ?? undefined}
                onChange={setPicked}
                options={campaignOptions(campaigns ?? [], t("campaignAdmin.archivedGroup"))}
                data-testid="campaign-select"
              />
              <div style={{ flex: 1 }} />
              <Segmented
                value={zh ? "zh-CN" : "en"}
                onChange={(v) => void switchLanguage(String(v))}
                options={[
                  { value: "zh-CN", label: <span data-testid="lang-zh">中文</span> },
                  { value: "en", label: <span data-testid="lang-en">English</span> },
                ]}
              />
            </Layout.Header>
            <Layout.Content style={{ padding: 24 }}>{body}</Layout.Content>
          </Layout>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
