#!/usr/bin/env bash
# Contract fuzzing of the API with Schemathesis, from the OpenAPI document the
# server generates: the release build serves a fresh, seeded database on its
# own port; the public catalog is fuzzed without a token, a store's endpoints
# with a token of the demo seller. Every answer must be below 500 and match
# the status codes and schemas the document gives for it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

port="${CONTRACT_PORT:-3200}"
st="$BAZAAR_TOOLS/schemathesis/bin/st"
# Fuzzing sends thousands of requests; the limiters have their own tests.
export RATE_LIMIT_PER_MINUTE=0 API_RATE_LIMIT_PER_MINUTE=1000000
serve_fresh_demo contract "$port"

base="http://127.0.0.1:$port"
token=$(python3 bench/api_token.py "$base" seller@example.com demo-password \
  catalog:read catalog:write orders:read orders:write stats:read)

# A fixed seed: the same cases on every run, so a failure reproduces. Run
# from a scratch folder, where Schemathesis leaves its working files.
scratch="$CARGO_TARGET_DIR/contract-work"
mkdir -p "$scratch"
run() {
  (cd "$scratch" && "$st" run "$base/api/v1/openapi.json" --url "$base/api/v1" \
    --checks not_a_server_error,status_code_conformance,response_schema_conformance \
    --phases examples,coverage,fuzzing --max-examples 100 --seed 20261202 \
    --generation-database none --no-color "$@")
}

echo "== the public catalog, without a token"
run --include-tag catalog
echo "== a store's products, stock, orders and figures, with the demo seller's token"
run -H "Authorization: Bearer $token" \
  --include-tag "store products" --include-tag inventory \
  --include-tag "store orders" --include-tag "store statistics"
