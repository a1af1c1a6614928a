import { describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { App } from "antd";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import "../i18n";
import Awards from "../pages/Awards";
import AwardEditor from "../components/AwardEditor";
import type { AchievementRules, AwardInput, IncentiveBudget, Standing } from "../api";
import { standings } from "./fixtures";
import i18n from "../i18n";
import { tieReasonText } from "../components/awards/tieText";

vi.mock("../components/Chart", () => ({ default: () => null }));

const rules: AchievementRules = { start: "2026-10-01", end: "2026-12-31", metrics: [], split_metrics: [], industries: [] };

describe("tie-break criteria in the award editor", () => {
  it("reorders, removes and adds criteria and saves them with tier sharing, in order", async () => {
    const saved: { input: AwardInput }[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "award_save") {
        saved.push(args as { input: AwardInput });
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
    const row = (i: number) => within(screen.getByTestId(`tie-break-${i}`));
    expect(row(0).getByText("达成日期较早")).toBeInTheDocument();
    fireEvent.click(row(0).getByRole("button", { name: "下移" }));
    expect(row(0).getByText("客户数较多")).toBeInTheDocument();
    expect(row(1).getByText("达成日期较早")).toBeInTheDocument();
    fireEvent.click(row(2).getByRole("button", { name: "删除" }));
    expect(screen.queryByTestId("tie-break-2")).not.toBeInTheDocument();
    // The removed criterion can be added back, at the end.
    fireEvent.mouseDown(within(screen.getByTestId("tie-break-add")).getByRole("combobox"));
    fireEvent.click(await screen.findByText("金额较高", { selector: ".ant-select-item-option-content" }));
    expect(row(2).getByText("金额较高")).toBeInTheDocument();
    fireEvent.click(row(2).getByRole("button", { name: "上移" }));
    fireEvent.click(screen.getByTestId("shared-tiers"));
    fireEvent.click(screen.getByTestId("award-save"));
    await waitFor(() => expect(done).toBe(true));
    expect(saved[0].input.tie_breaks).toEqual(["more_clients", "higher_amount", "reached_first"]);
    expect(saved[0].input.shared_tiers).toBe(true);
  });
});

describe("standings with ties", () => {
  const demo = standings[0];
  const teams = demo.rankings.find((r) => r.scope === "team" && r.industry === null)!;
  const [leader, second, third, fourth, ...rest] = teams.entries;
  const day = (d: string) => ({ kind: "date" as const, value: `2026-10-${d}` });
  // 2nd has the leader's score but reached it later; 3rd and 4th are equal on everything and
  // straddle the second tier's last place, which may not be shared.
  const standing: Standing = {
    ...demo,
    prize_cost: { per_ranking: 1_400_000, rankings: 1, offered: 1_400_000, paying: 800_000, cost: 1_400_000 },
    rankings: [{
      ...teams,
      entries: [
        { ...leader, figures: { reached_on: "2026-10-12", clients: 3, amount: 0 } },
        { ...second, score: leader.score, rank: 2, gap: 0, tier: "二等奖",
          tie_reason: { criterion: "reached_first", above_id: leader.entrant_id, this: day("19"), above: day("12") } },
        { ...third, score: 9, rank: 3, tier: null, shared: true, contested: ["二等奖", "三等奖"], tie_reason: null },
        { ...fourth, score: 9, rank: 3, tier: null, shared: true, contested: ["二等奖", "三等奖"], tie_reason: null },
        ...rest,
      ],
    }],
  };
  const budget: IncentiveBudget = {
    budget: 1_000_000, as_of: "2026-11-22", total: 1_400_000, remaining: -400_000, over: true,
    awards: [{ award_id: demo.award_id, name: demo.name, cost: standing.prize_cost! }],
  };

  it("shows why equal scores are ordered, shared places, contested tiers, the prize cost and the budget", async () => {
    const setBudget: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "standings_get") return [standing];
      if (cmd === "incentive_budget_get") return budget;
      if (cmd === "incentive_budget_set") {
        setBudget.push(args);
        return null;
      }
      if (cmd === "rank_history" || cmd === "awards_list") return [];
      if (cmd === "achievement_rules") return rules;
      if (cmd === "metrics_list" || cmd === "teams_list" || cmd === "people_list") return [];
    });
    renderWithClient(<App><Awards campaignId={1} /></App>);
    const table = await screen.findByTestId("standings-table");
    expect(table, "the reason says whose date is whose").toHaveTextContent("达成日期较早：上一名 10-12，本队 10-19");
    expect(within(table).getAllByTestId("shared-place")).toHaveLength(2);
    expect(within(table).getAllByText("并列待定：二等奖、三等奖")).toHaveLength(2);
    expect(screen.getByTestId("award-rules")).toHaveTextContent("达成日期较早 → 客户数较多 → 金额较高 → 并列");
    expect(screen.getByTestId("prize-cost")).toHaveTextContent("奖金合计：14,000.00 元（每个排名 14,000.00 元 × 1 个排名 = 14,000.00 元）");
    const card = screen.getByTestId("incentive-budget");
    expect(card).toHaveTextContent("超出预算（元）");
    expect(card).toHaveTextContent("4,000.00");
    expect(within(card).getByRole("spinbutton"), "the budget is typed with separators like the totals").toHaveValue("10,000.00");
    fireEvent.change(within(card).getByRole("spinbutton"), { target: { value: "20000.5" } });
    fireEvent.click(screen.getByTestId("budget-save"));
    await waitFor(() => expect(setBudget).toEqual([{ campaignId: 1, budget: 2_000_050 }]));
  });
});

describe("tie texts", () => {
  const reason = { criterion: "reached_first" as const, above_id: 1, above: { kind: "date" as const, value: "2026-11-26" }, this: { kind: "date" as const, value: "2026-12-02" } };

  it("names whose figure is whose, in both languages", () => {
    expect(tieReasonText(i18n.getFixedT("zh-CN"), reason, "person")).toBe("达成日期较早：上一名 11-26，本人 12-02");
    expect(tieReasonText(i18n.getFixedT("en"), reason, "team")).toBe("Reached first: above 11-26, this team 12-02");
    const clients = { criterion: "more_clients" as const, above_id: 1, above: { kind: "count" as const, value: 5 }, this: { kind: "count" as const, value: 4 } };
    expect(tieReasonText(i18n.getFixedT("en"), clients, "person")).toBe("More clients: above 5, this person 4");
  });
});

describe("an award without tie-break criteria, and entrants on 0", () => {
  const demo = standings[0];
  const teams = demo.rankings.find((r) => r.scope === "team" && r.industry === null)!;
  const [leader, second, third, fourth, fifth] = teams.entries;
  // 2nd and 3rd share a place on a real score; 4th and 5th are on 0 and win nothing.
  const standing: Standing = {
    ...demo,
    tie_breaks: [],
    rankings: [{
      ...teams,
      entries: [
        leader,
        { ...second, score: 7, rank: 2, shared: true, tie_reason: null },
        { ...third, score: 7, rank: 2, shared: true, tie_reason: null },
        { ...fourth, score: 0, rank: 4, tier: null, shared: true, tie_reason: null },
        { ...fifth, score: 0, rank: 4, tier: null, shared: true, tie_reason: null },
      ],
    }],
  };

  it("says equal scores share a place, not that every criterion is equal, and shows no tie on 0", async () => {
    mockIPC((cmd) => {
      if (cmd === "standings_get") return [standing];
      if (cmd === "incentive_budget_get") return null;
      if (cmd === "achievement_rules") return rules;
      if (cmd === "rank_history" || cmd === "awards_list" || cmd === "metrics_list" || cmd === "teams_list" || cmd === "people_list") return [];
    });
    renderWithClient(<App><Awards campaignId={1} /></App>);
    const table = await screen.findByTestId("standings-table");
    const rules = screen.getByTestId("award-rules");
    expect(rules, "the editor's own words for no criteria").toHaveTextContent(/^不区分：得分相同即并列 · /);
    expect(rules).not.toHaveTextContent("并列处理顺序");
    expect(table).not.toHaveTextContent("各条件均相同");
    expect(within(table).getAllByTestId("shared-place"), "only the two on 7 are tagged shared").toHaveLength(2);
    const row = (name: string) => within(table).getByText(name).closest("tr")!;
    expect(row(second.name)).toHaveTextContent(/并列$/);
    for (const zero of [fourth, fifth]) {
      expect(within(row(zero.name)).queryByTestId("shared-place"), `${zero.name} is on 0 and wins nothing`).toBeNull();
      expect(within(row(zero.name)).getByTestId("no-tie")).toHaveTextContent("—");
    }
  });
});
