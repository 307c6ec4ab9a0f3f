# Sourced by the project's scripts: where tools and build output live (outside
# the clone, so every checkout and CI run on this machine reuses them).
export BAZAAR_TOOLS="${BAZAAR_TOOLS:-$HOME/.cache/bazaar-tools}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/bazaar-target}"
export PATH="$BAZAAR_TOOLS/bin:$BAZAAR_TOOLS/node/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Queries are checked against the committed .sqlx data, so builds need no database.
export SQLX_OFFLINE="${SQLX_OFFLINE:-true}"
export DATABASE_URL="${DATABASE_URL:-postgres://bazaar:bazaar@127.0.0.1:5432/bazaar}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
