#!/usr/bin/env bash
# `make run`: everything a fresh machine needs, then the marketplace on
# http://127.0.0.1:3000 with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

bash scripts/tools.sh
bash scripts/services.sh

cargo leptos build --split
bin="$CARGO_TARGET_DIR/debug/bazaar"
leptos_site_env DEV
serve_as_app_role
"$bin" seed --demo
exec "$bin" serve
