// End-to-end: a planner exports the campaign tracker from the real app, a district team marks
// an item 已完成 in it (edited here at the XML level, as any spreadsheet program would save it),
// and the planner previews and applies the returned file; applying it again finds nothing new.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { Session } from "./webdriver.mjs";
import { sampleDatabase } from "./sample.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = resolve(process.env.RAMPART_APP ?? "target/debug/rampart-desktop");
const db = sampleDatabase();
const saved = process.env.RAMPART_SAVE_PATH;
const returned = process.env.RAMPART_PICK_FILES;

// Marks the first 未开始 plan item 已完成 in the plan sheet (the fourth) and prints its client code.
const EDIT = `
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
zin = zipfile.ZipFile(src)
parts = {n: zin.read(n) for n in zin.namelist()}
xml = parts["xl/worksheets/sheet4.xml"].decode()
m = re.search(r'<c r="H(\\d+)"([^>]*)><is><t>未开始</t></is></c>', xml)
row = m.group(1)
xml = xml[:m.start()] + '<c r="H' + row + '"' + m.group(2) + '><is><t>已完成</t></is></c>' + xml[m.end():]
code = re.search(r'<c r="B' + row + r'"[^>]*><is><t>([^<]+)</t>', xml).group(1)
parts["xl/worksheets/sheet4.xml"] = xml.encode()
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for name in zin.namelist():
        zout.writestr(name, parts[name])
print(code)
`;

test("a tracker goes out, comes back with a change, and is applied once", async () => {
  assert.ok(saved && returned, "run.sh sets where the tracker is saved and picked");
  // Only this file uses these paths; clearing them makes "the tracker was written" mean this run wrote it.
  rmSync(saved, { force: true });
  rmSync(returned, { force: true });
  const s = await Session.start(DRIVER, APP, ["--db", db]);
  try {
    await s.waitFor("[data-testid=campaign-title]", "the demo campaign opens", (t) => t.includes("长城计划"));
    await s.click(await s.find("[data-testid=nav-trackers]"));
    await s.click(await s.waitFor("[data-testid=tracker-export]", "the export button"));
    await s.waitFor("[data-testid=tracker-written]", "the written tracker is listed with its 320 targets", (t) => t.includes("320"));
    assert.ok(existsSync(saved), `the tracker was written to ${saved}`);

    const code = execFileSync("python3", ["-c", EDIT, saved, returned]).toString().trim();
    await s.click(await s.find("[data-testid=tracker-pick]"));
    await s.waitFor("[data-testid=tracker-ready]", "the preview lists one change", (t) => t.includes("1 项改动"));
    await s.waitFor("[data-testid=tracker-changes]", "the change names the client and the new status", (t) => t.includes(code) && t.includes("已完成"));
    await s.click(await s.find("[data-testid=tracker-apply]"));
    await s.click(await s.waitFor("[data-testid=tracker-apply-ok]", "the confirmation"));
    // Applied: the preview is cleared and no error shows (the success toast is gone after 3 s,
    // so the test waits for what stays).
    await s.waitForScript(
      `return { preview: !!document.querySelector("[data-testid=tracker-ready]"),
                error: document.querySelector("[data-testid=tracker-error]")?.textContent ?? null }`,
      "the apply to finish: preview cleared, no error",
      (v) => !v.preview && v.error === null,
    );

    // The same file again: the database already says what it says.
    await s.click(await s.find("[data-testid=tracker-pick]"));
    await s.waitFor(".ant-alert-info", "nothing left to apply", (t) => t.includes("没有需要导回的改动"));
  } catch (e) {
    await s.keepEvidence("tracker-failure");
    throw e;
  } finally {
    await s.end();
  }
});
