import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { App } from "antd";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import "../i18n";
import Service from "../pages/Service";
import type { DueVisit, FibreRow, FibreTeamCount, Page, ServiceStandard, VisitLoad } from "../api";
import visitsDue from "./fixtures/visits_due.json";
import visitsLoad from "./fixtures/visits_load.json";
import fibreList from "./fixtures/fibre_list.json";
import fibreCounts from "./fixtures/fibre_counts.json";
import standardsList from "./fixtures/service_standards_list.json";

const due = visitsDue as Page<DueVisit>;

function renderService(tab: string, handler: (cmd: string, args: Record<string, unknown>) => unknown) {
  window.history.replaceState(null, "", `?area=service&tab=${tab}`);
  mockIPC((cmd, args) => handler(cmd, (args ?? {}) as Record<string, unknown>));
  return renderWithClient(<App><Service campaignId={1} /></App>);
}

describe("service workstreams", () => {
  it("lists the demo's visits due with their overdue days, and records a visit for the visit's client", async () => {
    const recorded: Record<string, unknown>[] = [];
    renderService("visits", (cmd, args) => {
      if (cmd === "visits_due") return due;
      if (cmd === "visits_load") return visitsLoad as VisitLoad[];
      if (cmd === "visit_record") {
        recorded.push(args);
        return null;
      }
    });
    const first = due.rows[0];
    expect(await screen.findAllByText(first.client)).not.toHaveLength(0);
    if (first.overdue) expect(screen.getAllByText(`逾期 ${first.days_overdue} 天`).length).toBeGreaterThan(0);
    fireEvent.click(screen.getAllByTestId("visit-record")[0]);
    fireEvent.change(await screen.findByTestId("visit-met"), { target: { value: "张经理拜访王主任" } });
    fireEvent.click(screen.getByTestId("visit-save"));
    await waitFor(() => expect(recorded).toHaveLength(1));
    expect(recorded[0]).toMatchObject({ campaignId: 1, clientId: first.client_id, input: { met: "张经理拜访王主任" } });
  });

  it("shows fibre preparation by team and asks a reason before 无法覆盖", async () => {
    const moves: unknown[] = [];
    renderService("fibre", (cmd, args) => {
      if (cmd === "fibre_list") return fibreList as Page<FibreRow>;
      if (cmd === "fibre_counts") return fibreCounts as FibreTeamCount[];
      if (cmd === "fibre_set") {
        moves.push(args);
        return (fibreList as Page<FibreRow>).rows[0];
      }
    });
    fireEvent.click((await screen.findAllByTestId("fibre-move"))[0]);
    const status = await screen.findByTestId("fibre-status");
    fireEvent.mouseDown(within(status).getByRole("combobox"));
    fireEvent.click((await screen.findAllByText("无法覆盖")).at(-1)!);
    fireEvent.click(screen.getByTestId("fibre-save"));
    expect(await screen.findByText("请说明无法覆盖的原因"), "the form asks the reason before sending anything").toBeInTheDocument();
    expect(moves).toHaveLength(0);
  });

  it("shows each tier's standard in words", async () => {
    renderService("standards", (cmd) => {
      if (cmd === "service_standards_list") return standardsList as ServiceStandard[];
    });
    expect(await screen.findByText("每 1 个月一次")).toBeInTheDocument();
    expect(screen.getAllByText("2 小时").length).toBeGreaterThan(0);
  });
});
