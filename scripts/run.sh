#!/usr/bin/env bash
# `make run`: everything a fresh machine needs, then the marketplace on
# http://127.0.0.1:3000 with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

bash scripts/tools.sh
bash scripts/services.sh

cargo leptos build
bin="$CARGO_TARGET_DIR/debug/bazaar"
# The settings cargo-leptos would give the server it starts itself.
export LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_HASH_FILES=true
export LEPTOS_SITE_ADDR="${BIND_ADDR:-127.0.0.1:3000}" LEPTOS_ENV=DEV
"$bin" seed --demo
exec "$bin" serve
