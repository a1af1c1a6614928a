import { Suspense, lazy, useCallback, useEffect, useState } from "react";
import { App as AntApp, Alert, Button, ConfigProvider, Layout, Menu, Radio, Result, Select, Space, Spin, Tooltip, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { AimOutlined, AlertOutlined, ApartmentOutlined, PlusOutlined, FileExcelOutlined, TrophyOutlined, CalculatorOutlined, DashboardOutlined, ExperimentOutlined, PercentageOutlined, ScheduleOutlined, TeamOutlined, CustomerServiceOutlined, GiftOutlined, QuestionCircleOutlined } from "@ant-design/icons";
import zhCN from "antd/locale/zh_CN";
import enUS from "antd/locale/en_US";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { useTranslation } from "react-i18next";
import { api, teamApi, type AppInfo, type Campaign, type DbInfo, type StartFailure, type TeamSession } from "./api";
import StartupError from "./components/StartupError";
import { listenForShortcuts } from "./shortcuts";
import { setTableMemoryScope } from "./components/table/memory";
import { useCampaigns } from "./queries/campaigns";
import { useExplain, useServerError } from "./queries/errors";
import FileMenu, { runFileAction } from "./components/FileMenu";
import ImportDialog from "./components/ImportDialog";
import NewCampaignModal from "./components/campaigns/NewCampaignModal";
import CopyCampaignModal from "./components/campaigns/CopyCampaignModal";
import Welcome from "./pages/Welcome";
import Overview from "./pages/Overview";
import { areaOf, navigate, useLocationSearch, type Area } from "./navigation";

// The overview and the welcome page come with the window; every other page is loaded when first
// opened, so the start does not wait for code it does not show.
const Goals = lazy(() => import("./pages/Goals"));
const Clients = lazy(() => import("./pages/Clients"));
const Rates = lazy(() => import("./pages/Rates"));
const Subsidy = lazy(() => import("./pages/Subsidy"));
const Scenarios = lazy(() => import("./pages/Scenarios"));
const Plans = lazy(() => import("./pages/Plans"));
const Awards = lazy(() => import("./pages/Awards"));
const Trackers = lazy(() => import("./pages/Trackers"));
const Warnings = lazy(() => import("./pages/Warnings"));
const Service = lazy(() => import("./pages/Service"));
const Points = lazy(() => import("./pages/Points"));
const Organisation = lazy(() => import("./pages/Organisation"));
const TeamApp = lazy(() => import("./components/team/TeamApp"));
const TeamLoginModal = lazy(() => import("./components/team/TeamLoginModal"));

/** Archived campaigns apart, under their own heading, after the ones in use. */
function campaignOptions(campaigns: Campaign[], archivedLabel: string, demoLabel: string) {
  const option = (c: Campaign) => ({ value: c.id, label: c.is_demo ? `${c.name}${demoLabel}` : c.name });
  const archived = campaigns.filter((c) => c.archived);
  const current = campaigns.filter((c) => !c.archived).map(option);
  return archived.length === 0 ? current : [...current, { label: archivedLabel, options: archived.map(option) }];
}

/** `firstInfo`: the shell's answer about the open file, when it was asked for before the first render. */
export default function App({ firstInfo }: { firstInfo?: Promise<AppInfo> } = {}) {
  const { t, i18n } = useTranslation();
  // The campaign list (asked for before the first render, see startup.ts) is shown once the
  // stored language is applied, so the first screen comes in the planner's language.
  const [started, setStarted] = useState(false);
  const campaignList = useCampaigns(started);
  const campaigns = started ? campaignList.data ?? null : null;
  const [picked, setPicked] = useState<number | null>(null);
  // The picked campaign while it exists (a deleted one falls back), else the first not archived.
  const campaignId = campaigns?.find((c) => c.id === picked)?.id ?? (campaigns?.find((c) => !c.archived) ?? campaigns?.[0])?.id ?? null;
  // The page is the URL's (see navigation.ts): another page can open one with its filters set.
  const area: Area = areaOf(useLocationSearch()) ?? "overview";
  const { failure, fail } = useServerError(campaignList.error);
  const explain = useExplain();
  const zh = i18n.language.startsWith("zh");
  const queryClient = useQueryClient();
  // The open database file; the File menu and the welcome page switch it.
  const [db, setDb] = useState<DbInfo | null>(null);
  // A file action that failed (a file that is not a database…): shown above the page, the
  // database open before stays open.
  const [fileError, setFileError] = useState<unknown>(null);
  const [copying, setCopying] = useState(false);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [narrow, setNarrow] = useState(false);
  // The database named at start that could not be opened, until another one is.
  const [startFailure, setStartFailure] = useState<StartFailure | null>(null);
  // Team mode: the server this window works through, and whether its login is open.
  const [team, setTeam] = useState<TeamSession | null>(null);
  const [teamLogin, setTeamLogin] = useState(false);

  useEffect(() => {
    (async () => {
      try {
        const info = await (firstInfo ?? api.appInfo());
        await i18n.changeLanguage(info.language === "en" ? "en" : "zh-CN");
        if (info.start_failure) {
          setStartFailure(info.start_failure);
          return;
        }
        setTableMemoryScope(info.db_path);
        setDb({ db_path: info.db_path, file_name: info.file_name, is_sample: info.is_sample });
        setStarted(true);
        // Closed while working through a team server: offer its login again at once.
        teamApi.remembered().then((r) => r?.active && setTeamLogin(true), () => undefined);
      } catch (e) {
        fail(e);
      }
    })();
  }, [i18n, fail, firstInfo]);

  useEffect(listenForShortcuts, []);

  useEffect(() => {
    dayjs.locale(zh ? "zh-cn" : "en");
    document.documentElement.lang = zh ? "zh-CN" : "en";
  }, [zh]);

  // The page's title says what the window's title says (the shell sets that one).
  useEffect(() => {
    if (db) document.title = t(db.is_sample ? "file.windowTitleSample" : "file.windowTitle", { name: db.file_name });
  }, [db, t]);

  /** Another database is open: nothing cached from the old one may show, and its language applies. */
  const switched = useCallback(async (info: DbInfo) => {
    setFileError(null);
    setStartFailure(null);
    setTableMemoryScope(info.db_path);
    setStarted(true);
    setPicked(null);
    navigate("overview");
    setDb(info);
    // Forgotten, not just refetched: nothing cached from the old file may show in the new one.
    queryClient.removeQueries({ type: "inactive" });
    // The planner's language is theirs, not the file's: the newly opened file takes it on (which
    // also words the window title). A file that cannot be written keeps its own setting.
    await api.setLanguage(i18n.language.startsWith("zh") ? "zh-CN" : "en").catch(() => undefined);
    await queryClient.resetQueries();
  }, [queryClient, i18n]);

  const fileAction = (action: Parameters<typeof runFileAction>[0]) => {
    runFileAction(action).then((info) => info && switched(info), setFileError);
  };

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
  } else if (area === "organisation") {
    body = <Organisation />;
  } else if (!campaign && area === "clients") {
    // Clients can be imported before any campaign exists; they are listed without one.
    body = <Clients campaignId={null} />;
  } else if (!campaign) {
    body = (
      <Welcome
        fileName={db?.file_name ?? ""}
        onNew={() => setCreating(true)}
        onCopy={() => setCopying(true)}
        onImport={() => setImporting(true)}
        onSample={() => fileAction("openSample")}
        onTeam={() => setTeamLogin(true)}
      />
    );
  } else if (area === "goals") {
    body = <Goals campaignId={campaign.id} />;
  } else if (area === "overview") {
    // The client list's filters for the high-risk gaps are wired in at merge; for now it opens the list.
    body = <Overview campaign={campaign} onSelect={setPicked} onShowClients={(preset) => navigate("clients", preset)} />;
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
  } else if (area === "service") {
    body = <Service campaignId={campaign.id} />;
  } else if (area === "points") {
    body = <Points campaignId={campaign.id} />;
  } else if (area === "trackers") {
    body = <Trackers campaignId={campaign.id} campaignName={campaign.name} />;
  } else if (area === "plans") {
    body = <Plans campaignId={campaign.id} />;
  } else {
    body = <Scenarios campaignId={campaign.id} />;
  }

  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={{ token: { colorPrimary: "#b01e23" } }}
      // One wording for every required field, inputs and selects alike (antd's says 请输入 on a select).
      form={{ validateMessages: { required: t("common.requiredField") } }}>
      <AntApp>
        {team ? (
          <Suspense fallback={<Spin size="large"><div style={{ height: 200 }} /></Spin>}>
            <TeamApp session={team} zh={zh} onLanguage={(l) => void switchLanguage(l)}
              onLeave={() => { void teamApi.logout().catch(() => undefined); setTeam(null); }} />
          </Suspense>
        ) : startFailure ? (
          // Nothing is open: no pages to offer, only the ways to a database.
          <Layout style={{ minHeight: "100vh", justifyContent: "center" }}>
            <StartupError failure={startFailure} onOpened={(info) => void switched(info)} />
          </Layout>
        ) : (
        <Layout style={{ minHeight: "100vh" }}>
          {/* The sider stays put while a long page scrolls; below lg it shows icons and a short brand. */}
          <Layout.Sider width={224} theme="light" breakpoint="lg" onBreakpoint={setNarrow}
            style={{ position: "sticky", top: 0, height: "100vh", overflowY: "auto" }}>
            <div style={{ padding: narrow ? "16px 0" : "16px 20px", textAlign: narrow ? "center" : undefined, fontWeight: 600, fontSize: 15, color: "#b01e23", whiteSpace: narrow ? "nowrap" : undefined }} data-testid="brand">
              {narrow ? t("app.shortTitle") : t("app.title")}
            </div>
            <Menu
              mode="inline"
              selectedKeys={[area]}
              onClick={(e) => navigate(e.key as Area)}
              items={[
                { key: "overview", icon: <DashboardOutlined />, label: <span data-testid="nav-overview">{t("nav.overview")}</span> },
                { key: "goals", icon: <AimOutlined />, label: <span data-testid="nav-goals">{t("nav.goals")}</span> },
                { key: "clients", icon: <TeamOutlined />, label: <span data-testid="nav-clients">{t("nav.clients")}</span> },
                { key: "plans", icon: <ScheduleOutlined />, label: <span data-testid="nav-plans">{t("nav.plans")}</span> },
                { key: "warnings", icon: <AlertOutlined />, label: <span data-testid="nav-warnings">{t("nav.warnings")}</span> },
                { key: "service", icon: <CustomerServiceOutlined />, label: <span data-testid="nav-service">{t("nav.service")}</span> },
                { key: "points", icon: <GiftOutlined />, label: <span data-testid="nav-points">{t("nav.points")}</span> },
                { key: "awards", icon: <TrophyOutlined />, label: <span data-testid="nav-awards">{t("nav.awards")}</span> },
                { key: "subsidy", icon: <CalculatorOutlined />, label: <span data-testid="nav-subsidy">{t("nav.subsidy")}</span> },
                { key: "rates", icon: <PercentageOutlined />, label: <span data-testid="nav-rates">{t("nav.rates")}</span> },
                { key: "scenarios", icon: <ExperimentOutlined />, label: <span data-testid="nav-scenarios">{t("nav.scenarios")}</span> },
                { key: "trackers", icon: <FileExcelOutlined />, label: <span data-testid="nav-trackers">{t("nav.trackers")}</span> },
                { key: "organisation", icon: <ApartmentOutlined />, label: <span data-testid="nav-organisation">{t("org.nav")}</span> },
              ]}
            />
          </Layout.Sider>
          <Layout>
            <Layout.Header style={{ background: "#fff", display: "flex", alignItems: "center", gap: 16, padding: "0 24px" }}>
              <FileMenu fileName={db?.file_name ?? ""} onSwitched={(info) => void switched(info)} onError={setFileError} onTeam={() => setTeamLogin(true)} />
              {(campaigns?.length ?? 0) > 0 && <Typography.Text type="secondary">{t("app.campaign")}</Typography.Text>}
              <Select
                style={{ minWidth: 220, display: (campaigns?.length ?? 0) === 0 ? "none" : undefined }}
                value={campaignId ?? undefined}
                onChange={setPicked}
                options={campaignOptions(campaigns ?? [], t("campaignAdmin.archivedGroup"), t("file.demoSuffix"))}
                data-testid="campaign-select"
              />
              <Tooltip title={t("newCampaign.title")}>
                <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} aria-label={t("newCampaign.title")} data-testid="campaign-new" />
              </Tooltip>
              <div style={{ flex: 1 }} />
              <Tooltip title={<div style={{ whiteSpace: "pre-line" }}>{t("app.shortcuts")}</div>}>
                <Button type="text" icon={<QuestionCircleOutlined />} aria-label={t("app.shortcutsTitle")} data-testid="shortcuts-help" />
              </Tooltip>
              {/* Buttons, not a sliding switch: its thumb animates across labels that change with the language. */}
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                size="small"
                value={zh ? "zh-CN" : "en"}
                onChange={(e) => void switchLanguage(String(e.target.value))}
                options={[
                  { value: "zh-CN", label: <span data-testid="lang-zh">{t("app.langZh")}</span> },
                  { value: "en", label: <span data-testid="lang-en">{t("app.langEn")}</span> },
                ]}
              />
            </Layout.Header>
            <Layout.Content style={{ padding: 24 }}>
              {db?.is_sample && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 16 }}
                  data-testid="sample-banner"
                  message={t("file.sampleBanner", { name: db.file_name })}
                  action={
                    <Space>
                      <Button size="small" type="primary" onClick={() => fileAction("new")} data-testid="sample-new">{t("file.sampleNew")}</Button>
                      <Button size="small" onClick={() => fileAction("open")} data-testid="sample-open">{t("file.sampleOpen")}</Button>
                    </Space>
                  }
                />
              )}
              {!db?.is_sample && campaign?.is_demo && (
                <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="sample-banner" message={t("file.demoCampaignBanner")} />
              )}
              {fileError != null && (
                <Alert type="error" showIcon closable onClose={() => setFileError(null)} style={{ marginBottom: 16 }} message={explain(fileError)} data-testid="file-error" />
              )}
              <Suspense fallback={<Spin size="large"><div style={{ height: 200 }} /></Spin>}>{body}</Suspense>
              <NewCampaignModal
                open={creating}
                onClose={() => setCreating(false)}
                onCreated={(id) => {
                  setCreating(false);
                  setPicked(id);
                  navigate("overview");
                }}
              />
              {copying && (
                <CopyCampaignModal
                  open
                  onClose={() => setCopying(false)}
                  onCreated={(id) => {
                    setCopying(false);
                    setPicked(id);
                    navigate("overview");
                  }}
                />
              )}
              {teamLogin && (
                <Suspense fallback={null}>
                  <TeamLoginModal open onClose={() => setTeamLogin(false)} onLoggedIn={(session) => { setTeamLogin(false); setTeam(session); }} />
                </Suspense>
              )}
              {importing && (
                <ImportDialog
                  campaignId={null}
                  onClose={() => setImporting(false)}
                  onImported={() => {
                    navigate("clients");
                    void queryClient.invalidateQueries();
                  }}
                />
              )}
            </Layout.Content>
          </Layout>
        </Layout>
        )}
      </AntApp>
    </ConfigProvider>
  );
}
