#!/usr/bin/env bash
# Serves the release build on its own port with a fresh, seeded database and
# runs the Playwright suite against it in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

port="${E2E_PORT:-3100}"
# The suite loads many pages from one address; the limiter has its own tests.
export RATE_LIMIT_PER_MINUTE=0
# Admin journeys sign in several times a minute, and an authenticator code
# works once per 30-second step, so they sign in as an admin without a second
# step and admins are not required to have one here. The requirement has its
# integration tests; the demo admin's second step has its own journey.
export REQUIRE_2FA_FOR_ADMINS=false
serve_fresh_demo e2e "$port"
echo "lantern orchard pebble" |
  "${BAZAAR_BIN:-$CARGO_TARGET_DIR/release/bazaar}" create-admin --email e2e-admin@example.com >/dev/null

cd end2end
BASE_URL="http://127.0.0.1:$port" npx playwright test "$@"
