// End-to-end: the dashboard (概览) follows the data. A planner reads the 移动业务发展 KPI (an
// achievement metric's quantity) on the overview, records an achievement of that metric on the
// awards page, comes back and sees the figure grow by the quantity recorded.
//
// Dates are typed rather than taken from the clock: the demo campaign runs 1 October to 31
// December of the current year, so the dashboard is read as of its last day and the achievement
// is dated inside it, whatever day the journey runs on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { Session } from "./webdriver.mjs";
import { sampleDatabase } from "./sample.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = resolve(process.env.RAMPART_APP ?? "target/debug/rampart-desktop");
const db = sampleDatabase();

const YEAR = new Date().getFullYear();
const LAST_DAY = `${YEAR}-12-31`;
const KPI = "移动业务发展";
const QUANTITY = 7;

// The figure of the goal KPI named `name` as the page holds it (data-value: the number unformatted).
const figureOf = (name) => `
  const row = [...document.querySelectorAll("[data-testid=dashboard-goals] [role=row]")]
    .find((r) => r.firstElementChild && r.firstElementChild.textContent === ${JSON.stringify(name)});
  const value = row && row.querySelector("[data-testid^=kpi-value-]");
  return value ? value.getAttribute("data-value") : null;`;

/** A WebDriver element reference from what a script returned. */
const ref = (value) => {
  assert.ok(value && typeof value === "object", `an element, not ${JSON.stringify(value)}`);
  return Object.values(value)[0];
};

// What a select of the open form shows as chosen (its title: WebKit's driver reads a closing
// select's text as empty).
const MODAL = ".ant-modal-wrap:not([style*='display: none']) .ant-modal";
const chosen = (testId) => `return document.querySelector(${JSON.stringify(`${MODAL} [data-testid=${testId}] .ant-select-selection-item`)})?.getAttribute("title") ?? null`;

/** Types a day into a date picker's input and confirms it with Enter, as a planner would. */
async function typeDay(s, input, day) {
  await s.click(input);
  await s.replaceText(input, day);
  await s.type(input, "\uE007");
}

/** Opens the overview as of the campaign's last day and returns the KPI's figure there. */
async function readKpi(s, expected, holds) {
  await s.click(await s.find("[data-testid=nav-overview]"));
  const picker = await s.waitFor("[data-testid=dashboard-toolbar] .ant-picker input", "the as-of date picker");
  await typeDay(s, picker, LAST_DAY);
  await s.waitFor("[data-testid=dashboard-for]", `the figures are as of ${LAST_DAY}`, (t) => t.includes(`截至 ${LAST_DAY}`));
  const text = await s.waitForScript(figureOf(KPI), `${KPI} ${expected}`, (v) => v !== null && v !== "" && holds(Number(v)));
  return Number(text);
}

test("recording an achievement moves its KPI on the dashboard", async () => {
  const s = await Session.start(DRIVER, APP, ["--db", db]);
  try {
    await s.waitFor("[data-testid=campaign-title]", "the demo campaign opens", (t) => t.includes("长城计划"));
    const before = await readKpi(s, "shows a figure", (v) => Number.isFinite(v));

    await s.click(await s.find("[data-testid=nav-awards]"));
    const add = await s.waitForScript(
      `return [...document.querySelectorAll("button")].find((b) => b.textContent.includes("登记业绩")) ?? null`,
      "the awards page offers 登记业绩", (v) => v !== null);
    await s.click(ref(add));
    const modal = MODAL;
    await s.waitFor(`${modal} .ant-modal-title`, "the achievement form opens", (t) => t.includes("登记业绩"));

    await s.click(await s.find(`${modal} [data-testid=achievement-metric] .ant-select-selector`));
    const option = await s.waitFor(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${KPI}"]`, `the metric list offers ${KPI}`);
    await s.click(option);
    await s.waitForScript(chosen("achievement-metric"), `${KPI} is chosen`, (t) => t === KPI);

    await typeDay(s, await s.find(`${modal} .ant-picker input`), `${YEAR}-11-15`);
    await s.waitForScript(`return document.querySelector(${JSON.stringify(`${modal} .ant-picker input`)}).value`, "the day inside the campaign is set",
      (v) => v === `${YEAR}-11-15`);

    await s.click(await s.find(`${modal} [data-testid=achievement-person] .ant-select-selector`));
    await s.type(await s.find(`${modal} [data-testid=achievement-person] input`), "周婷");
    const person = await s.waitFor(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title^='周婷']", "周婷 is offered");
    await s.click(person);
    await s.waitForScript(chosen("achievement-person"), "周婷 is chosen", (t) => typeof t === "string" && t.startsWith("周婷"));

    await s.replaceText(await s.find(`${modal} input#quantity`), String(QUANTITY));
    await s.click(await s.find(`${modal} .ant-modal-footer .ant-btn-primary`));
    await s.waitForScript(`return !document.querySelector(${JSON.stringify(modal)})`, "the form closes once the achievement is saved", (gone) => gone);

    const after = await readKpi(s, `grows by ${QUANTITY} from ${before}`, (v) => v === before + QUANTITY);
    assert.equal(after, before + QUANTITY, "the dashboard counts the recorded quantity");
  } catch (e) {
    await s.keepEvidence("dashboard-failure");
    throw e;
  } finally {
    await s.end();
  }
});
