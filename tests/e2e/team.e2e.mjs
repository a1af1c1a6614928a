// End-to-end: a district planner connects the real app to a team server (rampart-server on a
// PostgreSQL cluster of its own), moves a plan item through the server, sees their own client's
// key person's phone whole, and disconnects back to the local file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Session, waitFor } from "./webdriver.mjs";
import { emptyDatabase } from "./sample.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = resolve(process.env.RAMPART_APP ?? "target/debug/rampart-desktop");
const SERVER = resolve(process.env.RAMPART_SERVER_BIN ?? "target/debug/rampart-server");

const freePort = () => new Promise((done) => {
  const s = createServer().listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => done(port)); });
});

/** The server on a small sample province; resolves once it listens, with a way to stop it. */
async function startServer() {
  const port = await freePort();
  // Under /tmp itself, not the run's private folder: as root, PostgreSQL runs as the postgres
  // user, which cannot pass through a folder only root may enter.
  // The folder itself becomes the postgres user's.
  const dir = mkdtempSync(join(process.getuid?.() === 0 ? "/tmp" : tmpdir(), "rampart-team-"));
  const child = spawn(SERVER, ["dev", "--dir", dir, "--clients", "200", "--listen", `127.0.0.1:${port}`], { stdio: ["ignore", "pipe", "pipe"] });
  let said = "";
  child.stdout.on("data", (d) => { said += d; });
  child.stderr.on("data", (d) => { said += d; });
  const exited = new Promise((done) => child.on("exit", done));
  // Fails at once if the server stops (no PostgreSQL, a port taken) instead of waiting it out.
  await Promise.race([
    waitFor(async () => said, (s) => s.includes("listening on"), "rampart-server listens", 120000),
    exited.then(() => { throw new Error(`rampart-server stopped: ${said}`); }),
  ]);
  return {
    url: `http://127.0.0.1:${port}`,
    // SIGTERM: the server stops its PostgreSQL before it exits.
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test("a district planner works a plan item through the team server", async () => {
  const server = await startServer();
  const s = await Session.start(DRIVER, APP, ["--db", emptyDatabase()]);
  try {
    await s.click(await s.waitFor("[data-testid=file-menu]", "the app opens on its local file"));
    await s.click(await s.waitFor("[data-testid=file-team]", "the File menu offers the team server"));
    const address = await s.waitFor("[data-testid=team-server]", "the login asks for the server");
    await s.replaceText(address, server.url);
    await s.replaceText(await s.find("[data-testid=team-user]"), "dp01");
    await s.replaceText(await s.find("[data-testid=team-password]"), "rampart2026");
    await s.click(await s.find("[data-testid=team-login-submit]"));
    await s.waitFor("[data-testid=team-account]", "the header names the account", (t) => t.includes("玄武区策划"));
    const before = await s.waitForScript(
      "return [...document.querySelectorAll('[data-testid=team-items] tbody tr.ant-table-row')].map((r) => r.textContent).join('|')",
      "dp01's plan items are listed", (t) => t.includes("玄武"));
    assert.ok(!/秦淮|江宁/.test(before), "no other district's client is listed");

    // The first item still not started goes to 进行中 on the version shown.
    const target = await s.waitForScript(
      "const row = [...document.querySelectorAll('[data-testid=team-items] tbody tr.ant-table-row')].find((r) => r.textContent.includes('未开始')); return row ? row.querySelector('[data-testid^=team-item-status-]').getAttribute('data-testid') : null",
      "an item not started yet", (id) => id !== null);
    await s.click(await s.find(`[data-testid=${target}] .ant-select-selector`));
    await s.click(await s.waitFor(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title=进行中]", "the statuses are offered"));
    await s.waitFor(".ant-message", "the change is saved", (t) => t.includes("已保存"));
    await s.waitForScript(`return document.querySelector("[data-testid=${target}]")?.textContent ?? ""`, "the item shows its new status", (t) => t.includes("进行中"));

    // The team's tracker goes out through the server and, sent back untouched, changes nothing.
    const saved = process.env.RAMPART_SAVE_PATH;
    rmSync(saved, { force: true });
    await s.click(await s.find("[data-testid=team-tracker-export]"));
    await s.waitFor(".ant-message", "the tracker is exported", (t) => t.includes("已导出到"));
    assert.ok(existsSync(saved), "the workbook is written where the planner chose");
    copyFileSync(saved, process.env.RAMPART_PICK_FILES);
    await s.click(await s.find("[data-testid=team-tracker-return]"));
    await s.waitForScript("return document.querySelector('[data-testid=team-tracker-report]')?.textContent ?? ''", "the server checks it",
      (t) => t.includes("没有任何更改"));
    await s.click(await s.find(".ant-modal-footer .ant-btn:not([data-testid=team-tracker-apply])"));

    await s.click(await s.find("[data-testid=team-nav-clients]"));
    await s.click(await s.waitFor("[data-testid=team-clients] tbody tr.ant-table-row td", "dp01's clients are listed"));
    const phone = await s.waitForScript("return document.querySelector('[data-testid=team-phone]')?.textContent ?? ''", "the key person's phone shows", (t) => t.trim().length > 0);
    assert.match(phone, /^1\d{10}$/, "in their own district the phone is whole");

    await s.click(await s.find(".ant-drawer-close"));

    // Their own password changes from the account's menu, only with the current one.
    await s.click(await s.find("[data-testid=team-account]"));
    await s.click(await s.waitFor("[data-testid=team-change-password]", "the account's menu offers a password change"));
    await s.replaceText(await s.waitFor("[data-testid=team-password-current]", "the change asks for the current password"), "not-my-password");
    await s.replaceText(await s.find("[data-testid=team-password-new]"), "玄武新密码2026");
    await s.replaceText(await s.find("[data-testid=team-password-again]"), "玄武新密码2026");
    await s.click(await s.find("[data-testid=team-password-submit]"));
    await s.waitFor(".ant-form-item-explain-error", "a wrong current password is named on its field", (t) => t.includes("不是当前密码"));
    await s.replaceText(await s.find("[data-testid=team-password-current]"), "rampart2026");
    await s.click(await s.find("[data-testid=team-password-submit]"));
    await s.waitForScript("return document.querySelector('.ant-message')?.textContent ?? ''", "the password is changed", (t) => t.includes("密码已修改"));
    await s.click(await s.find("[data-testid=team-leave]"));
    await s.waitFor("[data-testid=file-menu]", "disconnecting goes back to the local file");
  } catch (e) {
    await s.keepEvidence("team-failure");
    throw e;
  } finally {
    await s.end();
    await server.stop();
    // The app's folder is shared by the run's journeys: a failure above must not leave the next
    // start asking for the team server's login.
    rmSync(join(dirname(process.env.RAMPART_DB ?? "."), "team-server.json"), { force: true });
  }
});
