import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { App } from "antd";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import "../i18n";
import Warnings from "../pages/Warnings";
import type { KeyPersonChange, Warning } from "../api";
import { warnings, warningTotals } from "./fixtures";

// The demo's first warning of a client who left the network and has not been contacted yet.
const warning: Warning = warnings.find((w) => w.reason === "left" && w.status === "to_contact")!;

describe("broadband warnings", () => {
  it("shows the evidence and the retention rate, and asks why before marking a warning lost", async () => {
    const moves: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "warnings_list") return [warning];
      if (cmd === "warning_summary") return warningTotals;
      if (cmd === "warning_threshold_get") return 1000;
      if (cmd === "key_person_changes" || cmd === "people_list" || cmd === "teams_list") return [];
      if (cmd === "warning_status") {
        moves.push(args);
        return { ...warning, status: "lost" };
      }
    });
    renderWithClient(<App><Warnings campaignId={1} /></App>);
    const table = await screen.findByTestId("warning-table");
    await waitFor(() => expect(table, "money in the evidence carries its unit, as on the tracker's 预警 sheet").toHaveTextContent("2026-10 在网 2,120.00 元 → 2026-11 离网 2,120.00 元"));
    expect(within(table).getByText("离网")).toBeInTheDocument();
    expect(screen.getByTestId("warning-retention")).toHaveTextContent("66.7%");

    fireEvent.click(screen.getByTestId(`warning-${warning.id}-lost`));
    const ok = await screen.findByTestId("warning-move-ok");
    expect(ok).toBeDisabled();
    expect(screen.getByText("标为已流失时请写明原因")).toBeInTheDocument();
    fireEvent.change(screen.getByTestId("warning-note"), { target: { value: "竞争对手低价" } });
    expect(ok).not.toBeDisabled();
    fireEvent.click(ok);
    await waitFor(() => expect(moves).toEqual([{ id: warning.id, status: "lost", note: "竞争对手低价" }]));
  });

  it("offers exactly the moves the core sends with each warning, adding none of its own", async () => {
    // The core's answer decides the moves: a contacted warning may be retained or lost, and a
    // closed one the core says cannot move (whatever the reason) gets no buttons, though a copy
    // of the workflow in the UI would offer to reopen it.
    const moving: Warning = { ...warning, status: "contacted", next_statuses: ["retained", "lost"] };
    const frozen: Warning = { ...warning, id: warning.id + 1000, status: "lost", next_statuses: [] };
    mockIPC((cmd) => {
      if (cmd === "warnings_list") return [moving, frozen];
      if (cmd === "warning_summary") return warningTotals;
      if (cmd === "warning_threshold_get") return 1000;
      if (cmd === "key_person_changes" || cmd === "people_list" || cmd === "teams_list") return [];
    });
    renderWithClient(<App><Warnings campaignId={1} /></App>);
    expect(await screen.findByTestId(`warning-${moving.id}-retained`)).toBeInTheDocument();
    expect(screen.getByTestId(`warning-${moving.id}-lost`)).toBeInTheDocument();
    expect(screen.queryByTestId(`warning-${moving.id}-contacted`), "only the core's next statuses are offered").not.toBeInTheDocument();
    expect(screen.queryByTestId(`warning-${frozen.id}-contacted`), "the UI offers no move the core did not send").not.toBeInTheDocument();
  });

  it("says which comparison raised a fall, and saves the erosion basis and window", async () => {
    const peak: Warning = {
      ...warning, id: 9001, reason: "downgrade", comparison: "peak", previous_period: "2026-08",
      before: { in_network: true, tariff: 50_000 }, period: "2026-11", after: { in_network: true, tariff: 41_500 },
    };
    const fee: Warning = { ...peak, id: 9002, comparison: "baseline", previous_period: null };
    const saved: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "warnings_list") return [peak, fee];
      if (cmd === "warning_summary") return warningTotals;
      if (cmd === "warning_threshold_get") return 1000;
      if (cmd === "warning_erosion_get") return { basis: "peak", window_months: 6 };
      if (cmd === "warning_erosion_save") {
        saved.push(args);
        return null;
      }
      if (cmd === "key_person_changes" || cmd === "people_list" || cmd === "teams_list") return [];
    });
    renderWithClient(<App><Warnings campaignId={1} /></App>);
    const table = await screen.findByTestId("warning-table");
    await waitFor(() => expect(table).toHaveTextContent("较近期最高 2026-08 500.00 元 → 2026-11 415.00 元"));
    expect(table, "the contract's fee has no period: the evidence names it instead").toHaveTextContent("较合同资费 500.00 元 → 2026-11 415.00 元");

    const window = await screen.findByTestId("warning-erosion-window");
    const input = window.querySelector("input") ?? window;
    fireEvent.change(input, { target: { value: "3" } });
    fireEvent.blur(input, { target: { value: "3" } });
    await waitFor(() => expect(saved).toEqual([{ campaignId: 1, settings: { basis: "peak", window_months: 3 } }]));
  });

  it("lists each key-person change with where it came from", async () => {
    const change: KeyPersonChange = {
      id: 1, client_id: 7, client_code: "KP1", client: "关键人客户", owner: null, changed_on: "2026-11-20",
      old_name: "钱主任", old_phone: "", new_name: "孙主任", new_phone: "", note: "客户清单.xlsx", source: "import", author: "王策划",
    };
    mockIPC((cmd) => {
      if (cmd === "warnings_list") return [];
      if (cmd === "warning_summary") return warningTotals;
      if (cmd === "warning_threshold_get") return 1000;
      if (cmd === "key_person_changes") return [change];
      if (cmd === "people_list" || cmd === "teams_list") return [];
    });
    renderWithClient(<App><Warnings campaignId={1} /></App>);
    const tag = await screen.findByText("客户导入");
    expect(tag, "the author is one hover away").toHaveAttribute("title", "王策划");
    expect(screen.getByText("孙主任", { exact: false })).toBeInTheDocument();
    const note = screen.getByText("客户清单.xlsx");
    expect(note.closest(".ant-table-cell-ellipsis"), "the note is read in full: it wraps rather than ending in an ellipsis").toBeNull();
  });
});

