# Sourced by the project's scripts: where tools and build output live (outside
# the clone, so every checkout and CI run on this machine reuses them).
export BAZAAR_TOOLS="${BAZAAR_TOOLS:-$HOME/.cache/bazaar-tools}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/bazaar-target}"
export PATH="$BAZAAR_TOOLS/bin:$BAZAAR_TOOLS/node/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Queries are checked against the committed .sqlx data, so builds need no database.
export SQLX_OFFLINE="${SQLX_OFFLINE:-true}"
# The owner role: migrations, and tests that create a database each.
export DATABASE_URL="${DATABASE_URL:-postgres://bazaar:bazaar@127.0.0.1:5432/bazaar}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

# Serves as the rows-only role and migrates as the owner of DATABASE_URL
# (database name and all), as a production deployment does.
serve_as_app_role() {
  export DATABASE_MIGRATE_URL="$DATABASE_URL"
  export DATABASE_URL="postgres://bazaar_app:bazaar_app@${DATABASE_URL#*@}"
}

# The settings cargo-leptos gives the server it starts, for running the built
# binary directly on BIND_ADDR (default 127.0.0.1:3000).
leptos_site_env() {
  export LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_HASH_FILES=true
  export LEPTOS_SITE_ADDR="${BIND_ADDR:-127.0.0.1:3000}" LEPTOS_ENV="${1:-PROD}"
}

# Starts `BIN serve` in the background, logging to LOG, stops it when the
# calling script exits, and returns once /healthz answers (or fails, showing
# the log, if the server dies first).
serve_in_background() {
  local bin="$1" log="$2"
  "$bin" serve > "$log" 2>&1 &
  server_pid=$!
  trap 'kill $server_pid 2>/dev/null; wait $server_pid 2>/dev/null' EXIT
  for _ in $(seq 1 100); do
    curl -fs "http://$BIND_ADDR/healthz" >/dev/null && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$log"; return 1; }
    sleep 0.2
  done
  echo "the server did not become healthy; see $log"
  return 1
}
