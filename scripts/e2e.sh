#!/usr/bin/env bash
# Serves the release build on its own port with a fresh, seeded database and
# runs the Playwright suite against it in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

port="${E2E_PORT:-3100}"
db_url="postgres://bazaar:bazaar@127.0.0.1:5432/bazaar_e2e"
uploads="$CARGO_TARGET_DIR/e2e-uploads"
bin="$CARGO_TARGET_DIR/release/bazaar"

runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS bazaar_e2e WITH (FORCE)" >/dev/null
runuser -u postgres -- psql -qc "CREATE DATABASE bazaar_e2e OWNER bazaar" >/dev/null
rm -rf "$uploads"

export APP_ENV=test DATABASE_URL="$db_url" UPLOAD_DIR="$uploads"
export BIND_ADDR="127.0.0.1:$port" APP_URL="http://127.0.0.1:$port"
# The suite loads many pages from one address; the limiter has its own tests.
export RATE_LIMIT_PER_MINUTE=0
# Its own payment emulator, apart from a `make run` on the same machine.
export STRIPE_EMULATOR_ADDR="127.0.0.1:$((port + 9000))"
leptos_site_env PROD
serve_as_app_role

"$bin" seed --demo >/dev/null
serve_in_background "$bin" "$CARGO_TARGET_DIR/e2e-server.log"

cd end2end
BASE_URL="http://127.0.0.1:$port" npx playwright test "$@"
