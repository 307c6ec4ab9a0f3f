# Sourced by the project's scripts: where tools and build output live (outside
# the clone, so every checkout and CI run on this machine reuses them).
export BAZAAR_TOOLS="${BAZAAR_TOOLS:-$HOME/.cache/bazaar-tools}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/bazaar-target}"
# Checkouts share that build cache; naming the checkout makes the workspace's
# own crates rebuild when another checkout built last (texts/build.rs).
BAZAAR_CHECKOUT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export BAZAAR_CHECKOUT
export PATH="$BAZAAR_TOOLS/bin:$BAZAAR_TOOLS/node/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Queries are checked against the committed .sqlx data, so builds need no database.
export SQLX_OFFLINE="${SQLX_OFFLINE:-true}"
# Linking the server and the test binaries is much faster with mold, which
# `scripts/tools.sh` installs with the servers.
export CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS="${CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS:--C link-arg=-fuse-ld=mold}"
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

# Serves the release build (or BAZAAR_BIN) on 127.0.0.1:PORT with a fresh
# database `bazaar_NAME` seeded with the demo data, its own uploads folder
# and its own payment emulator, apart from a `make run` on the same machine;
# stopped when the calling script exits. Used by the end-to-end and the API
# contract tests.
serve_fresh_demo() {
  local name="$1" port="$2"
  local bin="${BAZAAR_BIN:-$CARGO_TARGET_DIR/release/bazaar}"
  local uploads="$CARGO_TARGET_DIR/$name-uploads"
  runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS bazaar_$name WITH (FORCE)" >/dev/null
  runuser -u postgres -- psql -qc "CREATE DATABASE bazaar_$name OWNER bazaar" >/dev/null
  rm -rf "$uploads"
  export APP_ENV=test STORAGE_URL="file://$uploads"
  export DATABASE_URL="postgres://bazaar:bazaar@127.0.0.1:5432/bazaar_$name"
  export BIND_ADDR="127.0.0.1:$port" APP_URL="http://127.0.0.1:$port"
  export STRIPE_EMULATOR_ADDR="127.0.0.1:$((port + 9000))"
  leptos_site_env PROD
  serve_as_app_role
  "$bin" seed --demo >/dev/null
  serve_in_background "$bin" "$CARGO_TARGET_DIR/$name-server.log"
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
