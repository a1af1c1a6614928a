// The sample database the journeys start on: made by the CLI (`rampart demo --db FILE`), the
// same way a planner or a script makes one, in a fresh folder per journey. The app never seeds
// the demo into a database itself, so a journey that wants 长城计划 opens this file.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const CLI = resolve(process.env.RAMPART_CLI ?? "target/debug/rampart");

/** A new sample database file holding the demo campaign 长城计划, marked as the sample. */
export function sampleDatabase() {
  const db = join(mkdtempSync(join(tmpdir(), "rampart-e2e-")), "sample.rampart.db");
  execFileSync(CLI, ["--db", db, "demo"], { encoding: "utf8" });
  return db;
}

/** A path for a database that does not exist yet: the app makes it empty on start. */
export function emptyDatabase() {
  return join(mkdtempSync(join(tmpdir(), "rampart-e2e-")), "rampart.db");
}
