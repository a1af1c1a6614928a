#!/usr/bin/env bash
# Runs the WebDriver suite against the built app in a virtual display. tauri-driver is started
# once for the whole run; the app binary must already be built.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NO_AT_BRIDGE=1
export PATH="$HOME/.cargo/bin:$PATH"
APP="${RAMPART_APP:-target/debug/rampart-desktop}"
# Debug builds read the "picked" import file from here instead of a native dialog.
RAMPART_PICK_FILE="$(mktemp -d)/客户清单.csv"
export RAMPART_PICK_FILE
# …and where a tracker is saved, and which returned trackers are "picked".
TRACKERS="$(mktemp -d)"
export RAMPART_SAVE_PATH="$TRACKERS/长城计划-跟踪表.xlsx"
export RAMPART_PICK_FILES="$TRACKERS/东区-交回.xlsx"
[ -x "$APP" ] || { echo "e2e: $APP is not built" >&2; exit 1; }
exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
  tauri-driver --port 4444 >/tmp/rampart-tauri-driver.log 2>&1 &
  driver=$!
  trap "kill $driver 2>/dev/null || true" EXIT
  for _ in $(seq 1 50); do
    curl -sf http://127.0.0.1:4444/status >/dev/null 2>&1 && break
    sleep 0.2
  done
  node --test --test-concurrency=1 tests/e2e/*.e2e.mjs
'
