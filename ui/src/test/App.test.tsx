import { describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import i18n from "../i18n";
import App from "../App";
import { campaign, summary } from "./fixtures";

// ECharts needs a real layout engine; the chart itself is not what these tests check.
vi.mock("../components/Chart", () => ({ default: () => null }));

describe("app shell", () => {
  it("opens in Chinese on the campaign overview and switches to English, remembering it", async () => {
    await i18n.changeLanguage("zh-CN");
    const saved: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "app_info") return { db_path: "/tmp/x.db", language: "zh-CN" };
      if (cmd === "campaigns_list") return [campaign];
      if (cmd === "campaign_summary") return summary;
      if (cmd === "set_language") saved.push((args as { language: string }).language);
    });
    renderWithClient(<App />);
    expect(await screen.findByTestId("campaign-title")).toHaveTextContent("长城计划");
    expect(screen.getByText("活动概览")).toBeInTheDocument();
    expect((await screen.findAllByText("战略客户")).length).toBeGreaterThan(0);
    expect(screen.getByText("600,000.00")).toBeInTheDocument();

    fireEvent.click(screen.getByTestId("lang-en"));
    await waitFor(() => expect(screen.getByText("Overview")).toBeInTheDocument());
    expect(screen.getAllByText("Strategic").length).toBeGreaterThan(0);
    expect(saved).toEqual(["en"]);
  });

  it("says which database could not be opened and why, in the UI's language, and opens another from there", async () => {
    await i18n.changeLanguage("zh-CN");
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "app_info")
        return {
          db_path: "", file_name: "", is_sample: false, language: "en",
          start_failure: {
            db_path: "/home/p/江苏.db",
            error: { code: "database", message_zh: "数据库 /home/p/江苏.db 出错：文件已损坏", message_en: "database /home/p/江苏.db: the file is damaged", fields: [] },
          },
        };
      if (cmd === "db_open") return { db_path: "/home/p/other.db", file_name: "other.db", is_sample: false };
      if (cmd === "campaigns_list") return [campaign];
      if (cmd === "campaign_summary") return summary;
    });
    renderWithClient(<App />);
    expect(await screen.findByTestId("startup-file")).toHaveTextContent("/home/p/江苏.db");
    expect(screen.getByTestId("startup-reason"), "the reason in the stored language").toHaveTextContent("the file is damaged");
    expect(screen.queryByTestId("nav-clients"), "no pages while nothing is open").not.toBeInTheDocument();
    expect(calls, "nothing is asked of a database that is not open").not.toContain("campaigns_list");
    fireEvent.click(screen.getByTestId("startup-open"));
    expect(await screen.findByTestId("campaign-title"), "the file opened instead shows as usual").toHaveTextContent("长城计划");
    expect(screen.queryByTestId("startup-error")).not.toBeInTheDocument();
    await i18n.changeLanguage("zh-CN");
  });

  it("asks for the team server's login at start when it closed working through one", async () => {
    await i18n.changeLanguage("zh-CN");
    mockIPC((cmd) => {
      if (cmd === "app_info") return { db_path: "/tmp/x.db", language: "zh-CN" };
      if (cmd === "campaigns_list") return [campaign];
      if (cmd === "campaign_summary") return summary;
      if (cmd === "team_remembered") return { server: "http://10.1.2.3:8080", login: "dp01", active: true };
    });
    renderWithClient(<App />);
    await waitFor(() => expect(screen.getByTestId("team-server")).toHaveValue("http://10.1.2.3:8080"));
    expect(screen.getByTestId("team-user")).toHaveValue("dp01");
  });

  it("uses the language stored in the database on start", async () => {
    await i18n.changeLanguage("zh-CN");
    mockIPC((cmd) => {
      if (cmd === "app_info") return { db_path: "/tmp/x.db", language: "en" };
      if (cmd === "campaigns_list") return [campaign];
      if (cmd === "campaign_summary") return summary;
    });
    renderWithClient(<App />);
    await waitFor(() => expect(screen.getByTestId("nav-clients")).toHaveTextContent("Target clients"));
  });

  it("welcomes an empty database and, from there, opens the sample: banner, title and a fresh campaign list", async () => {
    await i18n.changeLanguage("zh-CN");
    let sampleOpen = false;
    mockIPC((cmd) => {
      if (cmd === "app_info") return { db_path: "/d/rampart.db", file_name: "rampart.db", is_sample: sampleOpen, language: "zh-CN" };
      if (cmd === "campaigns_list") return sampleOpen ? [campaign] : [];
      if (cmd === "campaign_summary") return summary;
      if (cmd === "db_open_sample") {
        sampleOpen = true;
        return { db_path: "/d/sample.rampart.db", file_name: "sample.rampart.db", is_sample: true };
      }
    });
    renderWithClient(<App />);
    expect(await screen.findByTestId("welcome")).toHaveTextContent("rampart.db");
    expect(screen.queryByTestId("sample-banner")).toBeNull();
    expect(document.title).toContain("rampart.db");

    fireEvent.click(screen.getByTestId("welcome-sample"));
    // The campaign list was asked again of the new file, not taken from the old file's cache.
    expect(await screen.findByTestId("campaign-title")).toHaveTextContent("长城计划");
    expect(screen.getByTestId("sample-banner")).toHaveTextContent("示例活动");
    expect(screen.getByTestId("db-file-name")).toHaveTextContent("sample.rampart.db");
    expect(document.title).toContain("示例");
  });

  it("offers the team server from the welcome page of an empty database", async () => {
    await i18n.changeLanguage("zh-CN");
    mockIPC((cmd) => {
      if (cmd === "app_info") return { db_path: "/d/rampart.db", file_name: "rampart.db", is_sample: false, language: "zh-CN" };
      if (cmd === "campaigns_list") return [];
      if (cmd === "team_remembered") return { server: "", login: "", active: false };
    });
    renderWithClient(<App />);
    fireEvent.click(await screen.findByTestId("welcome-team"));
    // The login asks for the server's address: a planner starting out may have none remembered.
    expect(await screen.findByTestId("team-server")).toBeInTheDocument();
    expect(screen.getByTestId("team-login-submit")).toBeInTheDocument();
  });

  it("keeps the open database and says why when a file to open is refused", async () => {
    await i18n.changeLanguage("zh-CN");
    mockIPC((cmd) => {
      if (cmd === "app_info") return { db_path: "/d/浙江.db", file_name: "浙江.db", is_sample: false, language: "zh-CN" };
      if (cmd === "campaigns_list") return [campaign];
      if (cmd === "campaign_summary") return summary;
      if (cmd === "db_open") {
        throw { code: "not_a_rampart_database", message_zh: "/d/客户.csv 不是 Rampart 数据库", message_en: "/d/客户.csv is not a Rampart database", fields: [] };
      }
    });
    renderWithClient(<App />);
    expect(await screen.findByTestId("campaign-title")).toHaveTextContent("长城计划");
    fireEvent.keyDown(window, { key: "o", ctrlKey: true });
    expect(await screen.findByTestId("file-error")).toHaveTextContent("客户.csv 不是 Rampart 数据库");
    expect(screen.getByTestId("db-file-name")).toHaveTextContent("浙江.db");
    expect(screen.getByTestId("campaign-title")).toHaveTextContent("长城计划");
  });
});
