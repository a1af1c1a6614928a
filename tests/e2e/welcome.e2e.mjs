// End-to-end: a planner starts on an empty database. From the welcome page they make a campaign,
// import a client list and see the clients; or they open the sample campaign, which the banner
// and the window title mark as 示例, and from its banner make a database of their own.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { Session } from "./webdriver.mjs";
import { emptyDatabase } from "./sample.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = resolve(process.env.RAMPART_APP ?? "target/debug/rampart-desktop");
const PICKED = process.env.RAMPART_PICK_FILE;
const SAVE_DB = process.env.RAMPART_DB_SAVE_PATH;
const viaRunSh = { skip: !(PICKED && SAVE_DB) && "run through tests/e2e/run.sh" };

const ROWS = "[data-testid=client-table] tbody tr.ant-table-row";
const LIST =
  "客户编码,客户名称,客户类别,客户等级,团队,客户经理,合同号,产品类型,月费\n" +
  "W001,徐州新起点物流有限公司,中小企业,B,市政企客户部,周新,HTW001,纯光纤,800\n" +
  "W002,徐州云龙区第九中学,校园,A,市政企客户部,周新,HTW002,宽带,1200\n";

/** The page's title, and the native window's as the shell set it (through Tauri's window API). */
async function titles(s) {
  const page = await s.cmd("GET", "/title");
  const native = await s.execute("return window.__TAURI_INTERNALS__.invoke('plugin:window|title', { label: 'main' })");
  return { page, native };
}

/** Imports the picked list through the dialog, checked first and then written. */
async function importList(s) {
  await s.click(await s.waitFor("[data-testid=import-pick]", "the import dialog opens"));
  await s.click(await s.waitFor("[data-testid=import-check]", "the header is found and mapped"));
  await s.waitFor("[data-testid=import-counts]", "the dry run says two new clients would be created", (t) => /新增客户\s*2(?!\d)/.test(t));
  await s.click(await s.find("[data-testid=import-go]"));
  await s.click(await s.waitFor("[data-testid=import-close]", "the import finishes"));
}

test("from the welcome page: a new campaign, then a client list imported into it", viaRunSh, async () => {
  writeFileSync(PICKED, LIST);
  const s = await Session.start(DRIVER, APP, ["--db", emptyDatabase()]);
  try {
    await s.waitFor("[data-testid=welcome]", "an empty database opens on the welcome page", (t) => t.includes("rampart.db"));
    assert.equal(await s.findAll("[data-testid=sample-banner]").then((all) => all.length), 0, "a planner's own database is not the sample");
    await s.click(await s.find("[data-testid=welcome-new]"));
    await s.replaceText(await s.waitFor("[data-testid=new-campaign-name]", "the new-campaign form opens"), "2027 春季攻坚");
    await s.click(await s.find("[data-testid=new-campaign-create]"));
    await s.waitFor("[data-testid=campaign-title]", "the new campaign is shown", (t) => t.includes("2027 春季攻坚"));

    await s.click(await s.find("[data-testid=nav-clients]"));
    // An empty table shows no pager (and so no count), only its empty text.
    await s.waitFor("[data-testid=client-table] .ant-empty-description", "the new campaign has no clients yet", (t) => t.length > 0);
    await s.click(await s.find("[data-testid=import-open]"));
    await importList(s);
    await s.waitFor("[data-testid=client-total]", "the imported clients are the campaign's targets", (t) => t.trim() === "共 2 个客户");
    await s.waitForAll(ROWS, "both imported clients are rows", (n) => n === 2);
    await s.waitFor(`${ROWS} td:nth-child(1)`, "the first imported client is listed by its code", (t) => t.trim() === "W001");
  } catch (e) {
    await s.keepEvidence("welcome-new-failure");
    throw e;
  } finally {
    await s.end();
  }
});

test("from the welcome page: a client list imported before any campaign is listed", viaRunSh, async () => {
  writeFileSync(PICKED, LIST);
  const s = await Session.start(DRIVER, APP, ["--db", emptyDatabase()]);
  try {
    await s.click(await s.waitFor("[data-testid=welcome-import]", "an empty database opens on the welcome page"));
    await importList(s);
    await s.waitFor("[data-testid=client-total]", "the clients are listed without a campaign", (t) => t.trim() === "共 2 个客户");
    await s.waitForAll(ROWS, "both imported clients are rows", (n) => n === 2);
  } catch (e) {
    await s.keepEvidence("welcome-import-failure");
    throw e;
  } finally {
    await s.end();
  }
});

test("from the welcome page: the sample opens marked 示例, and its banner makes a database of one's own", viaRunSh, async () => {
  rmSync(SAVE_DB, { force: true });
  const s = await Session.start(DRIVER, APP, ["--db", emptyDatabase()]);
  try {
    await s.click(await s.waitFor("[data-testid=welcome-sample]", "an empty database opens on the welcome page"));
    await s.waitFor("[data-testid=sample-banner]", "the banner says this is the sample", (t) => t.includes("示例"));
    await s.waitFor("[data-testid=campaign-title]", "the sample's campaign opens", (t) => t.includes("长城计划"));
    const sample = await titles(s);
    assert.match(sample.page, /示例/, `the page title marks the sample: ${JSON.stringify(sample)}`);
    assert.match(sample.native, /示例/, `the window title marks the sample: ${JSON.stringify(sample)}`);

    await s.click(await s.find("[data-testid=sample-new]"));
    await s.waitFor("[data-testid=welcome]", "the new database of one's own opens empty", (t) => t.includes(basename(SAVE_DB)));
    await s.waitFor("[data-testid=db-file-name]", "the header names the new file", (t) => t.trim() === basename(SAVE_DB));
    assert.equal(await s.findAll("[data-testid=sample-banner]").then((all) => all.length), 0, "no banner outside the sample");
    const own = await titles(s);
    assert.ok(!own.page.includes("示例") && !own.native.includes("示例"), `the title no longer says 示例: ${JSON.stringify(own)}`);
    assert.ok(own.native.includes(basename(SAVE_DB)), `the window title names the file: ${JSON.stringify(own)}`);
  } catch (e) {
    await s.keepEvidence("welcome-sample-failure");
    throw e;
  } finally {
    await s.end();
  }
});
