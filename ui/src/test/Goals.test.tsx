import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { App } from "antd";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import "../i18n";
import Goals from "../pages/Goals";
import type { Kpi, KpiReading } from "../api";
import { goals, kpis, metricCatalogue, parts, readings, refusal, scopeChoices, teams } from "./fixtures";

type Calls = { cmd: string; args: Record<string, unknown> }[];

/** The page on the demo's skeleton; `answer` may override a command. Returns the calls made. */
function renderGoals(answer: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined): Calls {
  const calls: Calls = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const own = answer(cmd, args);
    if (own !== undefined) return own;
    if (cmd === "goals_list") return goals;
    if (cmd === "parts_list") return parts;
    if (cmd === "kpis_list") return kpis;
    if (cmd === "kpi_readings") return readings;
    if (cmd === "kpi_metrics") return metricCatalogue;
    if (cmd === "scope_choices") return scopeChoices;
    if (cmd === "metrics_list") return [["locked_agreements", "存量协议锁定"], ["mobile_users", "移动业务发展"], ["industry_wins", "行业应用突破"]];
    if (cmd === "teams_list") return teams;
    return null;
  });
  renderWithClient(<App><Goals campaignId={1} /></App>);
  return calls;
}

/** The row of a KPI in the table of its goal or part. */
function kpiRow(table: string, kpiId: number): HTMLElement {
  const row = screen.getByTestId(table).querySelector<HTMLElement>(`tr[data-row-key="${kpiId}"]`);
  expect(row, `KPI ${kpiId} has a row in ${table}`).not.toBeNull();
  return row!;
}

/**
 * Answers that narrow the demo to one goal or one part (the full page renders nine tables, slow
 * on a busy machine): tests of one editor need only the row they open.
 */
function only(owner: { goal: number } | { part: number }) {
  const mine = (k: Kpi) => JSON.stringify(k.owner) === JSON.stringify(owner);
  return (cmd: string): unknown => {
    if (cmd === "goals_list") return goals.filter((g) => "goal" in owner && g.id === owner.goal);
    if (cmd === "parts_list") return parts.filter((p) => "part" in owner && p.id === owner.part);
    if (cmd === "kpis_list") return kpis.filter(mine);
    if (cmd === "kpi_readings") return readings.filter((r) => mine(r.kpi));
  };
}

/** The open confirmation's OK button. */
function confirmButton(): HTMLElement {
  const buttons = document.querySelectorAll<HTMLElement>(".ant-popconfirm .ant-popconfirm-buttons .ant-btn-primary");
  expect(buttons.length, "a confirmation is open").toBeGreaterThan(0);
  return buttons[buttons.length - 1];
}

describe("goals and strategy", () => {
  it("shows each goal, battle and workstream with its KPIs, figures and status", async () => {
    renderGoals();
    const first = await screen.findByTestId("goal-1");
    expect(first).toHaveTextContent("目的一 存量保持");
    const retention = readings.find((r) => r.kpi.name === "预警合同挽留率" && "goal" in r.kpi.owner)!;
    const row = kpiRow("goal-1-kpis", retention.kpi.id);
    expect(row).toHaveTextContent("预警合同挽留率");
    expect(row, "the target reads with its direction and unit").toHaveTextContent("≥ 90%");
    expect(row, "a rate reads to one decimal, as on the dashboard").toHaveTextContent("66.7%");
    expect(screen.getByTestId(`kpi-status-${retention.kpi.id}`)).toHaveTextContent("落后");
    const locked = kpiRow("goal-1-kpis", readings.find((r) => r.kpi.name === "存量协议锁定")!.kpi.id);
    expect(locked, "an achievement KPI names its achievement metric").toHaveTextContent("业绩数量（存量协议锁定）");
    expect(locked).toHaveTextContent("258 份");

    const battle = screen.getByTestId("part-1");
    expect(battle).toHaveTextContent("宽带保卫战");
    expect(battle, "the owner team shows by name").toHaveTextContent("网吧宽频部");
    expect(screen.getByTestId("part-1-scope")).toHaveTextContent("范围：产品类型：宽带、纯光纤、综合业务（含光纤）");
    expect(screen.getByTestId("part-2-scope"), "an open scope takes every target").toHaveTextContent("全部目标客户");
    expect(within(screen.getByTestId("parts-workstream")).getByText("移动维挽")).toBeInTheDocument();
    expect(within(screen.getByTestId("parts-battle")).queryByText("移动维挽"), "workstreams are listed apart from battles").not.toBeInTheDocument();
  });

  it("offers the seed's defaults when the campaign has no goals or skeleton, and restores them", async () => {
    let restored = false;
    const calls = renderGoals((cmd) => {
      if (cmd === "goals_list" || cmd === "parts_list" || cmd === "kpis_list" || cmd === "kpi_readings") return restored ? undefined : [];
      if (cmd === "skeleton_restore") {
        restored = true;
        return true;
      }
    });
    expect(await screen.findByTestId("goals-empty")).toHaveTextContent("本活动还没有活动目的");
    expect(screen.getByTestId("parts-workstream-empty")).toHaveTextContent("还没有服务维挽专题");
    const buttons = screen.getAllByTestId("skeleton-restore");
    expect(buttons, "one button under the goals, one under the battles").toHaveLength(2);
    fireEvent.click(buttons[0]);
    expect(await screen.findByTestId("goal-1"), "the restored skeleton is read again").toHaveTextContent("目的一 存量保持");
    expect(calls.filter((c) => c.cmd === "skeleton_restore").map((c) => c.args)).toEqual([{ campaignId: 1 }]);
  });

  it("adds a KPI to a goal with the metric's unit and the parameter it needs", async () => {
    const calls = renderGoals((cmd) => (cmd === "kpi_add" ? 99 : only({ goal: 2 })(cmd)));
    fireEvent.click(await screen.findByTestId("goal-2-add-kpi"));
    const dialog = await screen.findByRole("dialog");
    fireEvent.mouseDown(within(within(dialog).getByTestId("kpi-metric")).getByRole("combobox"));
    fireEvent.click(await screen.findByText("业绩金额", { selector: ".ant-select-item-option-content" }));
    await waitFor(() => expect(within(dialog).getByTestId("kpi-unit")).toHaveValue("元"));
    expect(within(dialog).getByTestId("kpi-name"), "an untouched name follows the metric").toHaveValue("业绩金额");
    fireEvent.change(within(dialog).getByTestId("kpi-name"), { target: { value: "移动业务收入" } });
    fireEvent.mouseDown(within(within(dialog).getByTestId("kpi-achievement-metric")).getByRole("combobox"));
    fireEvent.click(await screen.findByText("移动业务发展", { selector: ".ant-select-item-option-content" }));
    fireEvent.change(within(dialog).getByTestId("kpi-target"), { target: { value: "300000" } });
    fireEvent.click(within(dialog).getByTestId("kpi-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "kpi_add")).toBe(true));
    const added = calls.find((c) => c.cmd === "kpi_add")!.args;
    expect(added.owner).toEqual({ goal: 2 });
    expect(added.input).toEqual({
      name: "移动业务收入",
      metric: "achievement_amount",
      parameter: { metric: "mobile_users", days: null },
      target: 300000,
      unit: "元",
      higher_is_better: true,
    });
  });

  it("shows the core's refusal on the field it names", async () => {
    renderGoals((cmd) => {
      if (cmd === "kpi_update") {
        throw refusal("validation", "名称过长", "Name is too long", [{ field: "name", message_zh: "最多 60 个字", message_en: "at most 60 characters" }]);
      }
      return only({ goal: 1 })(cmd);
    });
    fireEvent.click(await screen.findByTestId("kpi-edit-1"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByTestId("kpi-name")).toHaveValue("预警合同挽留率");
    fireEvent.click(within(dialog).getByTestId("kpi-save"));
    expect(await within(dialog).findByText("最多 60 个字")).toBeInTheDocument();
  });

  it("removes a battle only after the planner confirms, warning that its KPIs go with it", async () => {
    const calls = renderGoals(only({ part: 3 }));
    fireEvent.click(await screen.findByTestId("part-3-delete"));
    expect(await screen.findByText("删除“行业应用突击战”？它的关键指标和已填报的数值会一并删除，无法撤销。")).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "part_remove"), "nothing is removed before the confirmation").toBe(false);
    fireEvent.click(confirmButton());
    await waitFor(() => expect(calls.filter((c) => c.cmd === "part_remove").map((c) => c.args)).toEqual([{ id: 3 }]));
  });

  it("takes weekly values for a hand-entered KPI and deletes one", async () => {
    const manual: Kpi = { ...kpis[0], id: 50, name: "客户满意度", metric: "manual", parameter: {}, unit: "分", target: 90 };
    const reading: KpiReading = { kpi: manual, as_of: "2026-11-22", value: 88, status: "at_risk" };
    const calls = renderGoals((cmd) => {
      if (cmd === "kpis_list") return [kpis[0], manual];
      if (cmd === "kpi_readings") return [readings[0], reading];
      if (cmd === "kpi_values") return [["2026-11-15", 88]];
      return only({ goal: 1 })(cmd);
    });
    expect(await screen.findByTestId("kpi-status-50")).toHaveTextContent("有风险");
    expect(screen.queryByTestId("kpi-values-1"), "a computed KPI takes no values").not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId("kpi-values-50"));
    const dialog = await screen.findByRole("dialog");
    expect(await within(dialog).findByText("2026-11-15")).toBeInTheDocument();
    expect(within(dialog).getByText("88 分")).toBeInTheDocument();
    fireEvent.change(within(dialog).getByTestId("values-value"), { target: { value: "91.5" } });
    fireEvent.click(within(dialog).getByTestId("values-add"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "kpi_value_set")).toBe(true));
    const set = calls.find((c) => c.cmd === "kpi_value_set")!.args;
    expect(set.id).toBe(50);
    expect(set.value).toBe(91.5);
    expect(String(set.weekEnd), "the week is sent as its date").toMatch(/^\d{4}-\d{2}-\d{2}$/);

    fireEvent.click(within(dialog).getByRole("button", { name: "删除" }));
    expect(await screen.findByText("删除 2026-11-15 这一周的数值？")).toBeInTheDocument();
    fireEvent.click(confirmButton());
    await waitFor(() => expect(calls.filter((c) => c.cmd === "kpi_value_clear").map((c) => c.args)).toEqual([{ id: 50, weekEnd: "2026-11-15" }]));
  });
});
