#!/usr/bin/env bash
# The Python peers `make bench` measures Rampart against (pandas reading the same files into
# SQLite), in a virtual environment of their own under target/, installed only when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=target/bench-venv
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import pandas, python_calamine" >/dev/null 2>&1; then
  exit 0
fi
# Debian's python3 makes virtual environments only with python3-venv (ensurepip) installed.
if ! python3 -c "import ensurepip" >/dev/null 2>&1; then
  echo "bench-setup: installing python3-venv"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-venv
fi
echo "bench-setup: installing the pandas peer into $VENV"
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "pandas>=2.2,<3" "python-calamine>=0.3"
