#!/usr/bin/env bash
# `make test`: formatting, lints (server and browser builds), the browser
# bundle's dependency rule, the dependency policy (deny.toml), the `.sqlx`
# data, unit and integration tests on real PostgreSQL and Redis, Playwright
# against the release build, and Schemathesis against the release build's API.
# Ends with one line `N passed, N failed` over every test suite.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

logs="$CARGO_TARGET_DIR/test-logs"
mkdir -p "$logs"
passed=0
failed=0
broken_steps=()

step() { printf '\n\033[1m==> %s\033[0m\n' "$1"; }

# Runs a check that is not a test suite; a failure is reported at the end.
check() {
  local name="$1"; shift
  step "$name"
  if ! "$@"; then
    broken_steps+=("$name")
  fi
}

# Adds the counts in cargo's "test result:" lines to the totals.
count_cargo_tests() {
  local p f
  p=$(grep -oE 'test result: [a-zA-Z]+\. [0-9]+ passed' "$1" | awk '{s += $4} END {print s + 0}')
  f=$(grep -oE '[0-9]+ failed;' "$1" | awk '{s += $1} END {print s + 0}')
  passed=$((passed + p))
  failed=$((failed + f))
}

# Adds Playwright's closing "N passed" / "N failed" lines to the totals.
count_playwright_tests() {
  local p f
  p=$(grep -oE '^ +[0-9]+ passed' "$1" | awk '{s += $1} END {print s + 0}')
  f=$(grep -oE '^ +[0-9]+ (failed|flaky)' "$1" | awk '{s += $1} END {print s + 0}')
  passed=$((passed + p))
  failed=$((failed + f))
}

# Adds the operations Schemathesis tested to the passed count when the run
# passed, and its unique failures (at least one) to the failed count when not.
count_contract_tests() {
  local log="$1" status="$2" p f
  if [ "$status" -eq 0 ]; then
    p=$(grep -oE '^ +Tested: [0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
    passed=$((passed + p))
  else
    f=$(grep -oE 'found [0-9]+ unique failures' "$log" | awk '{s += $2} END {print s + 0}')
    failed=$((failed + (f > 0 ? f : 1)))
  fi
}

step "tools and services"
bash scripts/tools.sh || exit 1
bash scripts/services.sh || exit 1

check "rustfmt" cargo fmt --all --check
check "clippy (server build)" cargo clippy --workspace --all-targets --features bazaar/ssr -- -D warnings
check "clippy (browser build)" cargo clippy -p bazaar -p app --lib --features bazaar/hydrate --target wasm32-unknown-unknown -- -D warnings
check "browser bundle holds no server-only crate" bash scripts/check-wasm-deps.sh
# Offline: the advisory database cannot be fetched here (see deny.toml). The
# policy covers every platform's crates, which builds here never download.
check "crates of every platform" cargo fetch --locked --quiet
check "dependency policy (cargo deny)" cargo deny --offline --locked check licenses bans sources
check ".sqlx query data is current" bash scripts/sqlx-prepare.sh --check

step "unit and integration tests"
# Each integration test creates (and drops) its own database from DATABASE_URL.
if ! cargo test --workspace --features bazaar/ssr --no-fail-fast 2>&1 | tee "$logs/cargo-test.log"; then
  broken_steps+=("cargo test")
fi
count_cargo_tests "$logs/cargo-test.log"

step "release build"
if cargo leptos build --release --precompress --split 2>&1 | tee "$logs/release-build.log"; then
  step "end-to-end tests (Playwright, Chromium)"
  if ! bash scripts/e2e.sh 2>&1 | tee "$logs/e2e.log"; then
    broken_steps+=("end-to-end tests")
  fi
  count_playwright_tests "$logs/e2e.log"

  step "API contract tests (Schemathesis)"
  bash scripts/contract.sh 2>&1 | tee "$logs/contract.log"
  contract_status=${PIPESTATUS[0]}
  [ "$contract_status" -eq 0 ] || broken_steps+=("API contract tests")
  count_contract_tests "$logs/contract.log" "$contract_status"
else
  broken_steps+=("release build")
fi

echo
if [ "${#broken_steps[@]}" -gt 0 ]; then
  printf 'failed steps: %s\n' "${broken_steps[*]}"
fi
echo "$passed passed, $failed failed"
[ "${#broken_steps[@]}" -eq 0 ] && [ "$failed" -eq 0 ]
