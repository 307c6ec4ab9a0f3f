"""The seller statistics page of the busy store, one request at a time.

Signs in as the owner of the store with the synthetic order history, finds
its busiest month, and loads `/seller/stats?month=…` (and its CSV) REQUESTS
times one after another, so each request's time is the server's own time
plus a local round trip. Prints JSON with p50/p99 in milliseconds and how
many order lines the month holds.

Usage: stats.py BASE_URL DATABASE_URL REQUESTS
"""

import json
import sys
import time

from checkout import signed_in, sql

SELLER = "scale-seller@example.com"
PASSWORD = "demo-password"


def percentile(samples, p):
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))], 2)


def timed(browser, path, requests):
    samples = []
    for _ in range(requests):
        started = time.perf_counter()
        status, _, _ = browser.request("GET", path)
        samples.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
    return {"p50_ms": percentile(samples, 50), "p99_ms": percentile(samples, 99)}


def main():
    base_url, database_url, requests = sys.argv[1].rstrip("/"), sys.argv[2], int(sys.argv[3])
    [[month, lines, total_lines]] = sql(database_url, f"""
        WITH store AS (SELECT store_id FROM store_members m JOIN users u ON u.id = m.user_id
                       WHERE u.email = '{SELLER}')
        SELECT to_char(date_trunc('month', so.paid_at AT TIME ZONE 'Europe/Paris'), 'YYYY-MM'),
               count(*), sum(count(*)) OVER ()
        FROM store_orders so JOIN order_lines l ON l.store_order_id = so.id
        WHERE so.store_id = (SELECT store_id FROM store)
        GROUP BY 1 ORDER BY 2 DESC LIMIT 1""")
    browser = signed_in(base_url, SELLER, PASSWORD)
    page = f"/seller/stats?month={month}"
    timed(browser, page, 5)  # warm-up
    print(json.dumps({
        "month": month,
        "month_order_lines": int(lines),
        "store_order_lines": int(total_lines),
        "requests": requests,
        "page": timed(browser, page, requests),
        "csv": timed(browser, f"/seller/stats.csv?month={month}", requests),
    }, indent=2))


if __name__ == "__main__":
    main()
