import { describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import "../i18n";
import Awards from "../pages/Awards";
import type { AchievementReport, AchievementRules, Standing } from "../api";
import { standings } from "./fixtures";

vi.mock("../components/Chart", () => ({ default: () => null }));

// The demo's first award, locked, with a tie the demo lacks: the runner-up reaches the leader's
// score and the core would then rank both first.
const demo = standings[0];
const teams = demo.rankings.find((r) => r.scope === "team" && r.industry === null)!;
const [leader, runnerUp, third, ...rest] = teams.entries;
const standing: Standing = {
  ...demo,
  locked: { at: "2027-01-05 10:00:00", by: "李主管" },
  rankings: [{
    ...teams,
    entries: [leader, { ...runnerUp, score: leader.score, rank: 1, gap: 0 }, { ...third, gap: leader.score - third.score }, ...rest],
  }],
};

// What the page's side queries answer: no budget set, and the campaign's dates.
const rules: AchievementRules = { start: "2026-10-01", end: "2026-12-31", metrics: [], split_metrics: [], industries: [] };

describe("leaderboard", () => {
  it("shows the podium, shared ranks, the gap and who locked the results", async () => {
    mockIPC((cmd) => {
      if (cmd === "standings_get") return [standing];
      if (cmd === "rank_history" || cmd === "awards_list") return [];
      if (cmd === "incentive_budget_get") return null;
      if (cmd === "achievement_rules") return rules;
      if (cmd === "metrics_list" || cmd === "teams_list" || cmd === "people_list") return [];
    });
    renderWithClient(<App><Awards campaignId={1} /></App>);
    expect(await screen.findByText("结果已于 2027-01-05 10:00:00 由 李主管 锁定，不再变化")).toBeInTheDocument();
    expect(screen.getAllByText(`第 1 名 · ${leader.score}`)).toHaveLength(2);
    const table = screen.getByTestId("standings-table");
    expect(table).toHaveTextContent(third.name);
    expect(table).toHaveTextContent(String(leader.score - third.score));
    expect(screen.queryByText("锁定结果")).not.toBeInTheDocument();
  });
});

describe("award editor", () => {
  it("saves a new single award with its metric, tiers and tie-break", async () => {
    const { default: AwardEditor } = await import("../components/AwardEditor");
    const { fireEvent, waitFor } = await import("@testing-library/react");
    const saved: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "award_save") {
        saved.push(args);
        return 9;
      }
    });
    let done = false;
    renderWithClient(
      <App>
        <AwardEditor campaignId={1} award={null} awards={[]} metrics={[["mobile_users", "移动业务发展"]]} teams={[]} people={[]}
          onClose={() => {}} onSaved={() => { done = true; }} />
      </App>,
    );
    fireEvent.change(await screen.findByTestId("award-name"), { target: { value: "移动业务发展规模奖" } });
    fireEvent.click(screen.getByTestId("award-save"));
    await waitFor(() => expect(done).toBe(true));
    const input = (saved[0] as { input: { name: string; kind: string; tiers: { name: string; places: number }[] } }).input;
    expect(input.name).toBe("移动业务发展规模奖");
    expect(input.kind).toBe("single");
    expect(input.tiers.map((x) => [x.name, x.places])).toEqual([["一等奖", 1], ["二等奖", 2], ["三等奖", 3]]);
  });
});

describe("achievements import", () => {
  const report = (problems: AchievementReport["problems"], dryRun: boolean): AchievementReport =>
    ({ file: "业绩.xlsx", sheet: "业绩", header_line: 1, rows: 2, added: 2, problems, dry_run: dryRun, written: !dryRun });

  function start(problems: AchievementReport["problems"]) {
    const runs: boolean[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "standings_get" || cmd === "awards_list" || cmd === "metrics_list" || cmd === "teams_list" || cmd === "people_list") return [];
      if (cmd === "incentive_budget_get") return null;
      if (cmd === "achievement_rules") return rules;
      if (cmd === "import_pick_file") return { token: "pick-7", names: ["业绩.xlsx"] };
      if (cmd === "achievements_import") {
        const { file, dryRun } = args as { file: string; dryRun: boolean };
        expect(file, "both steps send the picked token").toBe("pick-7");
        runs.push(dryRun);
        return report(problems, dryRun);
      }
    });
    renderWithClient(<App><Awards campaignId={1} /></App>);
    fireEvent.click(screen.getByTestId("achievements-import"));
    return runs;
  }

  it("shows the problems of the checked file and cannot apply it", async () => {
    const runs = start([{ line: 3, column: "数量", value: "十", message_zh: "不是数字", message_en: "not a number" }]);
    expect(await screen.findByText("不是数字")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "开始导入" }), "a file with problems cannot be applied").toBeDisabled();
    expect(runs).toEqual([true]);
  });

  it("applies a clean file only after the check, by the same token", async () => {
    const runs = start([]);
    const go = await screen.findByRole("button", { name: "开始导入" });
    expect(runs, "picking checks without writing").toEqual([true]);
    fireEvent.click(go);
    await waitFor(() => expect(runs).toEqual([true, false]));
  });
});
