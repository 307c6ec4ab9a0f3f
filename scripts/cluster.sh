#!/usr/bin/env bash
# Bazaar as several nodes run it, on this machine. Sourced by the scripts
# that need one (`start_cluster NAME PORT`, `stop_cluster NAME`), or run as
#
#   bash scripts/cluster.sh start   # `make cluster`: http://localhost:3000
#   bash scripts/cluster.sh stop    # `make cluster-stop`
#
# A cluster is: PostgreSQL and Redis as for `make run`, an S3-compatible
# server (moto) holding the images, the payment emulator as its own process,
# two `bazaar serve` nodes of the release build on PORT+1 and PORT+2, and
# HAProxy on PORT in front (deploy/haproxy.cfg). Its database `bazaar_NAME`
# is created afresh with the demo data, since the bucket lives in memory.

# Starts the processes in the background, each in its own session so that
# they outlive the calling script; their ids and logs go to the cluster's
# folder under the build directory.
start_cluster() {
  local name="$1" port="$2"
  local bin="${BAZAAR_BIN:-$CARGO_TARGET_DIR/release/bazaar}"
  local dir="$CARGO_TARGET_DIR/cluster-$name"
  local s3_port=$((port + 6000))
  stop_cluster "$name"
  mkdir -p "$dir"

  cluster_process "$dir" s3 moto_server -H 127.0.0.1 -p "$s3_port"
  wait_until_answering "http://127.0.0.1:$s3_port/" "$dir/s3.log"
  curl -fsS -X PUT "http://127.0.0.1:$s3_port/bazaar" >/dev/null

  PGOPTIONS='-c client_min_messages=warning' \
    runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS bazaar_$name WITH (FORCE)" >/dev/null
  runuser -u postgres -- psql -qc "CREATE DATABASE bazaar_$name OWNER bazaar" >/dev/null
  # A name, not an IP address: browsers offer passkeys only to a domain.
  export APP_ENV=test APP_URL="http://localhost:$port"
  export DATABASE_URL="postgres://bazaar:bazaar@127.0.0.1:5432/bazaar_$name"
  export STORAGE_URL=s3://bazaar S3_ENDPOINT="http://127.0.0.1:$s3_port"
  export S3_ACCESS_KEY_ID=local S3_SECRET_ACCESS_KEY=local
  export TRUSTED_PROXIES=127.0.0.1
  export STRIPE_EMULATOR_ADDR="127.0.0.1:$((port + 9000))"
  export STRIPE_API_URL="http://$STRIPE_EMULATOR_ADDR"
  leptos_site_env PROD
  serve_as_app_role
  "$bin" seed --demo >/dev/null

  cluster_process "$dir" emulator "$bin" stripe-emulator
  local node
  for node in 1 2; do
    BIND_ADDR="127.0.0.1:$((port + node))" cluster_process "$dir" "node$node" "$bin" serve
  done
  for node in 1 2; do
    wait_until_answering "http://127.0.0.1:$((port + node))/readyz" "$dir/node$node.log"
  done
  BALANCER_ADDR="127.0.0.1:$port" NODE_1="127.0.0.1:$((port + 1))" NODE_2="127.0.0.1:$((port + 2))" \
    cluster_process "$dir" balancer haproxy -db -f deploy/haproxy.cfg
  wait_until_answering "http://127.0.0.1:$port/readyz" "$dir/balancer.log"
}

# Stops what `start_cluster NAME` started (SIGTERM: the nodes drain).
stop_cluster() {
  local pids="$CARGO_TARGET_DIR/cluster-$1/pids"
  [ -f "$pids" ] || return 0
  local pid
  while read -r pid; do
    kill "$pid" 2>/dev/null || true
  done < "$pids"
  while read -r pid; do
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  done < "$pids"
  rm -f "$pids"
}

cluster_process() {
  local dir="$1" name="$2"
  shift 2
  setsid "$@" > "$dir/$name.log" 2>&1 < /dev/null &
  echo $! >> "$dir/pids"
}

wait_until_answering() {
  local url="$1" log="$2"
  for _ in $(seq 1 150); do
    curl -fs -o /dev/null "$url" && return 0
    sleep 0.2
  done
  echo "nothing answered $url; see $log"
  cat "$log"
  return 1
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  cd "$(dirname "$0")/.."
  source scripts/env.sh
  case "${1:-}" in
    start)
      bash scripts/tools.sh
      bash scripts/services.sh
      cargo leptos build --release --precompress --split
      start_cluster local 3000
      cat <<TEXT

Bazaar on two nodes behind HAProxy: http://localhost:3000
  nodes     http://localhost:3001 and :3002
  images    moto (S3) on http://127.0.0.1:9000, bucket "bazaar"
  payments  the emulator on http://127.0.0.1:12000
  logs      $CARGO_TARGET_DIR/cluster-local/
Demo accounts as for \`make run\` (password demo-password). \`make cluster-stop\` stops it.
TEXT
      ;;
    stop) stop_cluster local ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
  esac
fi
