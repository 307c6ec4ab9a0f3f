#!/usr/bin/env bash
# Serves the release build on its own port with a fresh, seeded database and
# runs the Playwright suite against it in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

port="${E2E_PORT:-3100}"
# The suite loads many pages from one address; the limiter has its own tests.
export RATE_LIMIT_PER_MINUTE=0
serve_fresh_demo e2e "$port"

cd end2end
BASE_URL="http://127.0.0.1:$port" npx playwright test "$@"
