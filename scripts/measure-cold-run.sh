#!/usr/bin/env bash
# Measures what a newcomer waits for: `make run` in a fresh clone of the
# committed HEAD with empty tool, build and crate caches (Debian packages
# already installed stay installed), until the home page answers; then a
# second `make run` with nothing changed. Prints each step's time (from
# scripts/run.sh) and the totals. On demand, not part of `make test`; it
# takes as long as a first install. See docs/development.md.
#
#   scripts/measure-cold-run.sh [PORT]     (default 3300)
set -euo pipefail
cd "$(dirname "$0")/.."

port="${1:-3300}"
work="$(mktemp -d)"
git clone -q . "$work/bazaar"
export BAZAAR_TOOLS="$work/tools" CARGO_TARGET_DIR="$work/target" CARGO_HOME="$work/cargo-home"
export BIND_ADDR="127.0.0.1:$port" APP_URL="http://127.0.0.1:$port"
export STRIPE_EMULATOR_ADDR="127.0.0.1:$((port + 9000))"
export BAZAAR_DB_NAME=bazaar_cold_run
export DATABASE_URL="postgres://bazaar:bazaar@127.0.0.1:5432/$BAZAAR_DB_NAME"
# rustup's own commands stay where they are; only crates are fetched afresh.
export PATH="$HOME/.cargo/bin:$PATH"
if pg_isready -h 127.0.0.1 -p 5432 -q; then
  runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS $BAZAAR_DB_NAME WITH (FORCE)"
fi

# Runs `make run` until the home page answers; prints the seconds it took.
time_to_first_page() {
  local log="$1" start=$SECONDS
  (cd "$work/bazaar" && exec make run) > "$log" 2>&1 &
  local pid=$!
  until curl -fs -o /dev/null "http://$BIND_ADDR/"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -40 "$log" >&2
      echo "make run stopped before serving; the log is $log" >&2
      exit 1
    fi
    sleep 1
  done
  local took=$((SECONDS - start))
  pkill -TERM -P "$pid" 2>/dev/null || true
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  sleep 1
  echo "$took"
}

# The "Ready in" summary that scripts/run.sh prints before serving.
step_times() { sed 's/\x1b\[[0-9;]*m//g' "$1" | sed -n '/^Ready in/,/^$/p'; }

echo "==> cold make run in $work (this takes a while)"
cold="$(time_to_first_page "$work/cold.log")"
step_times "$work/cold.log"
echo "==> second make run, nothing changed"
warm="$(time_to_first_page "$work/warm.log")"
step_times "$work/warm.log"
printf 'cold make run to the first page: %ss\nsecond make run to the first page: %ss\n' "$cold" "$warm"
echo "logs and caches are in $work (remove it when done)"
