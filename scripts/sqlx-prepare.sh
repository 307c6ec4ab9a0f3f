#!/usr/bin/env bash
# Regenerates (or with --check, verifies) the committed `.sqlx` query data
# against a scratch database migrated from `migrations/`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/services.sh >/dev/null

scratch="postgres://bazaar:bazaar@127.0.0.1:5432/bazaar_sqlx_prepare"
export DATABASE_URL="$scratch" SQLX_OFFLINE=false
sqlx database drop -y >/dev/null 2>&1 || true
sqlx database create
sqlx migrate run --source migrations >/dev/null
cargo sqlx prepare --workspace "$@" -- --workspace --all-targets --features bazaar/ssr
