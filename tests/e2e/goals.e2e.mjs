// End-to-end: the planner opens 目标与策略 on the demo campaign, lowers a KPI's target in the
// KPI editor, and sees the core judge the same figure against the new target.
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { Session } from "./webdriver.mjs";
import { sampleDatabase } from "./sample.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = resolve(process.env.RAMPART_APP ?? "target/debug/rampart-desktop");
const db = sampleDatabase();

// The first goal's first KPI (预警合同挽留率) is KPI 1 of the seed's skeleton.
const ROW = "[data-testid=goal-1-kpis] tr[data-row-key='1']";
// The page's text as written (WebKit's WebDriver leaves out a card title cut to fit its header).
const text = (css) => `return document.querySelector(${JSON.stringify(css)})?.textContent ?? ""`;

test("lowering a KPI's target turns its status to met", async () => {
  const s = await Session.start(DRIVER, APP, ["--db", db]);
  try {
    await s.waitFor("[data-testid=campaign-title]", "the demo campaign opens", (t) => t.includes("长城计划"));
    await s.click(await s.find("[data-testid=nav-goals]"));
    await s.waitForScript(text("[data-testid=goal-1]"), "the seed's first goal is listed", (t) => t.includes("目的一 存量保持"));
    await s.waitForScript(text("[data-testid=part-1]"), "the broadband battle shows its owner team", (t) => t.includes("宽带保卫战") && t.includes("网吧宽频部"));
    const before = await s.waitForScript(text(ROW), "the retention KPI reads a figure against 90 %", (t) => t.includes("≥ 90%") && /≥ 90%\d+(\.\d+)?%/.test(t));
    assert.ok(!before.includes("暂无数据"), `the demo has closed warnings to measure retention by: ${before}`);

    await s.click(await s.find("[data-testid=kpi-edit-1]"));
    const target = await s.waitFor("[data-testid=kpi-target]", "the KPI editor opens");
    await s.replaceText(target, "1");
    await s.click(await s.find("[data-testid=kpi-save]"));
    await s.waitForScript(text(ROW), "the target is 1 % and the status is met", (t) => t.includes("≥ 1%") && t.includes("达标"));
  } catch (e) {
    await s.keepEvidence("goals-failure");
    throw e;
  } finally {
    await s.end();
  }
});
