import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import { planLogText, ruleSetNoteText } from "../history";
import type { LogEntry } from "../api";

const line = (field: string, from: string, to: string, detail: Record<string, string> = {}): LogEntry =>
  ({ at: "2026-11-22 09:00", author: "王建国", item: null, field, from, to, detail });

describe("plan log wording", () => {
  it("words status codes in the reader's language and keeps values as written", async () => {
    const done = line("status", "in_progress", "done", { done_on: "2026-12-10" });
    await i18n.changeLanguage("zh-CN");
    // The wording version 8 stored, so the Chinese view reads as it did.
    expect(planLogText(done, i18n.t), "Chinese reads as the old stored text").toBe("进行中 → 已完成（2026-12-10）");
    expect(planLogText(line("item", "", "added", { title: "上门拜访" }), i18n.t)).toBe("新增：上门拜访");
    await i18n.changeLanguage("en");
    expect(planLogText(done, i18n.t), "English shows English, not stored Chinese").toBe("In progress → Done (2026-12-10)");
    expect(planLogText(line("plan", "deleted", "restored"), i18n.t)).toBe("Plan deleted → Plan restored");
    expect(planLogText(line("due", "2026-12-31", "2026-12-09"), i18n.t), "a changed value is shown as it is").toBe("2026-12-31 → 2026-12-09");
    await i18n.changeLanguage("zh-CN");
  });
});

describe("subsidy rule history wording", () => {
  it("words an adopted scenario in the reader's language and keeps a planner's note as written", async () => {
    const adopted = { event: "adopted_scenario" as const, name: "光纤上调", note: "" };
    await i18n.changeLanguage("zh-CN");
    // The wording version 9 stored, so the Chinese view reads as it did.
    expect(ruleSetNoteText(adopted, i18n.t), "Chinese reads as the old stored text").toBe("采纳方案：光纤上调");
    await i18n.changeLanguage("en");
    expect(ruleSetNoteText(adopted, i18n.t), "English shows English, not stored Chinese").toBe("Adopted scenario: 光纤上调");
    expect(ruleSetNoteText({ event: "adopted", name: "光纤上调", note: "" }, i18n.t)).toBe("Adopted");
    expect(ruleSetNoteText({ event: null, name: "", note: "按省公司口径" }, i18n.t), "a planner's note is shown as written").toBe("按省公司口径");
    expect(ruleSetNoteText({ event: null, name: "", note: "" }, i18n.t), "a plain save says nothing more").toBe("");
    await i18n.changeLanguage("zh-CN");
  });
});
