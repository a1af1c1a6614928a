import { describe, expect, it, vi } from "vitest";
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import "../i18n";
import Rates from "../pages/Rates";
import Subsidy from "../pages/Subsidy";
import Scenarios from "../pages/Scenarios";
import SubsidyDrawer from "../components/SubsidyDrawer";
import type { ClientSubsidy, Page, RuleSet, SubsidyTotals } from "../api";

vi.mock("../components/Chart", () => ({ default: () => null }));

const rules: RuleSet = {
  id: 7,
  campaign_id: 1,
  kind: "current",
  name: "",
  author: "演示数据",
  created_at: "2026-11-22 09:00:00",
  note: "",
  table: {
    rates: [{ product_type: "fiber_only", term_from: 0, term_to: null, min_bp: 3000, default_bp: 4000, max_bp: 5000 }],
    uplifts: [{ term_over: 36, min_bp: 3000, default_bp: 4000, max_bp: 5000 }],
  },
};

describe("subsidy rules editor", () => {
  it("sends the edited table and shows the core's refusal on the offending cell", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "subsidy_rules") return rules;
      if (cmd === "subsidy_history") return [rules];
      if (cmd === "subsidy_rules_save") {
        sent.push((args as { table: unknown }).table);
        throw { code: "validation", message_zh: "补贴比例表第 1 行默认比例必须在 30% 到 50% 之间", message_en: "x",
          fields: [{ field: "rates.0.default_bp", message_zh: "必须在 30% 到 50% 之间", message_en: "must be between 30% and 50%" }] };
      }
    });
    renderWithClient(<App><Rates campaignId={1} /></App>);
    expect(await screen.findByTestId("uncovered-note")).toHaveTextContent("综合业务（含光纤）、宽带、移动 合同没有规则，不计补贴。");
    const input = await screen.findByTestId("rate-default-0");
    fireEvent.change(input, { target: { value: "60" } });
    fireEvent.blur(input);
    await waitFor(() => expect(screen.getByTestId("rates-save")).toBeEnabled());
    fireEvent.click(screen.getByTestId("rates-save"));
    expect(await screen.findByText("必须在 30% 到 50% 之间")).toBeInTheDocument();
    expect(sent).toHaveLength(1);
    expect((sent[0] as RuleSet["table"]).rates[0].default_bp).toBe(6000);
  });
  it("keeps the rates of the campaign it is on when the campaign just left answers last", async () => {
    // The shell runs commands concurrently, so campaign 1's rates can arrive after campaign 2's;
    // shown, they would be saved into campaign 2 by the next Save.
    const held: ((r: RuleSet) => void)[] = [];
    const second: RuleSet = { ...rules, id: 8, campaign_id: 2, table: { ...rules.table, rates: [{ ...rules.table.rates[0], default_bp: 4500 }] } };
    mockIPC((cmd, args) => {
      const campaignId = (args as { campaignId: number }).campaignId;
      if (cmd === "subsidy_rules") return campaignId === 1 ? new Promise((resolve) => held.push(resolve)) : second;
      if (cmd === "subsidy_history") return [campaignId === 1 ? rules : second];
    });
    const { rerender } = renderWithClient(<App><Rates campaignId={1} /></App>);
    await waitFor(() => expect(held.length).toBeGreaterThan(0));
    rerender(<App><Rates campaignId={2} /></App>);
    expect(await screen.findByTestId("rate-default-0")).toHaveValue("45.00");

    await act(async () => {
      for (const answer of held) answer(rules);
      // One macrotask turn drains the late answers' promise chains up to their state updates.
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(screen.getByTestId("rate-default-0"), "campaign 1's late answer must not replace campaign 2's rates").toHaveValue("45.00");
  });
});

describe("subsidy page", () => {
  it("shows the clients of the campaign it is on when the campaign just left answers last", async () => {
    const totals: SubsidyTotals = { total: 0, budget: 0, clients: 1, contracts: 1, flagged: 0, by_category: [], by_team: [], over_budget: false };
    const client = (id: number, name: string): ClientSubsidy =>
      ({ client_id: id, code: `C${id}`, name, category: "sme", team: null, subsidy: 0, contracts: 1, flagged: false });
    // Every page asked for campaign 1 is held until the test lets it through.
    const held: ((page: Page<ClientSubsidy>) => void)[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "subsidy_totals") return totals;
      if (cmd === "teams_list") return [];
      if (cmd === "subsidy_clients") {
        const query = (args as { query: { campaign_id: number } }).query;
        if (query.campaign_id === 2) return { total: 1, rows: [client(2, "第二期客户")] };
        return new Promise((resolve) => held.push(resolve));
      }
    });
    const { rerender } = renderWithClient(<App><Subsidy campaignId={1} /></App>);
    await waitFor(() => expect(held.length).toBeGreaterThan(0));
    rerender(<App><Subsidy campaignId={2} /></App>);
    expect(await screen.findByText("第二期客户")).toBeInTheDocument();

    await act(async () => {
      for (const answer of held) answer({ total: 1, rows: [client(1, "第一期客户")] });
      // One macrotask turn drains the late answers' promise chains up to their state updates.
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(screen.queryByText("第一期客户"), "campaign 1's late page must not replace campaign 2's").not.toBeInTheDocument();
    expect(screen.getByText("第二期客户")).toBeInTheDocument();
  });
});

describe("subsidy explanation", () => {
  it("shows why a contract's subsidy is what it is", async () => {
    mockIPC((cmd) => {
      if (cmd === "subsidy_client")
        return [{
          contract: { id: 1, number: "HT1", product_type: "fiber_only", monthly_fee: 0, dec_fee: 200000, term_months: 48, end_date: null, fiber_to_premises: true },
          line: { base: 200000, rule: rules.table.rates[0], rate_bp: 4000, source: { kind: "default" }, uplift: rules.table.uplifts[0], uplift_bp: 4000, amount: 112000, flag: null },
        }];
    });
    renderWithClient(<App><SubsidyDrawer campaignId={1} clientId={1} title="测试客户" onClose={() => {}} /></App>);
    // The total reads 0.00 until the contracts are answered.
    await waitFor(() => expect(screen.getByTestId("subsidy-client-total")).toHaveTextContent("1,120.00"));
    fireEvent.click(document.querySelector(".ant-table-row-expand-icon")!);
    expect(await screen.findByText("2,000.00 × 40% × (1 + 40%) = 1,120.00")).toBeInTheDocument();
  });
});

describe("scenario comparison", () => {
  it("puts the scenario beside the current plan with the difference", async () => {
    const totals = (amount: number): SubsidyTotals => ({
      total: amount, budget: 100000, clients: 1, contracts: 1, flagged: 0,
      by_category: [{ key: "strategic", amount, clients: 1, contracts: 1 }], by_team: [{ key: "市政企客户部", amount, clients: 1, contracts: 1 }], over_budget: amount > 100000,
    });
    const scenario = { ...rules, id: 9, kind: "scenario" as const, name: "光纤上调" };
    mockIPC((cmd) => {
      if (cmd === "scenarios_list") return [scenario];
      if (cmd === "scenario_compare") return { scenario, current: totals(112000), proposed: totals(140000) };
    });
    renderWithClient(<App><Scenarios campaignId={1} /></App>);
    fireEvent.click(await screen.findByText("光纤上调"));
    await waitFor(() => expect(screen.getAllByText("+280.00").length).toBeGreaterThan(0));
    expect(screen.getByTestId("compare-category")).toHaveTextContent("战略客户");
  });
});
