# Two commands do everything on a fresh Debian/Ubuntu machine: `make run` and `make test`.
# Each installs only what is missing (scripts/setup.sh), so repeated runs are fast.

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
UI_SOURCES := $(shell find ui/src ui/public -type f 2>/dev/null) ui/index.html ui/package.json ui/vite.config.ts ui/tsconfig.json

.PHONY: setup run app lint test test-rust test-ui test-e2e bench dev clean bindings server

setup:
	@scripts/setup.sh

ui/dist/index.html: $(UI_SOURCES) ui/package-lock.json
	cd ui && npm run build
	@touch $@

ui: setup ui/dist/index.html

## The desktop binary with the front end embedded: target/release/rampart-desktop.
app: ui
	cargo build --release --locked -p rampart-desktop -p rampart-cli

## Build and open the app on the database in your data directory ($$RAMPART_DB overrides it).
run: app
	./target/release/rampart-desktop

## Team mode: a local PostgreSQL in target/team-db (created once, sample province seeded once)
## and rampart-server on http://127.0.0.1:8080 (RAMPART_SERVER_LISTEN to change). Ctrl-C stops both.
server: setup
	cargo build --release --locked -p rampart-server -p rampart-cli
	./target/release/rampart-server dev --dir target/team-db --listen $${RAMPART_SERVER_LISTEN:-127.0.0.1:8080}

## Static checks: clippy with warnings as errors, TypeScript's types, ESLint on ui/.
## After `ui`: the desktop crate embeds ui/dist, so clippy needs it built.
lint: ui
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cd ui && npx tsc --noEmit -p .
	cd ui && npm run lint

## Every test: the static checks, Rust unit and story tests, UI component tests, and the real app through WebDriver.
test: ui lint test-rust test-ui test-e2e

test-rust: ui
	cargo test --workspace --locked

test-ui: setup
	cd ui && npm test

test-e2e: ui
	cargo build --locked -p rampart-desktop -p rampart-cli -p rampart-server
	tests/e2e/run.sh

## Rewrite the generated IPC contract (ui/src/bindings.ts) and the UI tests' recorded command
## answers (ui/src/test/fixtures/*.json) from the Rust side; the same tests fail while they are stale.
bindings: ui
	RAMPART_WRITE_GENERATED=1 cargo test --locked -p rampart-desktop --lib generated

## Speed and memory figures (not pass/fail tests).
## The import rows run beside a pandas peer, installed into target/bench-venv by scripts/bench-setup.sh.
## The start-up rows time the release app under Xvfb on the sample and on bench.rs's million clients.
## The team server's load check: 50 people for a minute on a 25,000-client province (PostgreSQL).
bench: app
	scripts/bench-setup.sh
	BENCH_KEEP=1 cargo run --release --locked -p rampart-core --example bench
	RAMPART_APP=target/release/rampart-desktop RAMPART_CLI=target/release/rampart \
	  STARTUP_BENCH_DB=$${TMPDIR:-/tmp}/rampart-bench-1000000/bench.db tests/e2e/run.sh tests/e2e/startup.bench.mjs
	cargo run --release --locked -p rampart-server --example load_bench
	rm -rf $${TMPDIR:-/tmp}/rampart-bench-100000 $${TMPDIR:-/tmp}/rampart-bench-1000000
	BENCH_PYTHON=$(CURDIR)/target/bench-venv/bin/python cargo run --release --locked -p rampart-core --example import_bench
	cargo run --release --locked -p rampart-core --example tracker_bench
	cargo run --release --locked -p rampart-core --example hostile_bench
	cargo run --release --locked -p rampart-core --example dashboard_bench
	cargo run --release --locked -p rampart-core --example points_bench

## Vite dev server with hot reload, and the shell pointed at it.
dev: setup
	cd ui && npm run dev & cargo run -p rampart-desktop --no-default-features; kill %1

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules
