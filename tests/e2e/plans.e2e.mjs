// End-to-end: a planner opens a 一户一案 plan in the real app, marks an item done, and sees
// the plan's progress rise in the plan and in the list.
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { Session } from "./webdriver.mjs";
import { sampleDatabase } from "./sample.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = resolve(process.env.RAMPART_APP ?? "target/debug/rampart-desktop");
const db = sampleDatabase();

const percent = (text) => Number((text.match(/(\d+)%/) ?? [])[1]);

const ROWS = "[data-testid=plan-table] tbody tr.ant-table-row";
// The status choices in the order the select lists them.
const ORDER = ["未开始", "进行中", "已完成", "受阻"];
const STATUSES = `return [...document.querySelectorAll("[data-testid=plan-items] [data-testid^=item-status-]")]
  .map((e) => [e.getAttribute("data-testid"), e.querySelector(".ant-select-selection-item")?.textContent ?? ""])`;

test("marking an item done raises the plan's progress", async () => {
  const s = await Session.start(DRIVER, APP, ["--db", db]);
  try {
    await s.waitFor("[data-testid=campaign-title]", "the demo campaign opens", (t) => t.includes("长城计划"));
    await s.click(await s.find("[data-testid=nav-plans]"));
    // The list arrives in one answer, so once a row is there they all are.
    const rows = await s.waitForAll(ROWS, "the demo's plans are listed", (n) => n > 0);

    // The first plan that still has an item to finish.
    let index = -1;
    for (let i = 0; i < rows.length && index < 0; i++) {
      if (percent(await s.text(rows[i])) < 100) index = i;
    }
    assert.ok(index >= 0, "some demo plan is not finished");
    const code = (await s.text((await s.findAll(`${ROWS} td:nth-child(1)`))[index])).trim();
    await s.click((await s.findAll(`${ROWS} td:nth-child(2)`))[index]);
    await s.waitFor("[data-testid=plan-title]", `the plan of ${code} opens`, (t) => t.includes(code));
    const before = percent(await s.waitForText("[data-testid=plan-progress]", "the plan shows its progress", (t) => /\d+%/.test(t)));

    // Pick an item that is not done, and choose 已完成 from its status list with the keyboard,
    // as a planner tabbing through the form would.
    const statuses = await s.waitForScript(STATUSES, "the plan lists its items with a status each", (l) => l.length > 0 && l.every(([, label]) => ORDER.includes(label)));
    const pending = statuses.find(([, label]) => label !== "已完成");
    assert.ok(pending, "an item that is not done yet");
    const [testId, current] = pending;
    const item = `[data-testid=plan-items] [data-testid=${testId}]`;
    const steps = ORDER.indexOf("已完成") - ORDER.indexOf(current);
    const key = steps >= 0 ? "\uE015" : "\uE013"; // ArrowDown / ArrowUp
    await s.click(await s.find(`${item} .ant-select-selector`));
    // The arrow keys move from the highlighted choice, which the select sets to the current status once open.
    await s.waitFor(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active",
      `the open status list highlights the current status ${current}`, (t) => t.trim() === current);
    await s.settle();
    await s.type(await s.find(`${item} input`), key.repeat(Math.abs(steps)) + "\uE007");
    await s.waitFor(`${item} .ant-select-selection-item`, "the item now reads 已完成", (t) => t.trim() === "已完成");
    const after = percent(await s.waitForText("[data-testid=plan-progress]", `the progress rises from ${before}%`, (t) => percent(t) > before));
    assert.equal(after, before + 20, "one more of five items done is 20 points more");
    await s.waitFor("[data-testid=plan-log] .ant-timeline-item", "the newest log entry is this change", (t) => t.includes(`${current} → 已完成`));

    await s.execute("document.querySelector('.ant-drawer-close')?.click()");
    await s.waitFor(`[data-testid=plan-progress-${code}]`, `the list shows ${after}% for ${code}`, (t) => percent(t) === after);
  } catch (e) {
    await s.keepEvidence("plans-failure");
    throw e;
  } finally {
    await s.end();
  }
});
