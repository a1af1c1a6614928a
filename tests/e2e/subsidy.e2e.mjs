// End-to-end: a planner raises the fibre-only default rate in the real app; the subsidy page's
// total follows, agrees with the CLI reading the same database, and the history keeps both versions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Session } from "./webdriver.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = resolve(process.env.RAMPART_APP ?? "target/debug/rampart-desktop");
const CLI = resolve(process.env.RAMPART_CLI ?? "target/debug/rampart");
const db = join(mkdtempSync(join(tmpdir(), "rampart-e2e-")), "rampart.db");

function cliTotalFen() {
  const out = execFileSync(CLI, ["--db", db, "subsidies", "--campaign", "1", "--json"], { encoding: "utf8" });
  return JSON.parse(out).total_fen;
}

async function uiTotalFen(s) {
  return Number(await s.execute("return document.querySelector('[data-testid=subsidy-total]').textContent"));
}

test("raising a rate in the rules editor changes the subsidy total the app shows", async () => {
  const s = await Session.start(DRIVER, APP, ["--db", db]);
  try {
    await s.waitFor("[data-testid=campaign-title]", "the demo campaign opens", (t) => t.includes("长城计划"));
    await s.click(await s.find("[data-testid=nav-subsidy]"));
    await s.waitFor("[data-testid=subsidy-table] tbody tr.ant-table-row", "the subsidy list fills");
    const before = await uiTotalFen(s);
    assert.equal(before, cliTotalFen(), "the app and the CLI compute the same total from the same file");

    await s.click(await s.find("[data-testid=nav-rates]"));
    const fibreDefault = await s.waitFor("[data-testid=rate-default-0]", "the rate table is editable");
    await s.replaceText(fibreDefault, "45");
    await s.click(await s.find("[data-testid=rates-save]"));
    await s.waitFor(".ant-timeline-item", "the history lists the new version", () => true);
    const versions = await s.findAll(".ant-timeline-item");
    assert.equal(versions.length, 2, "the previous rules are kept in the history");

    await s.click(await s.find("[data-testid=nav-subsidy]"));
    await s.waitFor("[data-testid=subsidy-table] tbody tr.ant-table-row", "the subsidy list fills again");
    let after = before;
    for (let i = 0; i < 20 && after === before; i++) {
      await new Promise((r) => setTimeout(r, 250));
      after = await uiTotalFen(s);
    }
    assert.ok(after > before, `a higher fibre rate raises the total (${before} → ${after})`);
    assert.equal(after, cliTotalFen(), "the new total is the one the core computes");
  } finally {
    await s.end();
  }
});
