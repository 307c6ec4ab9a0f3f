#!/usr/bin/env bash
# Lighthouse (mobile preset, its simulated slow network and CPU) on the home
# page, the listing and a product page of the release build with a fresh demo
# database; prints each page's performance score and paint times. On demand,
# not part of `make test` (scores vary from run to run); see docs/decisions.md.
#
#   scripts/lighthouse.sh [PORT]     (default 3400)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

port="${1:-3400}"
lighthouse="$BAZAAR_TOOLS/lighthouse"
# Pinned to the last 12: Lighthouse 13 needs Node.js 22.
if [ "$("$lighthouse/node_modules/.bin/lighthouse" --version 2>/dev/null)" != "12.8.2" ]; then
  mkdir -p "$lighthouse"
  [ -f "$lighthouse/package.json" ] || echo '{"private":true}' > "$lighthouse/package.json"
  (cd "$lighthouse" && npm install --no-audit --no-fund -E lighthouse@12.8.2)
fi

export RATE_LIMIT_PER_MINUTE=0
serve_fresh_demo lighthouse "$port"
product="$(psql "$DATABASE_URL" -tAc "SELECT slug FROM products WHERE status = 'published' ORDER BY id LIMIT 1")"

out="$CARGO_TARGET_DIR/lighthouse"
mkdir -p "$out"
for page in home:/ products:/products "product:/p/$product"; do
  name="${page%%:*}" path="${page#*:}"
  CHROME_PATH=/usr/bin/chromium "$lighthouse/node_modules/.bin/lighthouse" "http://127.0.0.1:$port$path" \
    --only-categories=performance --output=json --output-path="$out/$name.json" --quiet \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync"
  python3 - "$out/$name.json" "$path" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
audits = report["audits"]
def ms(key):
    return f"{audits[key]['numericValue'] / 1000:.2f} s"
print(f"{sys.argv[2]:40} performance {round(report['categories']['performance']['score'] * 100):3}"
      f"  first contentful paint {ms('first-contentful-paint')}"
      f"  largest contentful paint {ms('largest-contentful-paint')}"
      f"  total blocking time {audits['total-blocking-time']['numericValue']:.0f} ms")
PY
done
echo "reports: $out"
