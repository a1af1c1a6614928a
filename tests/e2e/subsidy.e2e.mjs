// End-to-end: a planner raises the fibre-only default rate in the real app; the subsidy page's
// total follows, agrees with the CLI reading the same database, and the history keeps both versions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { Session } from "./webdriver.mjs";
import { sampleDatabase } from "./sample.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = resolve(process.env.RAMPART_APP ?? "target/debug/rampart-desktop");
const CLI = resolve(process.env.RAMPART_CLI ?? "target/debug/rampart");
const db = sampleDatabase();

function cliTotalFen() {
  const out = execFileSync(CLI, ["--db", db, "subsidies", "--campaign", "1", "--json"], { encoding: "utf8" });
  return JSON.parse(out).total_fen;
}

// The total sits in a hidden span (WebDriver reads hidden text as ""), empty until the totals load.
const TOTAL = "return document.querySelector('[data-testid=subsidy-total]')?.textContent ?? ''";
const loaded = (text) => /^\d+$/.test(text);

test("raising a rate in the rules editor changes the subsidy total the app shows", async () => {
  const s = await Session.start(DRIVER, APP, ["--db", db]);
  try {
    await s.waitFor("[data-testid=campaign-title]", "the demo campaign opens", (t) => t.includes("长城计划"));
    await s.click(await s.find("[data-testid=nav-subsidy]"));
    const before = Number(await s.waitForScript(TOTAL, "the subsidy total loads", loaded));
    assert.equal(before, cliTotalFen(), "the app and the CLI compute the same total from the same file");

    await s.click(await s.find("[data-testid=nav-rates]"));
    const fibreDefault = await s.waitFor("[data-testid=rate-default-0]", "the rate table is editable");
    await s.waitForAll(".ant-timeline-item", "the history holds the demo's one version", (n) => n === 1);
    await s.replaceText(fibreDefault, "45");
    await s.waitForScript("return document.querySelector('[data-testid=rates-save]').disabled", "the edit enables saving", (d) => d === false);
    await s.waitFor("[data-testid=rates-preview-change]", "the edit's effect shows before saving", (t) => t.startsWith("+"));
    await s.click(await s.find("[data-testid=rates-save]"));
    await s.click(await s.find("[data-testid=rates-save-confirm]"));
    // The history already lists the first version, so wait for the second, not for any entry.
    await s.waitForAll(".ant-timeline-item", "the previous rules are kept in the history next to the new ones", (n) => n === 2);
    await s.waitFor(".ant-timeline-item", "the newest version is in force at 45%", (t) => t.includes("当前生效") && t.includes("45%"));

    await s.click(await s.find("[data-testid=nav-subsidy]"));
    const after = Number(await s.waitForScript(TOTAL, `a higher fibre rate raises the total above ${before}`, (t) => loaded(t) && Number(t) > before));
    assert.equal(after, cliTotalFen(), "the new total is the one the core computes");
  } catch (e) {
    await s.keepEvidence("subsidy-failure");
    throw e;
  } finally {
    await s.end();
  }
});
