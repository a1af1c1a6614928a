// End-to-end: the real rampart-desktop window, driven through tauri-driver and WebKitWebDriver.
// Starts on the sample database (tests/e2e/sample.mjs), sees the demo campaign in Chinese, finds a client, edits it,
// restarts the app and sees the edit kept.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Session } from "./webdriver.mjs";
import { sampleDatabase } from "./sample.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = resolve(process.env.RAMPART_APP ?? "target/debug/rampart-desktop");
const ARTIFACTS = resolve("tests/e2e/artifacts");
const db = sampleDatabase();

async function openApp() {
  const s = await Session.start(DRIVER, APP, ["--db", db]);
  await s.waitFor("[data-testid=campaign-title]", "the overview opens on the demo campaign", (t) => t.includes("长城计划"));
  return s;
}

async function saveScreenshot(s, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, name), Buffer.from(await s.screenshot(), "base64"));
}

const ROWS = "[data-testid=client-table] tbody tr.ant-table-row";

/** Searches the client table for one code and returns a cell of its row to click. */
async function searchClients(s, code) {
  await s.click(await s.find("[data-testid=nav-clients]"));
  const search = await s.waitFor("[data-testid=client-search]", "the client table has a search box");
  await s.replaceText(search, code);
  await s.click(await s.find(".ant-input-search-button"));
  await s.waitFor("[data-testid=client-total]", "the search narrows the table", (t) => t.trim() === "共 1 个客户");
  await s.waitForAll(ROWS, "exactly the searched client is listed", (n) => n === 1);
  await s.waitFor(`${ROWS} td:nth-child(1)`, `the row left is ${code}`, (t) => t.trim() === code);
  return s.find(`${ROWS} td:nth-child(2)`);
}

test("a planner finds a client, edits it, and the edit survives a restart", async () => {
  let s = await openApp();
  try {
    await s.waitFor("[data-testid=brand]", "the UI opens in Chinese by default", (t) => /长城计划策划台/.test(t));
    await s.waitFor("[data-testid=campaign-theme]", "the demo campaign's theme", (t) => t === "领跑3G信息化，助您事业新境界");
    await saveScreenshot(s, "overview.png");
    await s.click(await s.find("[data-testid=nav-clients]"));
    await s.waitFor("[data-testid=client-total]", "the client table lists the demo's targets", (t) => /共 \d+ 个客户/.test(t));
    await saveScreenshot(s, "clients.png");

    // The demo's first client code is fixed by its seed: KH320310001.
    const row = await searchClients(s, "KH320310001");
    await s.click(row);
    await s.waitFor("[data-testid=client-detail-title]", "the client detail opens", (t) => t.trim().length > 0);
    await s.click(await s.find("[data-testid=client-edit]"));
    const keyPerson = await s.waitFor("[data-testid=client-key-person]", "the edit form opens");
    await s.replaceText(keyPerson, "赵新主任");
    await s.click(await s.find("[data-testid=client-save]"));
    await s.waitFor("[data-testid=detail-key-person]", "the detail shows the saved value", (t) => t === "赵新主任");
    await saveScreenshot(s, "client-edited.png");
  } catch (e) {
    await s.keepEvidence("app-failure");
    throw e;
  } finally {
    await s.end();
  }

  s = await openApp();
  try {
    const row = await searchClients(s, "KH320310001");
    await s.click(row);
    // An edit must survive closing and reopening the app.
    await s.waitFor("[data-testid=detail-key-person]", "the edit is read back from the database", (t) => t === "赵新主任");
  } catch (e) {
    await s.keepEvidence("app-restart-failure");
    throw e;
  } finally {
    await s.end();
  }
});
