import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import { QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import i18n from "../i18n";
import App from "../App";
import { makeQueryClient } from "../queries/client";
import { askEarly } from "../startup";
import { campaign, summary } from "./fixtures";

vi.mock("../components/Chart", () => ({ default: () => null }));

/** Starts the app as main.tsx does: the first questions asked before the first render. */
function startAsMainDoes() {
  const client = makeQueryClient();
  const firstInfo = askEarly(client);
  render(<QueryClientProvider client={client}><App firstInfo={firstInfo} /></QueryClientProvider>);
}

describe("the start", () => {
  it("asks for the file, then at once its campaigns, and shows the first screen in the stored language", async () => {
    await i18n.changeLanguage("zh-CN");
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "app_info") return { db_path: "/tmp/x.db", file_name: "x.db", is_sample: false, language: "en" };
      if (cmd === "campaigns_list") return [campaign];
      if (cmd === "campaign_summary") return summary;
    });
    startAsMainDoes();
    expect(await screen.findByTestId("campaign-title")).toHaveTextContent("长城计划");
    expect(screen.getByText("Overview"), "the campaign list, asked for early, shows in English as stored").toBeInTheDocument();
    expect(screen.queryByText("活动概览"), "no Chinese first screen before the stored language applies").not.toBeInTheDocument();
    expect(calls.filter((c) => c === "app_info").length, "the early answer serves the app").toBe(1);
    expect(calls.slice(0, 2), "the list is asked for as soon as the file is known to be open, before any page asks").toEqual(["app_info", "campaigns_list"]);
    await i18n.changeLanguage("zh-CN");
  });

  it("asks nothing more of a file that could not be opened", async () => {
    await i18n.changeLanguage("zh-CN");
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "app_info")
        return {
          db_path: "", file_name: "", is_sample: false, language: "zh-CN",
          start_failure: { db_path: "/home/p/坏.db", error: { code: "database", message_zh: "文件已损坏", message_en: "the file is damaged", fields: [] } },
        };
    });
    startAsMainDoes();
    expect(await screen.findByTestId("startup-file")).toHaveTextContent("/home/p/坏.db");
    expect(calls, "no campaign list is asked of the stand-in").not.toContain("campaigns_list");
  });
});
