// End-to-end: the real rampart-desktop window, driven through tauri-driver and WebKitWebDriver.
// Starts on a fresh database, sees the demo campaign in Chinese, finds a client, edits it,
// restarts the app and sees the edit kept.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Session } from "./webdriver.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = resolve(process.env.RAMPART_APP ?? "target/debug/rampart-desktop");
const ARTIFACTS = resolve("tests/e2e/artifacts");
const db = join(mkdtempSync(join(tmpdir(), "rampart-e2e-")), "rampart.db");

async function openApp() {
  const s = await Session.start(DRIVER, APP, ["--db", db]);
  await s.waitFor("[data-testid=campaign-title]", "the overview opens on the demo campaign", (t) => t.includes("长城计划"));
  return s;
}

async function saveScreenshot(s, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, name), Buffer.from(await s.screenshot(), "base64"));
}

async function searchClients(s, text) {
  await s.click(await s.find("[data-testid=nav-clients]"));
  const search = await s.waitFor("[data-testid=client-search]", "the client table has a search box");
  await s.replaceText(search, text);
  await s.click(await s.find(".ant-input-search-button"));
  await s.waitFor("[data-testid=client-total]", "the search narrows the table", (t) => t.trim() === "共 1 个客户");
}

test("a planner finds a client, edits it, and the edit survives a restart", async () => {
  let s = await openApp();
  try {
    const brand = await s.text(await s.find("[data-testid=brand]"));
    assert.match(brand, /长城计划策划台/, "the UI opens in Chinese by default");
    const theme = await s.text(await s.find("[data-testid=campaign-theme]"));
    assert.equal(theme, "领跑3G信息化，助您事业新境界");
    await saveScreenshot(s, "overview.png");
    await s.click(await s.find("[data-testid=nav-clients]"));
    await s.waitFor("[data-testid=client-total]", "the client table lists the demo's targets", (t) => /共 \d+ 个客户/.test(t));
    await saveScreenshot(s, "clients.png");

    // The demo's first client code is fixed by its seed: KH320310001.
    await searchClients(s, "KH320310001");
    const rows = await s.findAll("[data-testid=client-table] tbody tr.ant-table-row td:nth-child(2)");
    assert.ok(rows.length > 0 && (await s.findAll("[data-testid=client-table] tbody tr.ant-table-row")).length === 1, "exactly the searched client is listed");
    await s.click(rows[0]);
    await s.waitFor("[data-testid=client-detail-title]", "the client detail opens");
    await s.click(await s.find("[data-testid=client-edit]"));
    const keyPerson = await s.waitFor("[data-testid=client-key-person]", "the edit form opens");
    await s.replaceText(keyPerson, "赵新主任");
    await s.click(await s.find("[data-testid=client-save]"));
    await s.waitFor("[data-testid=detail-key-person]", "the detail shows the saved value", (t) => t === "赵新主任");
    await saveScreenshot(s, "client-edited.png");
  } catch (e) {
    await saveScreenshot(s, "failure.png").catch(() => {});
    throw e;
  } finally {
    await s.end();
  }

  s = await openApp();
  try {
    await searchClients(s, "KH320310001");
    await s.click((await s.findAll("[data-testid=client-table] tbody tr.ant-table-row td:nth-child(2)"))[0]);
    const kept = await s.waitFor("[data-testid=detail-key-person]", "the edit is read back from the database", (t) => t === "赵新主任");
    assert.equal(await s.text(kept), "赵新主任", "an edit must survive closing and reopening the app");
  } finally {
    await s.end();
  }
});
