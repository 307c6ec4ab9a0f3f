#!/usr/bin/env bash
# The browser bundle must never compile database, password, mail, payment or
# Redis code: fail if any such crate is in the wasm build's dependency graph.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

forbidden='^(sqlx|sqlx-[a-z-]+|tokio-postgres|postgres|argon2|lettre|async-stripe|async-stripe-[a-z-]+|stripe|redis|fred|tower-sessions|tower-sessions-redis-store|mio|server)$'
found=$(cargo tree -p bazaar --no-default-features --features hydrate --target wasm32-unknown-unknown \
  -e normal --prefix none --format '{p}' | awk '{print $1}' | sort -u | grep -E "$forbidden" || true)
if [ -n "$found" ]; then
  echo "the browser bundle depends on server-only crates:"
  echo "$found"
  exit 1
fi
echo "browser bundle: no server-only crates"
