#!/usr/bin/env bash
# Installs the build and test tools Bazaar needs, each only when missing, into
# a tools directory outside the clone so every checkout and CI run reuses them.
set -euo pipefail

TOOLS="${BAZAAR_TOOLS:-$HOME/.cache/bazaar-tools}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$TOOLS/bin" "$TOOLS/node"
export PATH="$TOOLS/bin:$TOOLS/node/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# The wasm-bindgen CLI must match the library version locked in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

want="${1:-all}"

if [ "$want" = all ] || [ "$want" = rust ]; then
  if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
    step "adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! command -v cargo-leptos >/dev/null || [ "$(cargo-leptos --version | awk '{print $2}')" != "0.3.10" ]; then
    step "installing cargo-leptos 0.3.10"
    cargo install cargo-leptos --version 0.3.10 --locked --features no_downloads --root "$TOOLS"
  fi
  wbv="$(wasm_bindgen_version)"
  if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$wbv" ]; then
    step "installing wasm-bindgen-cli $wbv"
    # Not --locked: one of its locked dependencies is missing from the registry.
    cargo install wasm-bindgen-cli --version "$wbv" --root "$TOOLS" --force
  fi
  if ! command -v sqlx >/dev/null; then
    step "installing sqlx-cli 0.8.6"
    cargo install sqlx-cli --version 0.8.6 --locked --no-default-features --features postgres,rustls --root "$TOOLS"
  fi
  if ! command -v cargo-deny >/dev/null || [ "$(cargo-deny --version | awk '{print $2}')" != "0.20.2" ]; then
    step "installing cargo-deny 0.20.2"
    cargo install cargo-deny --version 0.20.2 --locked --root "$TOOLS"
  fi
fi

if [ "$want" = all ] || [ "$want" = node ]; then
  # Debian's binaryen is too old: release builds would never hydrate.
  if [ ! -x "$TOOLS/node/node_modules/.bin/wasm-opt" ]; then
    step "installing wasm-opt (binaryen 132)"
    (cd "$TOOLS/node" && [ -f package.json ] || echo '{"private":true}' > "$TOOLS/node/package.json"
     cd "$TOOLS/node" && npm install --no-audit --no-fund binaryen@132)
  fi
  if [ -f "$ROOT/end2end/package.json" ] && [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ]; then
    step "installing the end-to-end test packages"
    (cd "$ROOT/end2end" && npm ci --no-audit --no-fund)
  fi
fi

if [ "$want" = all ] || [ "$want" = python ]; then
  # The API's contract tests; a virtualenv keeps it off the system Python.
  if [ "$("$TOOLS/schemathesis/bin/st" --version 2>/dev/null | awk '{print $3}')" != "4.32.5" ]; then
    step "installing schemathesis 4.32.5"
    python3 -m venv "$TOOLS/schemathesis"
    "$TOOLS/schemathesis/bin/pip" install --quiet --disable-pip-version-check schemathesis==4.32.5
  fi
fi

if [ "$want" = all ] || [ "$want" = system ]; then
  missing=()
  compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v chromium >/dev/null || missing+=(chromium)
  if [ "${#missing[@]}" -gt 0 ]; then
    step "installing ${missing[*]} with apt"
    apt_install "${missing[@]}"
  fi
fi
