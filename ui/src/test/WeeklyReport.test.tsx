import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import i18n from "../i18n";
import WeeklyReportButton from "../components/WeeklyReportButton";

const teams = [{ id: 3, name: "市政企客户部", active: true }];

describe("weekly report export", () => {
  it("picks the file for the chosen day, team and format, writes it there and names it", async () => {
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "teams_list") return teams;
      if (cmd === "report_pick_target") {
        calls.push({ cmd, args: args as Record<string, unknown> });
        return { token: "pick-1", names: ["长城计划_周报_2026-11-22.xlsx"] };
      }
      if (cmd === "report_export") {
        calls.push({ cmd, args: args as Record<string, unknown> });
        return { file: "/home/a/长城计划_周报_2026-11-22.xlsx", format: "xlsx", bytes: 30000 };
      }
    });
    renderWithClient(<App><WeeklyReportButton campaignId={7} asOf="2026-11-22" /></App>);
    fireEvent.click(screen.getByTestId("weekly-report"));
    fireEvent.click(await screen.findByText("Excel"));
    fireEvent.click(screen.getByTestId("weekly-report-write"));
    expect(await screen.findByTestId("weekly-report-written")).toHaveTextContent("周报已导出：长城计划_周报_2026-11-22.xlsx");
    expect(calls[0].args, "the dialog is asked for the day, the whole campaign and Excel").toMatchObject({ campaignId: 7, asOf: "2026-11-22", teamId: null, format: "xlsx" });
    expect(calls[1].args, "the report goes to the picked file, named by its token").toMatchObject({ campaignId: 7, target: "pick-1", asOf: "2026-11-22", teamId: null });
  });

  it("starts on the page's team, writes nothing when the dialog is cancelled, and shows a failure in the UI's language", async () => {
    let exported = 0;
    let pick: { token: string; names: string[] } | null = null;
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "teams_list") return teams;
      if (cmd === "report_pick_target") {
        asked.push(args);
        return pick;
      }
      if (cmd === "report_export") {
        exported += 1;
        throw { code: "io", message_zh: "缺少字体 /usr/share/fonts/x.ttc", message_en: "the font /usr/share/fonts/x.ttc is missing", fields: [] };
      }
    });
    await i18n.changeLanguage("en");
    try {
      renderWithClient(<App><WeeklyReportButton campaignId={7} teamId={3} /></App>);
      fireEvent.click(screen.getByTestId("weekly-report"));
      fireEvent.click(await screen.findByTestId("weekly-report-write"));
      await waitFor(() => expect(screen.getByTestId("weekly-report-write")).not.toHaveClass("ant-btn-loading"));
      expect(exported, "a cancelled dialog writes nothing").toBe(0);
      expect(asked[0], "the team the page was opened for is the default").toMatchObject({ teamId: 3, format: "pdf" });
      pick = { token: "pick-2", names: ["x.pdf"] };
      fireEvent.click(screen.getByTestId("weekly-report-write"));
      expect(await screen.findByTestId("weekly-report-error")).toHaveTextContent("the font /usr/share/fonts/x.ttc is missing");
      expect(exported).toBe(1);
    } finally {
      await i18n.changeLanguage("zh-CN");
    }
  });
});
