#!/usr/bin/env bash
# Runs the Playwright suite in Debian's Chromium against the release build on
# two nodes behind HAProxy (scripts/cluster.sh), with a fresh, seeded
# database: every journey also proves that any node can answer any request.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/cluster.sh

port="${E2E_PORT:-3100}"
# The suite loads many pages from one address; the limiter has its own tests.
export RATE_LIMIT_PER_MINUTE=0
# Every page of the suite comes from this one address too.
export LIVE_STREAMS_PER_IP=1000
# Admin journeys sign in several times a minute, and an authenticator code
# works once per 30-second step, so they sign in as an admin without a second
# step and admins are not required to have one here. The requirement has its
# integration tests; the demo admin's second step has its own journey.
export REQUIRE_2FA_FOR_ADMINS=false
trap 'stop_cluster e2e' EXIT
start_cluster e2e "$port"
echo "lantern orchard pebble" |
  "${BAZAAR_BIN:-$CARGO_TARGET_DIR/release/bazaar}" create-admin --email e2e-admin@example.com >/dev/null

cd end2end
BASE_URL="http://localhost:$port" npx playwright test "$@"
