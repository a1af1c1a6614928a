import { describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { mockIPC } from "@tauri-apps/api/mocks";
import { App, Button } from "antd";
import { renderWithClient } from "./render";
import i18n from "../i18n";
import Overview from "../pages/Overview";
import { useAwardChanges } from "../queries/awards";
import type { Dashboard, KpiProgress } from "../api";
import { campaign, dashboard, refusal, summary, warningTotals } from "./fixtures";

// ECharts needs a real layout engine; the sparklines' figures are checked through the table.
vi.mock("../components/Chart", () => ({ default: () => null }));

type Handler = (cmd: string, args: Record<string, unknown>) => unknown;

/** The overview on the demo, answering the dashboard with `answer` and anything else with `other`. */
function start(answer: (args: Record<string, unknown>) => Dashboard = () => dashboard, other: Handler = () => undefined, onShowClients = vi.fn()) {
  const asked: Record<string, unknown>[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    if (cmd === "dashboard") {
      asked.push(args);
      return answer(args);
    }
    if (cmd === "campaign_summary") return summary;
    if (cmd === "warning_summary") return warningTotals;
    if (cmd === "teams_list") return campaign.teams;
    return other(cmd, args);
  });
  renderWithClient(<App><Overview campaign={campaign} onShowClients={onShowClients} /></App>);
  return { asked, onShowClients };
}

/** The demo's KPI of goal two counting 移动业务发展 (an achievement metric's quantity). */
const mobile = (d: Dashboard): KpiProgress => {
  const found = d.goals.flatMap((g) => g.kpis).find((k) => k.reading.kpi.name === "移动业务发展");
  if (!found) throw new Error("the demo has a 移动业务发展 KPI");
  return found;
};

/** `d` with the 移动业务发展 figure changed to `value`. */
function withMobile(d: Dashboard, value: number): Dashboard {
  const id = mobile(d).reading.kpi.id;
  return {
    ...d,
    goals: d.goals.map((g) => ({ ...g, kpis: g.kpis.map((k) => (k.reading.kpi.id === id ? { ...k, reading: { ...k.reading, value } } : k)) })),
  };
}

describe("the dashboard on the overview", () => {
  it("shows the demo's progress: days left, KPIs against targets, budgets, plans, warnings, leaders and gaps", async () => {
    await i18n.changeLanguage("zh-CN");
    const { asked } = start();
    expect(await screen.findByTestId("days-left")).toHaveTextContent("39");
    expect(asked[0], "today and the whole campaign by default").toEqual({ campaignId: campaign.id, asOf: null, teamId: null });
    expect(screen.getByTestId("dashboard-calendar")).toHaveTextContent("已进行 53 / 92 天");

    const kpi = mobile(dashboard).reading.kpi;
    const row = screen.getByTestId(`kpi-${kpi.id}`);
    expect(within(row).getByTestId(`kpi-value-${kpi.id}`), "the figure with its unit").toHaveTextContent("4,378 户");
    expect(row, "the target and its direction").toHaveTextContent("≥ 2,000 户");
    expect(within(row).getByTestId(`kpi-status-${kpi.id}`), "4,378 of 2,000 is met").toHaveTextContent("达标");
    const retention = dashboard.goals[0].kpis[0].reading.kpi;
    expect(screen.getByTestId(`kpi-value-${retention.id}`), "rates to one decimal").toHaveTextContent("66.7%");
    expect(screen.getByTestId(`kpi-status-${retention.id}`)).toHaveTextContent("落后");
    const parts = screen.getByTestId("dashboard-parts");
    expect(parts, "each battle with its owner team").toHaveTextContent("宽带保卫战");
    expect(parts).toHaveTextContent("负责：网吧宽频部");

    expect(screen.getByTestId("budget-subsidy"), "money in 元 with two decimals").toHaveTextContent("已用 552,634.73 / 预算 600,000.00 元");
    expect(screen.getByTestId("budget-subsidy")).toHaveTextContent("92.1%");
    expect(screen.queryByTestId("budget-subsidy-over"), "92 % of the budget is not over it").not.toBeInTheDocument();
    expect(screen.getByTestId("budget-incentive")).toHaveTextContent("奖金 132,000.00 / 预算 150,000.00 元");

    expect(screen.getByTestId("plans-overdue-whole"), "the whole campaign's overdue items, last").toHaveTextContent("19");
    expect(screen.getByTestId("dashboard-plans")).toHaveTextContent("合计");
    expect(screen.getByTestId("warnings-open")).toHaveTextContent("62");
    expect(screen.getByTestId("warnings-retention")).toHaveTextContent("66.7%");
    expect(screen.getByTestId("warnings-age-older")).toHaveTextContent("15天以上 62");

    const leaders = screen.getByTestId("dashboard-leaders");
    expect(leaders).toHaveTextContent("存量协议锁定奖");
    expect(leaders, "the team leader of 存量协议锁定奖 and its score").toHaveTextContent("1. 各区、县公司政企客户部 68");
    expect(leaders, "each award's prize cost").toHaveTextContent("28,000.00 元");
    fireEvent.click(within(leaders).getByText("个人"));
    await waitFor(() => expect(leaders, "people's rankings on asking").toHaveTextContent("1. 陈静 22"));

    expect(screen.getByTestId("gap-subsidy")).toHaveTextContent("40");
    expect(screen.getByTestId("gap-plan")).toHaveTextContent("129");
    expect(screen.getByTestId("gap-fibre")).toHaveTextContent("27");
  });

  it("opens the client list on the high-risk targets lacking what was clicked", async () => {
    await i18n.changeLanguage("zh-CN");
    const { onShowClients } = start();
    fireEvent.click(await screen.findByTestId("gap-plan"));
    expect(onShowClients).toHaveBeenCalledWith({ risk: "any", lacking: "plan" });
    fireEvent.click(screen.getByTestId("gap-fibre"));
    expect(onShowClients).toHaveBeenLastCalledWith({ risk: "any", lacking: "fibre" });
  });

  it("asks again for the team and the day the planner picks", async () => {
    await i18n.changeLanguage("zh-CN");
    const team = campaign.teams[1];
    const { asked } = start((args) => ({ ...dashboard, team_id: args.teamId as number | null, team_name: args.teamId ? team.name : null, as_of: (args.asOf as string | null) ?? dashboard.as_of }));
    await screen.findByTestId("days-left");
    fireEvent.mouseDown(within(screen.getByTestId("dashboard-team")).getByRole("combobox"));
    fireEvent.click(await screen.findByTitle(team.name));
    await waitFor(() => expect(asked.at(-1)).toEqual({ campaignId: campaign.id, asOf: null, teamId: team.id }));
    await waitFor(() => expect(screen.getByTestId("dashboard-for")).toHaveTextContent(`${team.name} · 截至 2026-11-22`));

    const date = within(screen.getByTestId("dashboard-as-of").closest(".ant-picker") as HTMLElement).getByRole("textbox");
    fireEvent.mouseDown(date);
    fireEvent.focus(date);
    fireEvent.change(date, { target: { value: "2026-11-15" } });
    fireEvent.keyDown(date, { key: "Enter", code: "Enter", keyCode: 13 });
    await waitFor(() => expect(asked.at(-1), "the picked day, still for the team").toEqual({ campaignId: campaign.id, asOf: "2026-11-15", teamId: team.id }));
    await waitFor(() => expect(screen.getByTestId("dashboard-for")).toHaveTextContent("截至 2026-11-15"));
  });

  it("moves when an achievement is recorded elsewhere on the screen", async () => {
    await i18n.changeLanguage("zh-CN");
    let recorded = 0;
    const before = mobile(dashboard).reading.value ?? 0;
    function Recorder() {
      const { addAchievement } = useAwardChanges(campaign.id);
      const input = { date: "2026-11-22", metric: "mobile_users", team_id: 1, person_id: null, quantity: 5, amount: 0, client_id: null, industry: null, note: "" };
      return <Button onClick={() => addAchievement.mutate(input)}>record</Button>;
    }
    mockIPC((cmd) => {
      if (cmd === "dashboard") return withMobile(dashboard, before + 5 * recorded);
      if (cmd === "achievement_add") return ++recorded;
      if (cmd === "campaign_summary") return summary;
      if (cmd === "teams_list") return campaign.teams;
    });
    renderWithClient(<App><Overview campaign={campaign} /><Recorder /></App>);
    const id = mobile(dashboard).reading.kpi.id;
    expect(await screen.findByTestId(`kpi-value-${id}`)).toHaveTextContent("4,378 户");
    fireEvent.click(screen.getByText("record"));
    await waitFor(() => expect(screen.getByTestId(`kpi-value-${id}`), "the dashboard is asked again after the achievement").toHaveTextContent("4,383 户"));
  });

  it("says what to do when there are no KPIs, awards or warnings", async () => {
    await i18n.changeLanguage("zh-CN");
    const bare: Dashboard = {
      ...dashboard,
      goals: dashboard.goals.map((g) => ({ ...g, kpis: [] })),
      parts: [],
      leaders: [],
      warnings: { open: 0, by_age: dashboard.warnings.by_age.map(([age]) => [age, 0]), open_by_team: [], retained: 0, lost: 0, retention_bp: null },
    };
    start(() => bare);
    expect(await screen.findByTestId("dashboard-no-kpis")).toHaveTextContent("到“目标与策略”页");
    expect(screen.getByTestId("dashboard-leaders")).toHaveTextContent("到“奖项排名”页新建奖项");
    expect(screen.getByTestId("dashboard-warnings")).toHaveTextContent("没有未处理的预警");
  });

  it("shows the core's message when the dashboard cannot be read, and speaks English", async () => {
    await i18n.changeLanguage("en");
    try {
      start(() => {
        throw refusal("database", "数据库暂时不可用", "database unavailable");
      });
      expect(await screen.findByText("database unavailable")).toBeInTheDocument();
    } finally {
      await i18n.changeLanguage("zh-CN");
    }
  });

  it("labels everything in English", async () => {
    await i18n.changeLanguage("en");
    try {
      start();
      expect(await screen.findByText("Days left")).toBeInTheDocument();
      const kpi = mobile(dashboard).reading.kpi;
      expect(screen.getByTestId(`kpi-status-${kpi.id}`)).toHaveTextContent("Met");
      expect(screen.getByTestId("budget-subsidy")).toHaveTextContent("552,634.73 used of 600,000.00 CNY");
      expect(screen.getByTestId("dashboard-gaps")).toHaveTextContent("an account plan");
      expect(screen.getByTestId("warnings-age-older")).toHaveTextContent("15 days or more 62");
    } finally {
      await i18n.changeLanguage("zh-CN");
    }
  });
});
