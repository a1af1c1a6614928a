// `make bench` (start-up part): the release app, from asking tauri-driver for a window to the
// overview showing the campaign's name, ready for the planner: on the sample database and, when
// STARTUP_BENCH_DB names one (bench.rs keeps its million-client file with BENCH_KEEP=1), on a
// large one. Several starts, median and spread. Figures, not a pass/fail test: it is not named
// *.e2e.mjs, so `make test` never runs it. The launch through WebDriver is counted in.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { Session } from "./webdriver.mjs";
import { sampleDatabase } from "./sample.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = resolve(process.env.RAMPART_APP ?? "target/release/rampart-desktop");
const RUNS = Number(process.env.STARTUP_BENCH_RUNS ?? 5);
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

// Polled every 10 ms, finer than the suite's waits, so the figure is the app's, not the poll's.
async function until(s, started, db, found) {
  for (;;) {
    try {
      if (await found()) return performance.now() - started;
    } catch {
      // not there yet
    }
    if (performance.now() - started > 60_000) throw new Error(`no overview after 60 s on ${db}`);
    await pause(10);
  }
}

// Two moments: the campaign's name shown with the window answering (interactive), and every
// figure of the overview drawn (its dashboard and its counts by team), which React draws after.
async function start(db) {
  const started = performance.now();
  const s = await Session.start(DRIVER, APP, ["--db", db]);
  const named = await until(s, started, db, async () => (await s.text(await s.find("[data-testid=campaign-title]"))).trim().length > 0);
  const drawn = await until(s, started, db, async () => (await s.findAll("[data-testid=dashboard], [data-testid=count-team]")).length === 2);
  await s.end();
  return { named, drawn };
}

async function bench(label, db, target) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await start(db));
  const s = (ms) => (ms / 1000).toFixed(2);
  const figure = (key) => {
    const times = runs.map((r) => r[key]).sort((a, b) => a - b);
    return `${s(times[Math.floor(times.length / 2)]).padStart(5)} s (${s(times[0])}-${s(times.at(-1))})`;
  };
  console.log(`${label.padEnd(20)} interactive ${figure("named")}   target ${target};   every figure drawn ${figure("drawn")}`);
}

console.log(`release app, start to interactive, median of ${RUNS} starts`);
await bench("sample database", sampleDatabase(), "< 1.5 s");
const large = process.env.STARTUP_BENCH_DB;
if (large && existsSync(large)) await bench("large database", large, "< 2.5 s at 1,000,000 clients");
