import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { App } from "antd";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import "../i18n";
import Warnings from "../pages/Warnings";
import type { Warning, WarningSummary } from "../api";

const warning: Warning = {
  id: 7,
  contract: "HT2026000012",
  client_id: 3,
  client_code: "KH320310016",
  client: "徐州云龙医院",
  team: "市政企客户部",
  owner_id: 2,
  owner: "李晓明",
  reason: "left",
  previous_period: "2026-10",
  before: { in_network: true, tariff: 50000 },
  period: "2026-11",
  after: { in_network: false, tariff: 50000 },
  raised_on: "2026-11-05",
  status: "contacted",
  contacted_on: "2026-11-06",
  closed_on: null,
  note: "",
  age_days: 17,
  next_statuses: ["retained", "lost"],
};

const summary: WarningSummary = { to_contact: 3, contacted: 1, retained: 3, lost: 1, retention_bp: 7500, open_by_owner: [["李晓明", 4]], open_by_team: [] };

describe("broadband warnings", () => {
  it("shows the evidence and the retention rate, and asks why before marking a warning lost", async () => {
    const moves: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "warnings_list") return [warning];
      if (cmd === "warning_summary") return summary;
      if (cmd === "warning_threshold_get") return 1000;
      if (cmd === "key_person_changes" || cmd === "people_list" || cmd === "teams_list") return [];
      if (cmd === "warning_status") {
        moves.push(args);
        return { ...warning, status: "lost" };
      }
    });
    renderWithClient(<App><Warnings campaignId={1} /></App>);
    const table = await screen.findByTestId("warning-table");
    await waitFor(() => expect(table).toHaveTextContent("2026-10 在网 500.00 → 2026-11 离网 500.00"));
    expect(within(table).getByText("离网")).toBeInTheDocument();
    expect(screen.getByTestId("warning-retention")).toHaveTextContent("75.0%");

    fireEvent.click(screen.getByTestId("warning-7-lost"));
    const ok = await screen.findByTestId("warning-move-ok");
    expect(ok).toBeDisabled();
    expect(screen.getByText("标为已流失时请写明原因")).toBeInTheDocument();
    fireEvent.change(screen.getByTestId("warning-note"), { target: { value: "竞争对手低价" } });
    expect(ok).not.toBeDisabled();
    fireEvent.click(ok);
    await waitFor(() => expect(moves).toEqual([{ id: 7, status: "lost", note: "竞争对手低价" }]));
  });

  it("offers exactly the moves the core sends with each warning, adding none of its own", async () => {
    // A closed warning the core says cannot move (whatever the reason): no buttons, though a
    // copy of the workflow in the UI would offer to reopen it.
    const frozen: Warning = { ...warning, id: 8, status: "lost", next_statuses: [] };
    mockIPC((cmd) => {
      if (cmd === "warnings_list") return [warning, frozen];
      if (cmd === "warning_summary") return summary;
      if (cmd === "warning_threshold_get") return 1000;
      if (cmd === "key_person_changes" || cmd === "people_list" || cmd === "teams_list") return [];
    });
    renderWithClient(<App><Warnings campaignId={1} /></App>);
    expect(await screen.findByTestId("warning-7-retained")).toBeInTheDocument();
    expect(screen.getByTestId("warning-7-lost")).toBeInTheDocument();
    expect(screen.queryByTestId("warning-7-contacted"), "only the core's next statuses are offered").not.toBeInTheDocument();
    expect(screen.queryByTestId("warning-8-contacted"), "the UI offers no move the core did not send").not.toBeInTheDocument();
  });
});
