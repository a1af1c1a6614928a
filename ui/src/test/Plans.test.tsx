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
