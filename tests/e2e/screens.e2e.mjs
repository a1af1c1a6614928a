// Every page of the app as a planner sees it, photographed into tests/e2e/artifacts/screens/: at
// 1280×800 in Chinese and in English, and at the 960×600 minimum in Chinese. In English the
// app's own words (menu, headers, labels, buttons, tabs, placeholders) must hold no Chinese:
// what stays Chinese there is the planner's data (client and team names), never the interface.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Session, waitFor } from "./webdriver.mjs";
import { emptyDatabase, sampleDatabase } from "./sample.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = resolve(process.env.RAMPART_APP ?? "target/debug/rampart-desktop");
const SHOTS = resolve("tests/e2e/artifacts/screens");
const AREAS = ["overview", "goals", "clients", "subsidy", "rates", "scenarios", "plans", "awards", "trackers", "warnings", "service", "points", "organisation"];
const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

// The interface's own words on screen, each with where it was found.
const CHROME_TEXT = `
  const picks = [
    [".ant-menu-title-content", "menu"], ["th", "header"], [".ant-form-item-label", "label"],
    [".ant-tabs-tab", "tab"], [".ant-statistic-title", "statistic"], [".ant-card-head-title", "card"],
    ["button", "button"], [".ant-empty-description", "empty"], [".ant-segmented-item-label", "switch"],
  ];
  const out = [];
  for (const [css, kind] of picks) for (const el of document.querySelectorAll(css)) {
    if (el.closest("[data-user-text]")) continue;
    // The planner's own data inside (a campaign's or goal's name) is not the interface's wording.
    const clone = el.cloneNode(true);
    clone.querySelectorAll("[data-user-text]").forEach((n) => n.remove());
    const text = clone.textContent.trim();
    if (text) out.push(kind + ": " + text.replace(/\\s+/g, " ").slice(0, 80));
  }
  for (const el of document.querySelectorAll("[placeholder]")) out.push("placeholder: " + el.getAttribute("placeholder"));
  return out;`;

async function open(s, area) {
  await s.execute(`window.history.pushState(null, "", "?area=${area}"); window.dispatchEvent(new PopStateEvent("popstate"));`);
  // At rest: no spinner for two looks in a row, and no animation running.
  let quietBefore = false;
  await waitFor(async () => {
    const quiet = await s.execute("return !document.querySelector('.ant-spin-spinning, .ant-skeleton-active, .ant-table-placeholder .ant-spin')");
    const both = quiet && quietBefore;
    quietBefore = quiet;
    return both;
  }, (v) => v, `${area} to finish loading`);
  await s.settle();
  // antd's styles are injected at run time; a CSP that refuses them leaves bare HTML lists.
  const styled = await s.execute("const m = document.querySelector('.ant-menu'); return !!m && getComputedStyle(m).listStyleType === 'none'");
  assert.ok(styled, `${area}: the page is styled (antd's run-time styles were applied)`);
}

async function shoot(s, name) {
  writeFileSync(join(SHOTS, `${name}.png`), Buffer.from(await s.screenshot(), "base64"));
}

async function language(s, lang) {
  await s.click(await s.find(`[data-testid=lang-${lang === "zh" ? "zh" : "en"}]`));
  // The page's language, not the menu's words: a narrow window shows the menu as icons only.
  const want = lang === "zh" ? "zh-CN" : "en";
  await waitFor(() => s.execute("return document.documentElement.lang"), (l) => l === want, `the page in ${want}`);
}

test("every page at 1280×800 in both languages and at 960×600 in Chinese; no Chinese in the English interface", async () => {
  mkdirSync(SHOTS, { recursive: true });
  const s = await Session.start(DRIVER, APP, ["--db", sampleDatabase()]);
  const leaks = [];
  try {
    await s.waitFor("[data-testid=campaign-title]", "the sample campaign opens", (t) => t.includes("长城计划"));
    for (const [width, height, langs] of [[1280, 800, ["zh", "en"]], [960, 600, ["zh"]]]) {
      await s.cmd("POST", "/window/rect", { width, height });
      for (const lang of langs) {
        await language(s, lang);
        for (const area of AREAS) {
          await open(s, area);
          await shoot(s, `${area}-${lang}-${width}`);
          if (lang === "en") {
            for (const text of await s.execute(CHROME_TEXT)) if (CJK.test(text)) leaks.push(`${area}: ${text}`);
          }
        }
      }
    }
    await language(s, "zh");
    assert.deepEqual(leaks, [], "Chinese in the English interface (data marked data-user-text is exempt)");
  } catch (e) {
    await s.keepEvidence("screens-failure");
    throw e;
  } finally {
    await s.end();
  }
});

test("the welcome page of an empty database, in both languages", async () => {
  mkdirSync(SHOTS, { recursive: true });
  const s = await Session.start(DRIVER, APP, ["--db", emptyDatabase()]);
  try {
    await s.cmd("POST", "/window/rect", { width: 1280, height: 800 });
    await s.waitFor("[data-testid=welcome-new]", "an empty database opens on the welcome page");
    await s.waitFor("[data-testid=welcome-team]", "with the team server among the ways to start", (t) => t.includes("团队服务器"));
    await shoot(s, "welcome-zh-1280");
    await s.cmd("POST", "/window/rect", { width: 960, height: 700 });
    await shoot(s, "welcome-zh-960");
    await s.cmd("POST", "/window/rect", { width: 1280, height: 800 });
    await language(s, "en");
    await s.waitFor("[data-testid=welcome-new]", "the welcome page in English", (t) => !CJK.test(t));
    await shoot(s, "welcome-en-1280");
    await language(s, "zh");
  } catch (e) {
    await s.keepEvidence("screens-welcome-failure");
    throw e;
  } finally {
    await s.end();
  }
});

test("a database that cannot be opened: the window says which and why, with the ways on", async () => {
  mkdirSync(SHOTS, { recursive: true });
  const broken = join(resolve(emptyDatabase(), ".."), "坏的.db");
  writeFileSync(broken, "this is not an SQLite database, only text that claims a .db name\n".repeat(20));
  const s = await Session.start(DRIVER, APP, ["--db", broken]);
  try {
    await s.cmd("POST", "/window/rect", { width: 1280, height: 800 });
    await s.waitFor("[data-testid=startup-file]", "the window names the file", (t) => t.endsWith("坏的.db"));
    await s.waitFor("[data-testid=startup-reason]", "and says why in Chinese", (t) => CJK.test(t) && t.length > 4);
    await s.find("[data-testid=startup-open]");
    await s.find("[data-testid=startup-new]");
    await s.find("[data-testid=startup-quit]");
    await shoot(s, "startup-error-zh-1280");
  } catch (e) {
    await s.keepEvidence("screens-startup-failure");
    throw e;
  } finally {
    await s.end();
  }
});
