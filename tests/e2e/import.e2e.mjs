// End-to-end: a planner imports a client list into the demo campaign through the import
// dialog (checked first, then written), finds the new client, and undoes the import.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { Session } from "./webdriver.mjs";
import { sampleDatabase } from "./sample.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = resolve(process.env.RAMPART_APP ?? "target/debug/rampart-desktop");
const PICKED = process.env.RAMPART_PICK_FILE;
const db = sampleDatabase();

const ROWS = "[data-testid=client-table] tbody tr.ant-table-row";

async function search(s, text) {
  await s.replaceText(await s.find("[data-testid=client-search]"), text);
  await s.click(await s.find(".ant-input-search-button"));
}

test("import a list with a title row, find the client, then undo the import", { skip: !PICKED && "run through tests/e2e/run.sh" }, async () => {
  writeFileSync(
    PICKED,
    "\uFEFF长城计划补充客户\n客户编码,客户名称,客户类别,客户等级,客户经理,合同号,产品类型,月费,去年12月费用,协议期限（月）,协议到期日\n" +
      "E2E001,徐州测试物流有限公司,中小企业,B,王建国,HTE2E1,纯光纤,\"1,200.00\",1500元,48,2027/1/15\n",
  );
  const s = await Session.start(DRIVER, APP, ["--db", db]);
  try {
    await s.waitFor("[data-testid=campaign-title]", "the demo campaign opens", (t) => t.includes("长城计划"));
    await s.click(await s.find("[data-testid=nav-clients]"));
    const total = (t) => Number((t.match(/共 (\d+) 个客户/) ?? [])[1]);
    const before = total(await s.waitForText("[data-testid=client-total]", "the client table loads", (t) => total(t) > 0));

    await s.click(await s.find("[data-testid=import-open]"));
    await s.click(await s.waitFor("[data-testid=import-pick]", "the import dialog opens"));
    await s.click(await s.waitFor("[data-testid=import-check]", "the header is found and mapped"));
    await s.waitFor("[data-testid=import-counts]", "the dry run says one new client would be created", (t) => /新增客户\s*1(?!\d)/.test(t));
    await s.click(await s.find("[data-testid=import-go]"));
    await s.click(await s.waitFor("[data-testid=import-close]", "the import finishes"));
    await s.waitFor("[data-testid=client-total]", `the table reloads and counts ${before + 1} clients`, (t) => total(t) === before + 1);

    await search(s, "E2E001");
    await s.waitFor("[data-testid=client-total]", "the search finds the imported client", (t) => t.trim() === "共 1 个客户");
    await s.waitForAll(ROWS, "only the imported client is listed", (n) => n === 1);
    await s.waitFor(`${ROWS} td:nth-child(1)`, "the row is the imported client", (t) => t.trim() === "E2E001");
    await s.click(await s.find(`${ROWS} td:nth-child(2)`));
    await s.waitFor("[data-testid=client-detail-title]", "the imported client opens", (t) => t.includes("徐州测试物流有限公司"));
    await s.waitFor("[data-testid=client-risks]", "an agreement ending 15 days after the campaign is flagged",
      (t) => /协议 2027-01-15 到期，距活动结束 15 天/.test(t));
    await s.execute("document.querySelector('.ant-drawer-close')?.click()");
    await s.waitForAll("[data-testid=client-detail-title]", "the detail closes", (n) => n === 0);

    await s.click(await s.waitFor("[data-testid=import-undo]", "the last import can be undone"));
    await s.click(await s.waitFor(".ant-popconfirm .ant-btn-primary", "the undo asks first"));
    // The button goes once the undo has finished and the table reloaded (a toast would be gone in 3 s).
    await s.waitForAll("[data-testid=import-undo]", "nothing is left to undo", (n) => n === 0);
    await search(s, "E2E001");
    await s.waitFor("[data-testid=client-table] .ant-empty-description", "the undone client is gone", (t) => t.includes("没有符合条件的客户"));
  } catch (e) {
    await s.keepEvidence("import-failure");
    throw e;
  } finally {
    await s.end();
  }
});
