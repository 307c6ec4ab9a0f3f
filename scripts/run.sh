#!/usr/bin/env bash
# `make run`: what serving needs on a fresh machine, then the marketplace on
# http://127.0.0.1:3000 with demo data. Each step says what it does and how
# long it took; the slow ones happen only the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

times=()
timed() {
  local what="$1" start=$SECONDS
  shift
  printf '\033[1m==> %s\033[0m\n' "$what"
  "$@"
  times+=("$(printf '%5ss  %s' $((SECONDS - start)) "$what")")
}

timed "Build tools: PostgreSQL, Redis, cargo-leptos, wasm-bindgen (installed the first time only, 10 to 20 minutes)" \
  bash scripts/tools.sh serve
timed "Starting PostgreSQL and Redis on 127.0.0.1:5432 and :6379" bash scripts/services.sh
timed "Building the server and the browser code (the first time 20 to 30 minutes; afterwards only what changed)" \
  cargo leptos build --split
bin="$CARGO_TARGET_DIR/debug/bazaar"
leptos_site_env DEV
serve_as_app_role
timed "Migrating the database and seeding the demo data when it is empty" "$bin" seed --demo

printf '\n\033[1mReady in %ss:\033[0m\n' "$SECONDS"
printf '  %s\n' "${times[@]}"
cat <<TEXT

Bazaar: http://${BIND_ADDR:-127.0.0.1:3000}
Demo accounts, password demo-password:
  admin@example.com     platform admin; its second step is a code from an
                        authenticator app given the key BAZAARDEMOADMINTOTPKEYFORLOCAL23
  seller@example.com    owner of Northwind Knits
  seller2@example.com   owner of Atelier Ceramica
  shopper@example.com   customer
Mail sent by the site is at http://${BIND_ADDR:-127.0.0.1:3000}/_dev/mail
Payments go to the built-in Stripe emulator. Ctrl-C stops the server.

TEXT
exec "$bin" serve
