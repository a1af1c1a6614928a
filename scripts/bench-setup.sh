#!/usr/bin/env bash
# The Python peers `make bench` measures Rampart against (pandas reading the same files into
# SQLite), in a virtual environment of their own under target/, installed only when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=target/bench-venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pandas, python_calamine" >/dev/null 2>&1; then
  echo "bench-setup: installing the pandas peer into $VENV"
  python3 -m venv "$VENV" 2>/dev/null || { rm -rf "$VENV"; python3 -m pip install --quiet --user virtualenv && python3 -m virtualenv "$VENV"; }
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "pandas>=2.2,<3" "python-calamine>=0.3"
fi
