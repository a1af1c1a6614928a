import { describe, expect, it, vi } from "vitest";
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import i18n from "../i18n";
import Rates from "../pages/Rates";
import Subsidy from "../pages/Subsidy";
import Scenarios from "../pages/Scenarios";
import SubsidyDrawer from "../components/SubsidyDrawer";
import type { ClientSubsidy, Page, RuleSet, SubsidyTotals } from "../api";
import { clientSubsidy, page, refusal, rules, subsidyClientsPage, totals } from "./fixtures";


vi.mock("../components/Chart", () => ({ default: () => null }));

describe("subsidy rules editor", () => {
  it("lists uncovered contract types with the English list separator in English", async () => {
    mockIPC((cmd) => {
      if (cmd === "subsidy_rules") return rules;
      if (cmd === "subsidy_history") return [rules];
    });
    await i18n.changeLanguage("en");
    try {
      renderWithClient(<App><Rates campaignId={1} /></App>);
      const note = await screen.findByTestId("uncovered-note");
      expect(note.textContent, "no Chinese enumeration comma in the English UI").not.toMatch(/[、，]/);
      expect(note).toHaveTextContent("Broadband, Mobile contracts have no rule and get no subsidy.");
    } finally {
      await i18n.changeLanguage("zh-CN");
    }
  });

  it("marks a rate out of its range on its cell while editing, and offers no save", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd) => {
      if (cmd === "subsidy_rules") return rules;
      if (cmd === "subsidy_history") return [rules];
      if (cmd === "subsidy_rules_preview")
        throw refusal("validation", "补贴比例表第 1 行默认比例必须在 30% 到 50% 之间", "Rate table row 1: default rate must be between 30% and 50%",
          [{ field: "rates.0.default_bp", message_zh: "必须在 30% 到 50% 之间", message_en: "must be between 30% and 50%" }]);
      if (cmd === "subsidy_rules_save") sent.push(cmd);
    });
    renderWithClient(<App><Rates campaignId={1} /></App>);
    expect(await screen.findByTestId("uncovered-note")).toHaveTextContent("宽带、移动 合同没有规则，不计补贴。");
    const input = await screen.findByTestId("rate-default-0");
    fireEvent.change(input, { target: { value: "60" } });
    fireEvent.blur(input);
    expect(await screen.findByText("必须在 30% 到 50% 之间"), "the cell says what is wrong before any save").toBeInTheDocument();
    expect(screen.getByTestId("rates-save"), "a table the core refuses cannot be saved").toBeDisabled();
    expect(sent).toHaveLength(0);
  });

  it("shows the edit's effect on the total and the budget, and saves only after it is confirmed", async () => {
    const sent: unknown[] = [];
    const totals = (total: number) => ({ total, budget: 1_000_000, clients: 3, contracts: 4, flagged: 0, by_category: [], by_team: [], over_budget: false });
    mockIPC((cmd, args) => {
      if (cmd === "subsidy_rules") return rules;
      if (cmd === "subsidy_history") return [rules];
      if (cmd === "subsidy_rules_preview") return { current: totals(500_000), proposed: totals(523_430) };
      if (cmd === "subsidy_rules_save") {
        sent.push((args as { table: unknown }).table);
        return rules;
      }
    });
    renderWithClient(<App><Rates campaignId={1} /></App>);
    const input = await screen.findByTestId("rate-default-0");
    fireEvent.change(input, { target: { value: "45" } });
    fireEvent.blur(input);
    const change = await screen.findByTestId("rates-preview-change");
    expect(change, "the change in 元 is shown before saving").toHaveTextContent("+234.30");
    expect(screen.getByTestId("rates-preview-budget"), "and the budget's use before → after").toHaveTextContent("50.0% → 52.3%");
    expect(sent, "nothing is saved by previewing").toHaveLength(0);
    fireEvent.click(screen.getByTestId("rates-save"));
    fireEvent.click(await screen.findByTestId("rates-save-confirm"));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect((sent[0] as RuleSet["table"]).rates[0].default_bp).toBe(4500);
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
    // The demo's first two subsidy clients stand in for one of each campaign.
    const [ofFirst, ofSecond] = subsidyClientsPage.rows;
    // Every page asked for campaign 1 is held until the test lets it through.
    const held: ((page: Page<ClientSubsidy>) => void)[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "subsidy_totals") return totals;
      if (cmd === "teams_list") return [];
      if (cmd === "subsidy_clients") {
        const query = (args as { query: { campaign_id: number } }).query;
        if (query.campaign_id === 2) return page([ofSecond]);
        return new Promise((resolve) => held.push(resolve));
      }
    });
    const { rerender } = renderWithClient(<App><Subsidy campaignId={1} /></App>);
    await waitFor(() => expect(held.length).toBeGreaterThan(0));
    rerender(<App><Subsidy campaignId={2} /></App>);
    expect(await screen.findByText(ofSecond.name)).toBeInTheDocument();

    await act(async () => {
      for (const answer of held) answer(page([ofFirst]));
      // One macrotask turn drains the late answers' promise chains up to their state updates.
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(screen.queryByText(ofFirst.name), "campaign 1's late page must not replace campaign 2's").not.toBeInTheDocument();
    expect(screen.getByText(ofSecond.name)).toBeInTheDocument();
  });
});

describe("subsidy explanation", () => {
  it("shows why a contract's subsidy is what it is", async () => {
    mockIPC((cmd) => {
      if (cmd === "subsidy_client") return clientSubsidy;
    });
    renderWithClient(<App><SubsidyDrawer campaignId={1} clientId={subsidyClientsPage.rows[0].client_id} title="测试客户" onClose={() => {}} /></App>);
    // Three contracts: 2,147.62 + 3,999.93 + 1,048.93.
    // The total reads 0.00 until the contracts are answered.
    await waitFor(() => expect(screen.getByTestId("subsidy-client-total")).toHaveTextContent("7,196.48"));
    // The second runs 60 months, past the 36 of the uplift rule.
    fireEvent.click(document.querySelectorAll(".ant-table-row-expand-icon")[1]);
    expect(await screen.findByText("5,194.72 × 55% × (1 + 40%) = 3,999.93")).toBeInTheDocument();
  });
});

describe("scenario comparison", () => {
  it("puts the scenario beside the current plan with the difference", async () => {
    // The scenario raises the first category's subsidy by 280.00.
    const raised = (t: SubsidyTotals): SubsidyTotals => ({
      ...t, total: t.total + 28_000, by_category: t.by_category.map((row, i) => (i === 0 ? { ...row, amount: row.amount + 28_000 } : row)),
    });
    const scenario = { ...rules, id: 9, kind: "scenario" as const, name: "光纤上调" };
    mockIPC((cmd) => {
      if (cmd === "scenarios_list") return [scenario];
      if (cmd === "scenario_compare") return { scenario, current: totals, proposed: raised(totals) };
    });
    renderWithClient(<App><Scenarios campaignId={1} /></App>);
    fireEvent.click(await screen.findByText("光纤上调"));
    await waitFor(() => expect(screen.getAllByText("+280.00").length).toBeGreaterThan(0));
    expect(screen.getByTestId("compare-category")).toHaveTextContent("战略客户");
  });
});
