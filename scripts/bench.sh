#!/usr/bin/env bash
# `make bench`: serves the release build over a large synthetic catalog and
# measures with wrk the throughput and latency of the main pages, the API, the
# hashed stylesheet and main wasm module, and a listing sent compressed; then
# checkout under load through the Stripe emulator (bench/checkout.py), the
# seller statistics over a year of orders (bench/stats.py), the API's bulk
# stock update (bench/inventory.py), the listing through HAProxy with one node
# and with two, and the size of the browser bundle.
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
export STORAGE_URL="file://$CARGO_TARGET_DIR/bench-uploads" BIND_ADDR="127.0.0.1:$port" APP_URL="http://127.0.0.1:$port"
export RATE_LIMIT_PER_MINUTE=0 LOG_FORMAT=json RUST_LOG=warn
# bench/live.py holds thousands of streams open from one sign-in and address.
export LIVE_STREAMS_PER_SESSION=5000 LIVE_STREAMS_PER_IP=5000
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

live_orders="${BENCH_LIVE_ORDERS:-200}" live_streams="${BENCH_LIVE_STREAMS:-2000}"
echo "==> live updates: webhook to stream over $live_orders orders, then $live_streams streams held open"
python3 bench/live.py "http://127.0.0.1:$port" "$DATABASE_URL" "http://$STRIPE_EMULATOR_ADDR" \
  whsec_bazaar_local_emulator "$server_pid" "$live_orders" "$live_streams" | tee "$raw/live.json"

# The same listing through HAProxy (deploy/haproxy.cfg): first with both of
# its server lines on this node, which measures the balancer's hop, then with
# a second node. Both nodes share this machine's cores with wrk and HAProxy,
# so the second one adds little here; on separate machines it would.
echo "==> /products through the balancer, one node then two"
second="127.0.0.1:$((port + 1))" balancer="127.0.0.1:$((port + 2))"
BIND_ADDR="$second" STRIPE_API_URL="http://$STRIPE_EMULATOR_ADDR" \
  "$bin" serve > "$CARGO_TARGET_DIR/bench-server-2.log" 2>&1 &
second_pid=$!
trap 'kill $server_pid $second_pid 2>/dev/null; wait 2>/dev/null' EXIT
balance() {
  BALANCER_ADDR="$balancer" NODE_1="127.0.0.1:$port" NODE_2="$2" haproxy -db -f deploy/haproxy.cfg &
  local haproxy_pid=$!
  until curl -fs -o /dev/null "http://$balancer/readyz"; do sleep 0.2; done
  sleep 3 # both servers pass their health checks (rise 2, every second)
  wrk -t2 -c"$connections" -d"$duration" --latency "http://$balancer/products" | tee "$raw/$1.txt"
  kill "$haproxy_pid"
  wait "$haproxy_pid" 2>/dev/null || true
}
balance listing_via_balancer_one_node "127.0.0.1:$port"
until curl -fs -o /dev/null "http://$second/readyz"; do sleep 0.2; done
balance listing_via_balancer_two_nodes "$second"

mkdir -p bench/results
result="bench/results/$(date -u +%Y%m%dT%H%M%SZ).json"
python3 bench/summarise.py "$raw" "$pkg" "$products" "$connections" > "$result"
cat "$result"
echo "written to $result"
