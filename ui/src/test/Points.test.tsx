import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { App } from "antd";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import i18n from "../i18n";
import Points from "../pages/Points";
import { formatCount } from "../format";
import type { Page, MemberRow, PeriodSummary, PointScheme, Statement } from "../api";
import periodsFixture from "./fixtures/points_periods.json";
import membersFixture from "./fixtures/points_members.json";
import schemeFixture from "./fixtures/points_scheme_get.json";
import statementFixture from "./fixtures/points_statement.json";

const periods = periodsFixture as PeriodSummary[];
const scheme = schemeFixture as PointScheme;

function renderPoints(tab: string, handler: (cmd: string, args: Record<string, unknown>) => unknown) {
  window.history.replaceState(null, "", `?area=points&tab=${tab}`);
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    if (cmd === "points_scheme_get") return scheme;
    if (cmd === "points_periods") return periods;
    return handler(cmd, a);
  });
  return renderWithClient(<App><Points campaignId={1} /></App>);
}

describe("loyalty points", () => {
  it("shows each period's 平均赠送 pools with the average and the qualifying count, and recomputes only after confirmation", async () => {
    const computed: unknown[] = [];
    renderPoints("periods", (cmd, args) => {
      if (cmd === "points_compute") {
        computed.push(args);
        return periods[0];
      }
    });
    const pools = await screen.findByTestId("points-pools");
    const first = periods[0].pools[0];
    const row = within(pools).getByText(`在网 ${first.key} 个月`).closest("tr") as HTMLElement;
    expect(row, "the count and the each-gets figure beside the bonus").toHaveTextContent(formatCount(first.qualifying));
    expect(row).toHaveTextContent(formatCount(first.bonus_points));
    expect(within(screen.getByTestId("points-periods")).getByText("已锁定"), "October is locked in the demo").toBeInTheDocument();
    // Only the open period offers a computation; it asks first.
    const buttons = screen.getAllByTestId("points-compute");
    expect(buttons).toHaveLength(1);
    fireEvent.click(buttons[0]);
    fireEvent.click(await screen.findByRole("button", { name: /确\s*定/ }));
    await waitFor(() => expect(computed).toEqual([{ campaignId: 1, period: "2026-11" }]));
  });

  it("lists a period's members with balances and opens a statement that redeems", async () => {
    const redeemed: unknown[] = [];
    renderPoints("members", (cmd, args) => {
      if (cmd === "points_members") return membersFixture as Page<MemberRow>;
      if (cmd === "points_statement") return statementFixture as Statement;
      if (cmd === "points_redeem") {
        redeemed.push(args);
        return statementFixture;
      }
    });
    const first = (membersFixture as Page<MemberRow>).rows[0];
    fireEvent.click(await screen.findByText(first.member));
    const drawer = await screen.findByTestId("points-statement");
    expect(await within(drawer).findByTestId("points-balance")).toHaveTextContent(formatCount((statementFixture as Statement).balance));
    expect(within(drawer).getAllByText("消费积分").length).toBeGreaterThan(0);
    fireEvent.change(within(drawer).getByPlaceholderText("积分"), { target: { value: "100" } });
    fireEvent.change(within(drawer).getByPlaceholderText("兑换内容，例如 话费 20 元"), { target: { value: "话费 10 元" } });
    fireEvent.click(within(drawer).getByTestId("points-redeem"));
    await waitFor(() => expect(redeemed).toHaveLength(1));
    expect(redeemed[0]).toMatchObject({ campaignId: 1, memberId: (statementFixture as Statement).member_id, period: "2026-11", points: 100, reason: "话费 10 元" });
  });

  it("puts the core's problems with the scheme on the band they concern, in English too", async () => {
    await i18n.changeLanguage("en");
    try {
      renderPoints("scheme", (cmd) => {
        if (cmd === "points_scheme_save") {
          throw { code: "validation", message_zh: "有问题", message_en: "problems", fields: [{ field: "tenure_bands.2.from_months", message_zh: "与上一期限段之间有空档", message_en: "leaves a gap after the previous band (which ends at 12 months)" }] };
        }
      });
      expect(await screen.findByText("Tenure bonus")).toBeInTheDocument();
      // The sample scheme's seven bands are in the form (role queries are slow on a form this size).
      await waitFor(() => expect(screen.getByTestId("points-scheme").querySelectorAll("input").length).toBeGreaterThan(20));
      fireEvent.click(screen.getByTestId("points-scheme-save"));
      expect(await screen.findByText("leaves a gap after the previous band (which ends at 12 months)")).toBeInTheDocument();
    } finally {
      await i18n.changeLanguage("zh-CN");
    }
  });
});
