// End-to-end: a planner opens a 一户一案 plan in the real app, marks an item done, and sees
// the plan's progress rise in the plan and in the list.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Session } from "./webdriver.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = resolve(process.env.RAMPART_APP ?? "target/debug/rampart-desktop");
const db = join(mkdtempSync(join(tmpdir(), "rampart-e2e-")), "rampart.db");

const percent = (text) => Number((text.match(/(\d+)%/) ?? [])[1]);

test("marking an item done raises the plan's progress", async () => {
  const s = await Session.start(DRIVER, APP, ["--db", db]);
  try {
    await s.waitFor("[data-testid=campaign-title]", "the demo campaign opens", (t) => t.includes("长城计划"));
    await s.click(await s.find("[data-testid=nav-plans]"));
    await s.waitFor("[data-testid=plan-table] tbody tr.ant-table-row", "the demo's plans are listed");

    // The first plan that still has an item to finish.
    const rows = await s.findAll("[data-testid=plan-table] tbody tr.ant-table-row");
    let row = null;
    for (const r of rows) {
      if (percent(await s.text(r)) < 100) { row = r; break; }
    }
    assert.ok(row, "some demo plan is not finished");
    const code = (await s.text((await s.findAll("[data-testid=plan-table] tbody tr.ant-table-row td:nth-child(1)"))[rows.indexOf(row)])).trim();
    await s.click((await s.findAll("[data-testid=plan-table] tbody tr.ant-table-row td:nth-child(2)"))[rows.indexOf(row)]);
    const before = percent(await s.text(await s.waitFor("[data-testid=plan-progress]", "the plan opens", (t) => /\d+%/.test(t))));

    // Pick an item that is not done, and choose 已完成 from its status list with the keyboard,
    // as a planner tabbing through the form would.
    const order = ["未开始", "进行中", "已完成", "受阻"];
    const selects = await s.findAll("[data-testid=plan-items] [data-testid^=item-status-] input");
    const labels = await s.findAll("[data-testid=plan-items] [data-testid^=item-status-] .ant-select-selection-item");
    let index = -1;
    let current = "";
    for (let i = 0; i < labels.length; i++) {
      current = (await s.text(labels[i])).trim();
      if (current !== "已完成") { index = i; break; }
    }
    assert.ok(index >= 0, "an item that is not done yet");
    const steps = order.indexOf("已完成") - order.indexOf(current);
    const key = steps >= 0 ? "\uE015" : "\uE013"; // ArrowDown / ArrowUp
    await s.click((await s.findAll("[data-testid=plan-items] [data-testid^=item-status-] .ant-select-selector"))[index]);
    await s.waitFor(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option", "the status choices open");
    await s.settle();
    await s.type(selects[index], key.repeat(Math.abs(steps)) + "\uE007");
    const after = percent(await s.text(await s.waitFor("[data-testid=plan-progress]", "the progress rises", (t) => percent(t) > before)));
    assert.equal(after, before + 20, "one more of five items done is 20 points more");
    await s.waitFor("[data-testid=plan-log]", "the change is in the activity log", (t) => t.includes("→ 已完成"));

    await s.execute("document.querySelector('.ant-drawer-close')?.click()");
    await s.waitFor(`[data-testid=plan-progress-${code}]`, "the list shows the new progress", (t) => percent(t) === after);
  } catch (e) {
    const { writeFileSync, mkdirSync } = await import("node:fs");
    mkdirSync("tests/e2e/artifacts", { recursive: true });
    writeFileSync("tests/e2e/artifacts/plans-failure.png", Buffer.from(await s.screenshot(), "base64"));
    throw e;
  } finally {
    await s.end();
  }
});
