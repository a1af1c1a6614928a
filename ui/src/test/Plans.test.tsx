import { describe, expect, it } from "vitest";
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import "../i18n";
import PlanDrawer from "../components/PlanDrawer";
import type { LogEntry } from "../api";
import { people, plan } from "./fixtures";

const entry = (to: string): LogEntry => ({ at: "2026-11-22 09:00", author: "王建国", item: null, field: "goal", from: "", to, detail: {} });

describe("plan drawer", () => {
  it("keeps the log of the last edit when the reload after an earlier edit answers last", async () => {
    // Each edit reloads the plan and its log, and the shell answers commands concurrently.
    let logs = 0;
    const held: ((log: LogEntry[]) => void)[] = [];
    mockIPC((cmd) => {
      if (cmd === "plan_get" || cmd === "plan_goal_save") return plan;
      if (cmd === "plan_log") {
        logs += 1;
        if (logs === 1) return [];
        if (logs === 2) return new Promise((resolve) => held.push(resolve));
        return [entry("第一次修改"), entry("第二次修改")];
      }
    });
    renderWithClient(<App><PlanDrawer planId={plan.id} people={people} onClose={() => {}} /></App>);
    const save = await screen.findByRole("button", { name: "保存目标与团队" });
    fireEvent.click(save);
    await waitFor(() => expect(held.length).toBe(1));
    fireEvent.click(save);
    expect(await screen.findByText(/第二次修改/)).toBeInTheDocument();

    await act(async () => {
      held[0]([entry("第一次修改")]);
      // One macrotask turn drains the late answer's promise chain up to its state updates.
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(screen.queryByText(/第二次修改/), "the reload after the first edit must not replace the newer log").toBeInTheDocument();
  });
});

describe("targets without a plan", () => {
  it("lists only targets without a plan and makes plans for the chosen ones in one step", async () => {
    const queries: Record<string, unknown>[] = [];
    const made: unknown[] = [];
    const row = (id: number, code: string, name: string) => ({
      id, code, name, category: "sme", tier: "B", industry: "", district: "", team_id: null, team: "东区", account_manager_id: null,
      account_manager: "周新", contract_count: 1, monthly_fee: 80000, risks: ["expiring"],
    });
    mockIPC((cmd, args) => {
      if (cmd === "clients_page") {
        queries.push((args as { query: Record<string, unknown> }).query);
        return { total: 2, rows: [row(11, "KH011", "徐州甲公司"), row(12, "KH012", "徐州乙公司")] };
      }
      if (cmd === "plans_create_many") {
        made.push(args);
        return 2;
      }
    });
    const { default: UnplannedTargets } = await import("../components/plans/UnplannedTargets");
    renderWithClient(<App><UnplannedTargets campaignId={1} /></App>);
    expect(await screen.findByText("徐州甲公司")).toBeInTheDocument();
    expect(queries[0], "the core is asked for the plan gap, high-risk first").toMatchObject({ campaign_id: 1, lacking: "plan", risk: "any" });
    const create = screen.getByTestId("unplanned-create");
    expect(create, "nothing chosen, nothing to make").toBeDisabled();
    const boxes = screen.getAllByRole("checkbox");
    fireEvent.click(boxes[0]); // the header box chooses the whole page
    await waitFor(() => expect(create).toBeEnabled());
    expect(create).toHaveTextContent("为所选 2 个客户建方案");
    fireEvent.click(create);
    await waitFor(() => expect(made).toHaveLength(1));
    expect(made[0]).toMatchObject({ campaignId: 1, clientIds: [11, 12] });
  });
});
