#!/usr/bin/env bash
# Idempotent installer of everything `make run`, `make test` and `make bench` need.
#
#   - Rust: wasm32-unknown-unknown target, rustfmt + clippy components
#   - cargo-leptos 0.3.10, built with `no_downloads` (it takes wasm-bindgen,
#     wasm-opt and tailwindcss from PATH and never fetches binaries)
#   - wasm-bindgen-cli at exactly the wasm-bindgen version pinned in Cargo.lock
#   - npm ci: tailwindcss (v4 CLI), binaryen (wasm-opt), @playwright/test, @axe-core/playwright, lighthouse
#   - Debian packages: chromium chromium-driver (e2e), postgresql (Postgres test), wrk nginx-light brotli (bench),
#     python3 python3-venv (contract run)
#   - .venv/: schemathesis and moto (S3 test) with their dependencies at the versions in
#     scripts/python-requirements.txt
#
# Nothing here downloads a binary from outside crates.io / npm / PyPI / Debian.
# Warm (everything present) it prints one line and takes well under 5 s.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1
export DEBIAN_FRONTEND=noninteractive

CARGO_LEPTOS_VERSION=0.3.10
APT_PACKAGES=(chromium chromium-driver wrk nginx-light brotli curl jq postgresql python3 python3-venv sqlite3)

did=0
say() { printf '==> setup: %s\n' "$*" >&2; did=1; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else die "need root (or sudo) to run: $*"; fi
}

# ---------------------------------------------------------------- Debian packages
pkg_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}
apt_missing=()
command -v node >/dev/null 2>&1 || apt_missing+=(nodejs)
command -v npm  >/dev/null 2>&1 || apt_missing+=(npm)
for p in "${APT_PACKAGES[@]}"; do
  case "$p" in
    # any nginx flavour will do for the bench; don't fight an installed one
    nginx-light) command -v nginx >/dev/null 2>&1 || pkg_installed nginx-light || apt_missing+=("$p") ;;
    *) pkg_installed "$p" || apt_missing+=("$p") ;;
  esac
done
if [ "${#apt_missing[@]}" -gt 0 ]; then
  say "apt-get install ${apt_missing[*]}"
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" </dev/null
fi

# ---------------------------------------------------------------- Rust toolchain
command -v cargo >/dev/null 2>&1 || die "cargo not found (expected rustup's toolchain in ~/.cargo/bin)"
if command -v rustup >/dev/null 2>&1; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  for comp in rustfmt clippy; do
    sub=${comp/rustfmt/fmt}
    if ! cargo "$sub" --version >/dev/null 2>&1; then
      say "rustup component add $comp"
      rustup component add "$comp"
    fi
  done
fi

# cargo-leptos, without the release LTO its own Cargo.toml asks for (11 min instead of 30+)
have_version() { # have_version CMD... -- WANT : true if `CMD --version` mentions WANT as a whole word
  local want="${*: -1}" out
  out=$("${@:1:$#-1}" --version 2>/dev/null) || return 1
  grep -qE "(^|[^0-9.])${want//./\\.}([^0-9.]|$)" <<<"$out"
}
if ! have_version cargo leptos "$CARGO_LEPTOS_VERSION"; then
  say "cargo install cargo-leptos $CARGO_LEPTOS_VERSION (no_downloads; ~11 min on 2 cores)"
  CARGO_PROFILE_RELEASE_LTO=false \
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  CARGO_PROFILE_RELEASE_OPT_LEVEL=2 \
    cargo install --locked cargo-leptos --version "$CARGO_LEPTOS_VERSION" --features no_downloads
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly
WBG_VERSION=$(awk '
  /^\[\[package\]\]/ { name = "" }
  /^name = / { name = $3; gsub(/"/, "", name) }
  /^version = / && name == "wasm-bindgen" { v = $3; gsub(/"/, "", v); print v; exit }
' Cargo.lock)
[ -n "$WBG_VERSION" ] || die "could not read the wasm-bindgen version from Cargo.lock"
if ! have_version wasm-bindgen "$WBG_VERSION"; then
  say "cargo install wasm-bindgen-cli $WBG_VERSION"
  cargo install wasm-bindgen-cli --version "$WBG_VERSION" --locked \
    || { say "--locked failed; retrying wasm-bindgen-cli $WBG_VERSION without --locked"
         cargo install wasm-bindgen-cli --version "$WBG_VERSION"; }
fi

# ---------------------------------------------------------------- npm tools
# Re-run `npm ci` only when package-lock.json changed since the last successful one.
STAMP=node_modules/.setup-lock.sha256
lock_sum=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$lock_sum" ] \
   || [ ! -x node_modules/.bin/tailwindcss ] || [ ! -x node_modules/.bin/wasm-opt ] \
   || [ ! -x node_modules/.bin/playwright ]; then
  say "npm ci (tailwindcss, binaryen/wasm-opt, @playwright/test, axe-core, lighthouse; no browser download)"
  npm ci --no-audit --no-fund --loglevel=error </dev/null
  printf '%s\n' "$lock_sum" >"$STAMP"
fi

# ---------------------------------------------------------------- Python tools
# schemathesis for the API contract run and moto for the S3 test, in a venv of its own (Debian's pip refuses to install
# into the system Python). Same rule as npm: rebuild only when the requirements changed since the
# last successful install or the venv no longer runs (its scripts hold absolute paths, so a moved
# clone breaks them); from scratch, so no package of an older requirements file lingers.
VENV=.venv
PY_REQUIREMENTS=scripts/python-requirements.txt
SCHEMATHESIS_VERSION=$(sed -n 's/^schemathesis==//p' "$PY_REQUIREMENTS")
[ -n "$SCHEMATHESIS_VERSION" ] || die "no schemathesis pin in $PY_REQUIREMENTS"
PY_STAMP=$VENV/.setup-requirements.sha256
req_sum=$(sha256sum "$PY_REQUIREMENTS" | cut -d' ' -f1)
if [ "$(cat "$PY_STAMP" 2>/dev/null)" != "$req_sum" ] \
   || ! have_version "$VENV/bin/schemathesis" "$SCHEMATHESIS_VERSION" \
   || ! "$VENV/bin/python" -c 'import moto.server' 2>/dev/null; then
  say "pip install schemathesis $SCHEMATHESIS_VERSION and moto into $VENV ($PY_REQUIREMENTS)"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$PY_REQUIREMENTS" </dev/null
  printf '%s\n' "$req_sum" >"$PY_STAMP"
fi

# ---------------------------------------------------------------- sanity
for exe in cargo-leptos wasm-bindgen wasm-opt tailwindcss playwright chromium "$VENV/bin/schemathesis"; do
  command -v "$exe" >/dev/null 2>&1 || die "$exe is not on PATH after setup"
done

if [ "$did" -eq 1 ]; then
  echo "setup: done (cargo-leptos $CARGO_LEPTOS_VERSION, wasm-bindgen $WBG_VERSION, schemathesis $SCHEMATHESIS_VERSION)" >&2
else
  echo "setup: ok (all tools present; cargo-leptos $CARGO_LEPTOS_VERSION, wasm-bindgen $WBG_VERSION, schemathesis $SCHEMATHESIS_VERSION)" >&2
fi
