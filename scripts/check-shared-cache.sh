#!/usr/bin/env bash
# Shows that checkouts sharing one build cache each get their own browser
# bundle: clones the committed HEAD twice, gives the second clone a different
# text before either builds (so its sources are older than the first clone's
# artefacts), builds the first clone's bundle, then the second's, into the
# same CARGO_TARGET_DIR, and checks that each bundle holds its own text.
# Run on demand (it builds the workspace's browser code twice, a few
# minutes); see docs/development.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
text="We could not reach Bazaar."
changed="Bazaar is out of reach ($RANDOM$RANDOM)."
git clone -q . "$work/first"
git clone -q . "$work/second"
sed -i "s/$text/$changed/" "$work/second/texts/src/lib.rs"
grep -qF "$changed" "$work/second/texts/src/lib.rs"

# The bundle a checkout built holds exactly one of the two texts.
holds() {
  local checkout="$1" wanted="$2" unwanted="$3"
  grep -rqF "$wanted" "$checkout/target/site/pkg" && ! grep -rqF "$unwanted" "$checkout/target/site/pkg"
}

for checkout in first second; do
  echo "==> building the browser bundle of the $checkout clone"
  (cd "$work/$checkout" && source scripts/env.sh && cargo leptos build --split --frontend-only)
done

status=0
holds "$work/first" "$text" "$changed" || { echo "the first clone's bundle is not its own"; status=1; }
holds "$work/second" "$changed" "$text" || { echo "the second clone's bundle is the first clone's"; status=1; }
[ "$status" = 0 ] && echo "each clone built its own browser bundle"
exit "$status"
