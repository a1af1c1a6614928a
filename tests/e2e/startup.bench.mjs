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

async function start(db) {
  const started = performance.now();
  const s = await Session.start(DRIVER, APP, ["--db", db]);
  // Polled every 10 ms, finer than the suite's waits, so the figure is the app's, not the poll's.
  for (;;) {
    try {
      const text = await s.text(await s.find("[data-testid=campaign-title]"));
      if (text.trim().length > 0) break;
    } catch {
      // not there yet
    }
    if (performance.now() - started > 60_000) throw new Error(`no overview after 60 s on ${db}`);
    await pause(10);
  }
  const ms = performance.now() - started;
  await s.end();
  return ms;
}

async function bench(label, db, target) {
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(await start(db));
  times.sort((a, b) => a - b);
  const s = (ms) => (ms / 1000).toFixed(2);
  console.log(`${label.padEnd(34)} ${s(times[Math.floor(times.length / 2)]).padStart(7)} s  (${s(times[0])}-${s(times.at(-1))})   target ${target}`);
}

console.log(`release app, start to interactive, median of ${RUNS} starts`);
await bench("sample database", sampleDatabase(), "< 1.5 s");
const large = process.env.STARTUP_BENCH_DB;
if (large && existsSync(large)) await bench("large database", large, "< 2.5 s at 1,000,000 clients");
