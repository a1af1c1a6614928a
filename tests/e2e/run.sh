#!/usr/bin/env bash
# Runs the WebDriver suite against the built app in a virtual display. tauri-driver is started
# once for the whole run; the app binary must already be built. Arguments name test files to run
# instead of all of them (tests/e2e/import.e2e.mjs …).
#
# Isolation: every *.e2e.mjs starts the app on its own database (a new temp dir each: a sample file
# made by `rampart demo --db FILE`, see sample.mjs, or an empty one), so no file depends on another
# having run or on the order they run in. tauri-driver cannot hand a
# session its own environment, so the debug-build file-dialog stand-ins below are set once for the
# run; each path is written or cleared by the test file that uses it, before use (import and
# welcome: RAMPART_PICK_FILE; tracker: the two tracker paths; welcome: the database save path).
set -euo pipefail
cd "$(dirname "$0")/../.."
export NO_AT_BRIDGE=1
export PATH="$HOME/.cargo/bin:$PATH"
APP="${RAMPART_APP:-target/debug/rampart-desktop}"
[ -x "$APP" ] || { echo "e2e: $APP is not built" >&2; exit 1; }

# Everything this run writes (databases, picked files, the driver's log) goes under one directory,
# removed when the run passes and kept for a look when it fails.
RUN_DIR="$(mktemp -d -t rampart-e2e.XXXXXX)"
export TMPDIR="$RUN_DIR"
# Debug builds read the "picked" import file from here instead of a native dialog…
export RAMPART_PICK_FILE="$RUN_DIR/客户清单.csv"
# …and where a tracker is saved, and which returned trackers are "picked".
export RAMPART_SAVE_PATH="$RUN_DIR/长城计划-跟踪表.xlsx"
export RAMPART_PICK_FILES="$RUN_DIR/东区-交回.xlsx"
# …where 新建 and 另存为 put a database file.
export RAMPART_DB_SAVE_PATH="$RUN_DIR/我的数据库.db"
# The app's own folder (the sample database 打开示例活动 makes, the recent-files list) follows
# RAMPART_DB; pointed here, a run never touches the user's data directory. Each journey still
# names its database with --db.
export RAMPART_DB="$RUN_DIR/rampart.db"

# Free ports rather than fixed ones, so two runs on one machine (two worktrees) never talk to
# each other's driver.
free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'; }
PORT="$(free_port)"
NATIVE_PORT="$(free_port)"
while [ "$NATIVE_PORT" = "$PORT" ]; do NATIVE_PORT="$(free_port)"; done
export PORT NATIVE_PORT
export FILES="${*:-tests/e2e/*.e2e.mjs}"
# A bench (*.bench.mjs) is a plain script printing figures, run once by node, not a test file.
export NODE_RUN="--test --test-concurrency=1"
case "$FILES" in *.bench.mjs) NODE_RUN="" ;; esac
export TAURI_DRIVER_URL="http://127.0.0.1:$PORT"

status=0
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
  tauri-driver --port "$PORT" --native-port "$NATIVE_PORT" >"$TMPDIR/tauri-driver.log" 2>&1 &
  driver=$!
  trap "kill $driver 2>/dev/null || true" EXIT
  # Wait for this run'"'"'s driver to answer; give up loudly rather than test against nothing.
  for _ in $(seq 1 150); do
    kill -0 "$driver" 2>/dev/null || { echo "e2e: tauri-driver exited:" >&2; cat "$TMPDIR/tauri-driver.log" >&2; exit 1; }
    curl -sf "$TAURI_DRIVER_URL/status" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -sf "$TAURI_DRIVER_URL/status" >/dev/null 2>&1 || { echo "e2e: tauri-driver did not answer on $TAURI_DRIVER_URL" >&2; exit 1; }
  node $NODE_RUN $FILES
' || status=$?

if [ "$status" -eq 0 ]; then
  rm -rf "$RUN_DIR"
else
  echo "e2e: failed ($status); databases, picked files and the driver log are in $RUN_DIR" >&2
fi
exit "$status"
