// End-to-end: an account manager records a visit due this period on the 服务 page of the real
// app, and the list of visits due shrinks by exactly that one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { Session } from "./webdriver.mjs";
import { sampleDatabase } from "./sample.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = resolve(process.env.RAMPART_APP ?? "target/debug/rampart-desktop");
const db = sampleDatabase();

const TOTAL = `const text = document.querySelector("[data-testid=service-page] .ant-pagination-total-text")?.textContent ?? "";
  const digits = text.replace(/\\D/g, ""); return digits === "" ? null : Number(digits);`;
// The first row due this period by the tier's schedule (not overdue, not asked for): a visit
// today meets exactly it.
const CURRENT_ROW = `const rows = [...document.querySelectorAll("[data-testid=service-page] tbody tr.ant-table-row")];
  return rows.findIndex((r) => r.textContent.includes("待走访") && r.textContent.includes("按星级排期"));`;

const FIRST_ROW = `return document.querySelector("[data-testid=service-page] tbody tr.ant-table-row")?.textContent ?? "";`;

test("recording a visit due this period takes it off the list", async () => {
  const s = await Session.start(DRIVER, APP, ["--db", db]);
  try {
    await s.waitFor("[data-testid=campaign-title]", "the demo campaign opens", (t) => t.includes("长城计划"));
    await s.click(await s.find("[data-testid=nav-service]"));
    await s.waitFor("[data-testid=service-page] tbody tr.ant-table-row", "the demo's visits due are listed");
    const total = await s.waitForScript(TOTAL, "the total of visits due shows", (n) => n !== null && n > 0);
    // Overdue visits come first, and how many there are depends on the day the sample was made:
    // page on until a visit due this period shows.
    let index = await s.execute(CURRENT_ROW);
    for (let page = 1; index < 0 && page < 40; page++) {
      const first = await s.execute(FIRST_ROW);
      const next = await s.find("[data-testid=service-page] .ant-pagination-next:not(.ant-pagination-disabled)");
      await s.click(next);
      await s.waitForScript(FIRST_ROW, `page ${page + 1} of visits due`, (text) => text !== first);
      index = await s.execute(CURRENT_ROW);
    }
    assert.ok(index >= 0, "some visit is due this period in the sample");
    const buttons = await s.findAll("[data-testid=visit-record]");
    await s.click(buttons[index]);
    const met = await s.waitFor("[data-testid=visit-met]", "the visit form opens");
    await s.replaceText(met, "客户经理拜访信息中心主任");
    await s.click(await s.find("[data-testid=visit-save]"));
    await s.waitForScript(TOTAL, `one visit fewer due (${total - 1})`, (n) => n === total - 1);
    assert.ok(true);
  } catch (e) {
    await s.keepEvidence("service-failure");
    throw e;
  } finally {
    await s.end();
  }
});
