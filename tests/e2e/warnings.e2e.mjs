// End-to-end: an account manager works the broadband warning queue in the real app: the first
// warning still to contact is marked contacted with a note, and the counts move by one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { Session } from "./webdriver.mjs";
import { sampleDatabase } from "./sample.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = resolve(process.env.RAMPART_APP ?? "target/debug/rampart-desktop");
const db = sampleDatabase();

// Each count card reads its title and, once the summary has loaded, its number.
const COUNTS = `return Object.fromEntries(["to_contact", "contacted"].map((status) => {
  const digits = (document.querySelector("[data-testid=warning-count-" + status + "] .ant-statistic-content")?.textContent ?? "").replace(/\\D/g, "");
  return [status, digits === "" ? null : Number(digits)];
}))`;

test("marking a warning contacted moves it along the workflow", async () => {
  const s = await Session.start(DRIVER, APP, ["--db", db]);
  try {
    await s.waitFor("[data-testid=campaign-title]", "the demo campaign opens", (t) => t.includes("长城计划"));
    await s.waitFor("[data-testid=dashboard-warnings]", "the dashboard counts open warnings", (t) => /\d/.test(t) && t.includes("挽留率"));
    await s.click(await s.find("[data-testid=nav-warnings]"));
    await s.waitFor("[data-testid=warning-table] tbody tr.ant-table-row", "the demo's open warnings are listed");
    // The list and the counts load separately: wait for the counts too.
    const { to_contact: toContact, contacted } = await s.waitForScript(COUNTS, "the warning counts load", (c) => c.to_contact !== null && c.contacted !== null);
    assert.ok(toContact > 0, "the demo has warnings still to contact");

    const buttons = await s.findAll("[data-testid=warning-table] button[data-testid$=-contacted]");
    assert.ok(buttons.length > 0, "a warning still to contact offers 已联系");
    await s.click(buttons[0]);
    const note = await s.waitFor("[data-testid=warning-note]", "the note box opens");
    await s.replaceText(note, "已电话联系，约周五上门");
    await s.waitForScript("return document.querySelector('[data-testid=warning-note]').value", "the note is typed", (v) => v === "已电话联系，约周五上门");
    await s.click(await s.find("[data-testid=warning-move-ok]"));
    await s.waitForScript(COUNTS, `one more contacted (${contacted + 1}) and one fewer to contact (${toContact - 1})`,
      (c) => c.contacted === contacted + 1 && c.to_contact === toContact - 1);
  } catch (e) {
    await s.keepEvidence("warnings-failure");
    throw e;
  } finally {
    await s.end();
  }
});
