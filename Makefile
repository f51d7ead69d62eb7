# dichvucong — citizen front door of the provincial public-service portal.
#
#   make run     install tools if needed, release build, serve on http://127.0.0.1:3000
#   make test    fmt, clippy (ssr + wasm hydrate), cargo test, Postgres test, S3 test, release build,
#                API contract run (schemathesis), fault test (server killed while applying), Playwright e2e
#   make bench   scripts/bench.sh (if present)
#
# Internal helpers: setup fmt-check clippy clippy-ssr clippy-wasm unit postgres s3 build contract fault e2e serve clean
# Tools come from scripts/setup.sh: cargo-leptos (no_downloads) + wasm-bindgen-cli from
# crates.io, tailwindcss / wasm-opt / playwright from node_modules/.bin, chromium from Debian,
# schemathesis and moto (S3 server for the S3 test) from PyPI into .venv/.

SHELL       := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run
MAKEFLAGS   += --no-print-directory

export PATH := $(CURDIR)/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

# CI builds from a fresh clone (cold target/): incremental artefacts would only cost time and disk.
ifneq ($(CI),)
export CARGO_INCREMENTAL := 0
export CARGO_TERM_COLOR  := never
endif

# Runtime configuration of the release server (what cargo-leptos would pass to `cargo leptos serve`)
# lives in scripts/release-server.sh, shared with the e2e tests and the benchmark.
BIN          := target/release/dichvucong
ADDR         ?= 127.0.0.1:3000
DATABASE_URL ?= sqlite://target/dichvucong.db
RUST_LOG     ?= info

.PHONY: run test bench setup fmt-check clippy clippy-ssr clippy-wasm unit postgres s3 build contract fault e2e serve clean

## ---------------------------------------------------------------- user-facing
run: setup build
	@$(MAKE) serve

# Each step is its own sub-make so the order holds even under `make -j`; each step's time is
# printed, so the README's figures can be checked against any run (CI's too).
test: setup
	@t0=$$(date +%s); for step in fmt-check clippy unit postgres s3 build contract fault e2e; do \
	  s=$$(date +%s); $(MAKE) $$step; echo "make test: $$step took $$(( $$(date +%s) - s )) s"; \
	done; echo "make test: all steps after setup took $$(( $$(date +%s) - t0 )) s"

bench: setup
	@if [ -f scripts/bench.sh ]; then bash scripts/bench.sh; \
	 else echo "make bench: scripts/bench.sh does not exist yet — nothing to run"; fi

## ---------------------------------------------------------------- helpers
setup:
	@bash scripts/setup.sh

fmt-check:
	cargo fmt --all -- --check

clippy: clippy-ssr clippy-wasm

clippy-ssr:
	cargo clippy --features ssr --all-targets -- -D warnings

clippy-wasm:
	cargo clippy --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings

# unit + integration tests (integration tests start the real server themselves)
unit:
	cargo test --features ssr

# server: target/release/dichvucong (+ hash.txt); wasm lib: target/front/wasm32-unknown-unknown/wasm-release;
# site (pkg/*.js, *.wasm, *.css, public/ assets): target/site
# The hashed assets are compressed once here at the highest levels, and served as they are
# (ServeDir picks .br/.gz), instead of being compressed again on every request.
build:
	cargo leptos build --release --split
	find target/site/pkg -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' \) \
	  -exec brotli -f -q 11 -k {} \; -exec gzip -f -9 -k {} \;

# the same integration test on a throw-away PostgreSQL cluster
postgres:
	bash scripts/postgres-test.sh

# attachments in an S3-compatible store: moto's S3 server on loopback
s3:
	bash scripts/s3-test.sh

# schemathesis against the release server's /portal/v1/openapi.json: every operation, all checks
contract:
	bash scripts/contract.sh

# applications filled in, uploaded and sent while the release server is SIGKILLed and restarted:
# every acknowledged one exists once, with its files' bytes; retries make no duplicates
fault:
	bash scripts/fault.sh

e2e:
	bash scripts/e2e.sh

serve:
	@test -x $(BIN) || { echo "$(BIN) missing: run 'make build' first" >&2; exit 1; }
	@echo "==> serving on http://$(ADDR) (DATABASE_URL=$(DATABASE_URL))"
	source scripts/release-server.sh; \
	exec env "$${RELEASE_ENV[@]}" LEPTOS_SITE_ADDR=$(ADDR) DATABASE_URL=$(DATABASE_URL) RUST_LOG=$(RUST_LOG) ./$(BIN)

clean:
	cargo clean
	rm -rf end2end/report end2end/test-results test-results
