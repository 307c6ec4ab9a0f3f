"""The API's bulk stock update: 500 SKUs of the busy store in one request.

Signs in as the owner of the store with the synthetic catalog, makes an API
token on /account/tokens as a person would (api_token.py), then sends `PATCH
/api/v1/inventory` with up to 500 of the store's SKUs REQUESTS times, one
after another, alternating two stock levels so every request changes every
row. Prints JSON with p50/p99 in milliseconds and the number of SKUs.

Usage: inventory.py BASE_URL DATABASE_URL REQUESTS
"""

import http.client
import json
import sys
import time
import urllib.parse

from api_token import token
from checkout import signed_in, sql
from stats import PASSWORD, SELLER, percentile


def patch(base_url, secret, body):
    parts = urllib.parse.urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request("PATCH", "/api/v1/inventory", body=body, headers={
            "Authorization": f"Bearer {secret}", "Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def main():
    base_url, database_url, requests = sys.argv[1].rstrip("/"), sys.argv[2], int(sys.argv[3])
    skus = [row[0] for row in sql(database_url, f"""
        SELECT v.sku FROM product_variants v
        JOIN store_members m ON m.store_id = v.store_id JOIN users u ON u.id = m.user_id
        WHERE u.email = '{SELLER}' ORDER BY v.id LIMIT 500""")]
    secret = token(signed_in(base_url, SELLER, PASSWORD), ["catalog:write"])
    bodies = [json.dumps({"items": [{"sku": sku, "stock": level} for sku in skus]}) for level in (40, 41)]
    samples = []
    for n in range(requests + 5):
        started = time.perf_counter()
        status = patch(base_url, secret, bodies[n % 2])
        elapsed = (time.perf_counter() - started) * 1000
        if status != 200:
            raise SystemExit(f"the update answered {status}")
        if n >= 5:  # the first few warm up
            samples.append(elapsed)
    print(json.dumps({"skus": len(skus), "requests": requests,
                      "p50_ms": percentile(samples, 50), "p99_ms": percentile(samples, 99)}))


if __name__ == "__main__":
    main()
