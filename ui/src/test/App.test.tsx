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
});
