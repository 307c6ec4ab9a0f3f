#!/usr/bin/env bash
# `make bench`: serves the release build over a large synthetic catalog and
# measures with wrk the throughput and latency of the main pages, the API, the
# hashed stylesheet and main wasm module, and a listing sent compressed; then
# checkout under load through the Stripe emulator (bench/checkout.py), the
# seller statistics over a year of orders (bench/stats.py), the API's bulk
# stock update (bench/inventory.py) and the size of the browser bundle.
# Figures go to bench/results/<time>.json; nothing is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

bash scripts/tools.sh
bash scripts/services.sh
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

cargo leptos build --release --precompress --split

port="${BENCH_PORT:-3200}"
duration="${BENCH_DURATION:-10s}"
connections="${BENCH_CONNECTIONS:-32}"
products="${BENCH_PRODUCTS:-10000}"
shoppers="${BENCH_SHOPPERS:-200}"
bin="$CARGO_TARGET_DIR/release/bazaar"
runuser -u postgres -- psql -qc "SELECT 1 FROM pg_database WHERE datname = 'bazaar_bench'" -tA | grep -q 1 \
  || runuser -u postgres -- psql -qc "CREATE DATABASE bazaar_bench OWNER bazaar"

export APP_ENV=test DATABASE_URL="postgres://bazaar:bazaar@127.0.0.1:5432/bazaar_bench"
export UPLOAD_DIR="$CARGO_TARGET_DIR/bench-uploads" BIND_ADDR="127.0.0.1:$port" APP_URL="http://127.0.0.1:$port"
export RATE_LIMIT_PER_MINUTE=0 LOG_FORMAT=json RUST_LOG=warn
export STRIPE_EMULATOR_ADDR="127.0.0.1:$((port + 9000))"
leptos_site_env PROD

"$bin" seed --demo --scale "$products"
serve_in_background "$bin" "$CARGO_TARGET_DIR/bench-server.log"

product="$(psql "$DATABASE_URL" -tAc "SELECT slug FROM products WHERE status = 'published' ORDER BY id LIMIT 1")"
declare -A targets=(
  [home]="/"
  [listing]="/products"
  [search]="/products?q=wool"
  [category]="/products?category=home"
  [filtered]="/products?q=wool&category=home&price_max=50&sort=price_asc"
  [product]="/p/$product"
  [healthz]="/healthz"
  [api_products]="/api/v1/products?limit=20"
)
# Asked for as a browser does, accepting brotli and gzip: the hashed
# stylesheet and main module (precompressed) and a listing (compressed as sent).
pkg=target/site/pkg
declare -A compressed=(
  [stylesheet]="/pkg/$(basename "$(ls "$pkg"/bazaar.*.css | head -1)")"
  [wasm_main]="/pkg/$(basename "$(ls "$pkg"/bazaar.*.wasm | head -1)")"
  [listing_compressed]="/products"
)
raw="$CARGO_TARGET_DIR/bench-raw"
rm -rf "$raw"
mkdir -p "$raw"
for name in "${!targets[@]}"; do
  echo "==> $name ${targets[$name]}"
  wrk -t2 -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port${targets[$name]}" | tee "$raw/$name.txt"
done
for name in "${!compressed[@]}"; do
  echo "==> $name ${compressed[$name]}, brotli or gzip"
  wrk -t2 -c"$connections" -d"$duration" --latency -H 'Accept-Encoding: br, gzip' \
    "http://127.0.0.1:$port${compressed[$name]}" | tee "$raw/$name.txt"
done

echo "==> checkout, $shoppers shoppers at once"
python3 bench/checkout.py "http://127.0.0.1:$port" "$DATABASE_URL" "$shoppers" | tee "$raw/checkout.json"

echo "==> seller statistics of the busy store, one request at a time"
python3 bench/stats.py "http://127.0.0.1:$port" "$DATABASE_URL" 100 | tee "$raw/stats.json"

echo "==> the API's bulk stock update, 500 SKUs, one request at a time"
python3 bench/inventory.py "http://127.0.0.1:$port" "$DATABASE_URL" 100 | tee "$raw/inventory.json"

mkdir -p bench/results
result="bench/results/$(date -u +%Y%m%dT%H%M%SZ).json"
python3 bench/summarise.py "$raw" "$pkg" "$products" "$connections" > "$result"
cat "$result"
echo "written to $result"
