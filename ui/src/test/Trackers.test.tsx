import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import i18n from "../i18n";
import Trackers from "../pages/Trackers";
import type { ApplyReport } from "../api";

const problem: ApplyReport = {
  files: ["东区.xlsx"],
  changes: [],
  warning_changes: [],
  visits: [],
  fibre_changes: [],
  achievements: [],
  problems: [{ file: "东区.xlsx", sheet: "一户一案", line: 7, column: "状态", value: "搞定了", message_zh: "不是有效状态，请从下拉列表选择：未开始 / 进行中 / 已完成 / 受阻", message_en: "is not a status" }],
  more_problems: 0,
  ignored: [],
  more_ignored: 0,
  dry_run: true,
  applied: false,
};

const clean: ApplyReport = {
  files: ["东区.xlsx"],
  changes: [{ file: "东区.xlsx", sheet: "一户一案", line: 3, item_id: 11, client_code: "XZ0001", item: "跟踪服务", field: "status", from: "未开始", to: "已完成" }],
  warning_changes: [{ file: "东区.xlsx", sheet: "预警", line: 2, warning_id: 5, contract: "HT2026000012", client_code: "XZ0002", field: "status", from: "to_contact", to: "contacted" }],
  visits: [],
  fibre_changes: [],
  achievements: [],
  problems: [],
  more_problems: 0,
  ignored: [{ file: "东区.xlsx", sheet: "一户一案", line: 4, column: "客户名称", value: "改过的名字", kept: "徐州市公安局" }],
  more_ignored: 0,
  dry_run: true,
  applied: false,
};

describe("returned trackers", () => {
  it("lists a problem with its sheet, row and column and offers no apply", async () => {
    mockIPC((cmd) => {
      if (cmd === "teams_list") return [];
      if (cmd === "tracker_pick_returned") return { token: "pick-1", names: ["东区.xlsx"] };
      if (cmd === "tracker_apply") return problem;
    });
    renderWithClient(<App><Trackers campaignId={1} campaignName="长城计划" /></App>);
    fireEvent.click(screen.getByTestId("tracker-pick"));
    expect(await screen.findByTestId("tracker-problems")).toHaveTextContent("发现 1 个问题");
    expect(screen.getByText("搞定了")).toBeInTheDocument();
    expect(screen.getByText("一户一案")).toBeInTheDocument();
    expect(screen.queryByTestId("tracker-apply")).not.toBeInTheDocument();
  });

  it("previews first, and applies only after confirmation", async () => {
    const calls: { files: string; dryRun: boolean }[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "teams_list") return [];
      if (cmd === "tracker_pick_returned") return { token: "pick-1", names: ["东区.xlsx"] };
      if (cmd === "tracker_apply") {
        const { files, dryRun } = args as { files: string; dryRun: boolean };
        calls.push({ files, dryRun });
        return { ...clean, dry_run: dryRun, applied: !dryRun };
      }
    });
    renderWithClient(<App><Trackers campaignId={1} campaignName="长城计划" /></App>);
    fireEvent.click(screen.getByTestId("tracker-pick"));
    expect(await screen.findByTestId("tracker-ready"), "plan and warning changes are counted apart").toHaveTextContent("一户一案 1 项改动、预警 1 项改动、新增业绩 0 条可以导回");
    expect(screen.getByTestId("tracker-changes")).toHaveTextContent("已完成");
    // A warning moved on the 预警 sheet is listed beside the plan changes, its status in words.
    expect(screen.getByTestId("tracker-warning-changes")).toHaveTextContent("HT2026000012");
    expect(screen.getByTestId("tracker-warning-changes")).toHaveTextContent("待联系");
    expect(screen.getByTestId("tracker-warning-changes")).toHaveTextContent("已联系");
    // An edit to a locked cell is shown as ignored, with its cell and the value kept.
    expect(screen.getByTestId("tracker-ignored")).toHaveTextContent("1 处锁定单元格被修改过");
    expect(screen.getByText("改过的名字")).toBeInTheDocument();
    expect(screen.getByText("徐州市公安局")).toBeInTheDocument();
    // Both steps name the picked files by the shell's token, never by a path.
    expect(calls).toEqual([{ files: "pick-1", dryRun: true }]);
    fireEvent.click(screen.getByTestId("tracker-apply"));
    fireEvent.click(await screen.findByTestId("tracker-apply-ok"));
    await waitFor(() => expect(calls).toEqual([{ files: "pick-1", dryRun: true }, { files: "pick-1", dryRun: false }]));
    expect(await screen.findByText("已导回：一户一案 1 项改动、预警 1 项改动、新增业绩 0 条")).toBeInTheDocument();
  });

  it("reads wholly in English: plan statuses by their code, counts in the right number, a heading per table", async () => {
    const two: ApplyReport = { ...clean, warning_changes: [clean.warning_changes[0], { ...clean.warning_changes[0], field: "note", from: "", to: "约周五上门" }] };
    mockIPC((cmd) => {
      if (cmd === "teams_list") return [];
      if (cmd === "tracker_pick_returned") return { token: "pick-1", names: ["东区.xlsx"] };
      if (cmd === "tracker_apply") return two;
    });
    await i18n.changeLanguage("en");
    try {
      renderWithClient(<App><Trackers campaignId={1} campaignName="长城计划" /></App>);
      fireEvent.click(screen.getByTestId("tracker-pick"));
      expect(await screen.findByTestId("tracker-ready")).toHaveTextContent("1 plan item change, 2 warning changes and 0 new achievements are ready to apply.");
      const plans = screen.getByTestId("tracker-changes");
      // The tracker writes a plan status as its Chinese label; the English UI shows it in English.
      expect(plans, "the plan status reads in English").toHaveTextContent("Not started");
      expect(plans).toHaveTextContent("Done");
      expect(plans, "no Chinese status label is left").not.toHaveTextContent(/未开始|已完成/);
      expect(screen.getByText("1 plan item change (status, dates and notes)")).toBeInTheDocument();
      expect(screen.getByText("2 warning changes (status and note)")).toBeInTheDocument();
      expect(screen.getByTestId("tracker-warning-changes")).toHaveTextContent("To contact");
    } finally {
      await i18n.changeLanguage("zh-CN");
    }
  });

  it("lists the visits and fibre moves a return records, counted only when there are some", async () => {
    const visit = { file: "东区.xlsx", sheet: "待走访", line: 4, client_id: 7, client_code: "XZ0007", client: "徐州市税务局", due: "2026-11-30", visited_on: "2026-11-20", met: "张三 会见 王总", needs: "", competitors: "", next_steps: "", request: null, already_applied: false, corrects: null };
    const service: ApplyReport = {
      ...clean,
      changes: [],
      warning_changes: [],
      ignored: [],
      visits: [visit, { ...visit, line: 5, client_code: "XZ0008", already_applied: true }],
      fibre_changes: [{ file: "东区.xlsx", sheet: "光纤准备", line: 3, client_id: 9, client_code: "XZ0009", client: "徐州市医院", field: "status", from: "to_survey", to: "scheduled" }],
    };
    mockIPC((cmd) => {
      if (cmd === "teams_list") return [];
      if (cmd === "tracker_pick_returned") return { token: "pick-1", names: ["东区.xlsx"] };
      if (cmd === "tracker_apply") return service;
    });
    renderWithClient(<App><Trackers campaignId={1} campaignName="长城计划" /></App>);
    fireEvent.click(screen.getByTestId("tracker-pick"));
    const ready = await screen.findByTestId("tracker-ready");
    expect(ready, "a visit already applied is not counted again").toHaveTextContent("走访 1 次、光纤准备 1 项改动");
    expect(ready).toHaveTextContent("另有 1 次走访此前已导回");
    expect(screen.getByTestId("tracker-visits")).toHaveTextContent("张三 会见 王总");
    expect(screen.getByTestId("tracker-visits"), "only the visits to record are listed").not.toHaveTextContent("XZ0008");
    expect(screen.getByTestId("tracker-fibre-changes"), "statuses read as words").toHaveTextContent("待勘察");
    expect(screen.getByTestId("tracker-fibre-changes")).toHaveTextContent("已排期");
  });
});
