import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { App } from "antd";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import i18n from "../i18n";
import { AchievementsList } from "../components/awards/AchievementsView";
import type { Achievement, AchievementLogEntry, AchievementQuery, ErrorReport } from "../api";

const metrics: [string, string][] = [["industry_wins", "行业应用突破"], ["mobile_users", "移动业务发展"]];
const teams = [{ id: 1, name: "甲队", active: true }, { id: 2, name: "乙队", active: true }];
const people = [{ id: 7, name: "张三", team_id: 1, team: "甲队", role: "account_manager" as const, is_account_manager: true, active: true }];

const row: Achievement = {
  id: 41, date: "2026-11-03", metric: "industry_wins", team_id: 2, person_id: null, quantity: 3, amount: 123450,
  client_id: null, industry: "教育", note: "", team: "乙队", person: null, client_code: null, client_name: null,
  counted_industry: "教育", source: null,
};
const logged: AchievementLogEntry = {
  id: 1, achievement_id: 41, at: "2026-11-20 09:30:00", author: "王策划", action: "corrected",
  before: { ...row, quantity: 1 }, after: { ...row },
};
const refusal = (field: string, zh: string): ErrorReport =>
  ({ code: "validation", message_zh: zh, message_en: zh, fields: [{ field, message_zh: zh, message_en: zh }] });

type Calls = { lists: AchievementQuery[]; corrected: unknown[]; deleted: number[] };

function start(total: number, answer: (cmd: string) => unknown = () => undefined): Calls {
  const calls: Calls = { lists: [], corrected: [], deleted: [] };
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    const given = answer(cmd);
    if (given instanceof Error) throw JSON.parse(given.message) as ErrorReport;
    if (cmd === "achievements_list") {
      calls.lists.push(a.query as AchievementQuery);
      return { total, rows: total ? [row] : [] };
    }
    if (cmd === "achievement_log") return { total: 1, rows: [logged] };
    if (cmd === "achievement_rules") return { start: "2026-10-01", end: "2026-12-31", metrics, split_metrics: ["industry_wins"], industries: ["教育", "金融"] };
    if (cmd === "achievement_correct") {
      calls.corrected.push(a.input);
      return row;
    }
    if (cmd === "achievement_delete") {
      calls.deleted.push(a.id as number);
      return null;
    }
  });
  renderWithClient(<App><AchievementsList campaignId={1} metrics={metrics} people={people} teams={teams} /></App>);
  return calls;
}

describe("achievements view", () => {
  it("lists achievements in 元 with two decimals, pages by offset and shows the log", async () => {
    const calls = start(45);
    expect(await screen.findByText("1,234.50")).toBeInTheDocument();
    expect(screen.getByText("手填"), "an industry typed without a client is marked").toBeInTheDocument();
    expect(screen.getByText("共 45 条")).toBeInTheDocument();
    expect(screen.getByText("2026-11-03 行业应用突破 · 乙队 · 1 · 1,234.50 元"), "the log shows what it was").toBeInTheDocument();
    fireEvent.click(screen.getByTitle("2"));
    await waitFor(() => expect(calls.lists.at(-1)?.offset).toBe(20));
    expect(calls.lists.at(-1)?.limit).toBe(20);
  });

  it("keeps money, dates and client codes on one line in a table that scrolls sideways", async () => {
    start(1);
    const amount = (await screen.findByText("1,234.50")).closest("td")!;
    expect(amount, "money never breaks inside").toHaveStyle({ whiteSpace: "nowrap" });
    expect(screen.getByText("2026-11-03").closest("td")).toHaveStyle({ whiteSpace: "nowrap" });
    expect(screen.getByText("行业应用突破").closest("td"), "long text ends in an ellipsis").toHaveClass("ant-table-cell-ellipsis");
    expect(screen.getByTestId("achievements-table").querySelector(".ant-table-content"), "narrow windows scroll the table").toHaveStyle({ overflowX: "auto" });
  });

  it("writes the person's team in the language's own parentheses and the amount with separators", async () => {
    await i18n.changeLanguage("en");
    try {
      start(1);
      fireEvent.click(await screen.findByRole("button", { name: "Edit" }));
      const dialog = await screen.findByRole("dialog");
      expect(within(dialog).getByDisplayValue("1,234.50"), "the amount is typed as the table shows it").toBeInTheDocument();
      fireEvent.mouseDown(within(within(dialog).getByTestId("achievement-person")).getByRole("combobox"));
      expect(await screen.findByText("张三 (甲队)", { selector: ".ant-select-item-option-content" })).toBeInTheDocument();
    } finally {
      await i18n.changeLanguage("zh-CN");
    }
  });

  it("explains what to do when nothing is recorded", async () => {
    start(0);
    expect(await screen.findByText(/还没有登记业绩/)).toBeInTheDocument();
  });

  it("corrects with the same fields as adding and shows a refusal on its field", async () => {
    let refuse = true;
    const calls = start(1, (cmd) =>
      cmd === "achievement_correct" && refuse ? new Error(JSON.stringify(refusal("industry", "与客户的行业（金融）不一致"))) : undefined);
    fireEvent.click(await screen.findByRole("button", { name: "编辑" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByTestId("achievement-industry"), "no client: the industry field shows").toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole("button", { name: /保\s*存/ }));
    expect(await within(dialog).findByText("与客户的行业（金融）不一致")).toBeInTheDocument();
    refuse = false;
    fireEvent.click(within(dialog).getByRole("button", { name: /保\s*存/ }));
    await waitFor(() => expect(calls.corrected).toHaveLength(1));
    expect(calls.corrected[0]).toMatchObject({ date: "2026-11-03", metric: "industry_wins", team_id: 2, quantity: 3, amount: 123450, industry: "教育" });
  });

  it("deletes after confirmation and says why a locked one cannot be", async () => {
    const locked = refusal("achievement", "计入已锁定的奖项「组织奖」，不能再更正或删除");
    const calls = start(1, (cmd) => (cmd === "achievement_delete" ? new Error(JSON.stringify(locked)) : undefined));
    fireEvent.click(await screen.findByRole("button", { name: "删除" }));
    const confirm = await screen.findByRole("tooltip");
    fireEvent.click(within(confirm).getByRole("button", { name: /删\s*除/ }));
    expect(await screen.findByText(/计入已锁定的奖项「组织奖」/)).toBeInTheDocument();
    expect(calls.deleted).toEqual([]);
  });
});
