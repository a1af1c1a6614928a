#!/usr/bin/env bash
# Installs only what is missing, so `make run` and `make test` are fast on a machine that has it all.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev
build-essential pkg-config libssl-dev file webkit2gtk-driver xvfb xauth dbus-x11 fonts-noto-cjk
imagemagick python3 poppler-utils postgresql"
# fonts-noto-cjk is also read at run time by the PDF report (its Chinese font, subset into each
# file); poppler-utils gives pdftoppm/pdftotext for looking at a rendered report page.

missing=""
for p in $APT_PACKAGES; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing system packages:$missing"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

command -v cargo >/dev/null || { echo "setup: cargo is missing; install Rust from https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: npm is missing; install Node.js 20+" >&2; exit 1; }
# `make lint` runs rustfmt and clippy; rustup's minimal profile leaves them out.
if ! cargo fmt --version >/dev/null 2>&1; then
  command -v rustup >/dev/null || { echo "setup: cargo fmt is missing; install it with your Rust toolchain" >&2; exit 1; }
  echo "setup: installing rustfmt"
  rustup component add rustfmt
fi
if ! cargo clippy --version >/dev/null 2>&1; then
  command -v rustup >/dev/null || { echo "setup: cargo clippy is missing; install it with your Rust toolchain" >&2; exit 1; }
  echo "setup: installing clippy"
  rustup component add clippy
fi

if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --version "^2" --locked
fi

# Install npm packages only when the lockfile changed since the last install.
if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  # `npm ci` trips over npm's lockfile bug with platform-specific optional packages
  # (rollup's native builds), so install from the lockfile with `npm install`.
  (cd ui && npm install --no-audit --no-fund)
fi

cargo fetch --locked >/dev/null 2>&1 || cargo fetch
