"""Live updates: how soon a payment reaches an open page, and what a stream costs.

Latency: a shopper keeps one stream (`/events`) open and places ORDERS orders
one after another. Each is paid by a `checkout.session.completed` webhook that
this script signs the way Stripe does and posts itself, so it knows when the
webhook was answered; the figure is the time from that answer to the order's
event arriving on the stream (negative when the event came first).

Memory: STREAMS streams are opened at once on one sign-in, and the server's
resident memory is read from /proc before and after.

Usage: live.py BASE_URL DATABASE_URL EMULATOR_URL WEBHOOK_SECRET SERVER_PID ORDERS STREAMS
(prints JSON)
"""

import asyncio
import hashlib
import hmac
import http.client
import json
import sys
import threading
import time
import urllib.parse
import urllib.request

from checkout import form_action, signed_in, sql

PASSWORD = "demo-password"


class Stream(threading.Thread):
    """Reads one event stream, noting when each order's event arrived."""

    def __init__(self, base_url, cookies):
        super().__init__(daemon=True)
        parts = urllib.parse.urlsplit(base_url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        self.connection.request("GET", "/events", headers={
            "Accept": "text/event-stream",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        })
        self.response = self.connection.getresponse()
        if self.response.status != 200:
            raise SystemExit(f"/events answered {self.response.status}")
        self.arrived = {}
        self.changed = threading.Condition()

    def run(self):
        try:
            self.read_events()
        except (OSError, AttributeError, ValueError):
            pass  # closed by `latency` once it has what it needs

    def read_events(self):
        kind = None
        for raw in self.response:
            line = raw.decode().rstrip("\r\n")
            if line.startswith("event:"):
                kind = line[6:].strip()
            elif line.startswith("data:") and kind == "order":
                subject = json.loads(line[5:])["subject_id"]
                with self.changed:
                    self.arrived.setdefault(subject, time.perf_counter())
                    self.changed.notify_all()

    def wait_for(self, order_id, timeout=10):
        with self.changed:
            self.changed.wait_for(lambda: order_id in self.arrived, timeout)
            return self.arrived.get(order_id)


def emulator_session(emulator_url, session_id):
    request = urllib.request.Request(
        f"{emulator_url}/v1/checkout/sessions/{session_id}",
        headers={"Authorization": "Bearer sk_test_bench"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def post_webhook(base_url, secret, event):
    """Posts `event` signed as Stripe signs; answers when the answer was read."""
    payload = json.dumps(event)
    timestamp = str(int(time.time()))
    signature = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    parts = urllib.parse.urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("POST", "/webhooks/stripe", body=payload, headers={
            "Content-Type": "application/json",
            "Stripe-Signature": f"t={timestamp},v1={signature}",
        })
        response = connection.getresponse()
        response.read()
        answered = time.perf_counter()
    finally:
        connection.close()
    if response.status != 200:
        raise SystemExit(f"the webhook answered {response.status}")
    return answered


def latency(base_url, database_url, emulator_url, secret, orders, run):
    [[variant]] = sql(database_url, """
        SELECT v.id FROM product_variants v
        JOIN products p ON p.id = v.product_id AND p.status = 'published'
        JOIN stores s ON s.id = p.store_id AND s.status = 'active'
        ORDER BY v.id LIMIT 1""")
    email = f"bench-live-{run}@example.com"
    sql(database_url, f"""
        UPDATE product_variants SET stock = stock + {orders} WHERE id = {variant};
        INSERT INTO users (email, password_hash, name, email_verified_at)
          SELECT '{email}', password_hash, 'Live bench shopper', now()
          FROM users WHERE email = 'shopper@example.com';
        INSERT INTO user_roles (user_id, role) SELECT id, 'customer' FROM users WHERE email = '{email}';""")
    browser = signed_in(base_url, email, PASSWORD)
    [[slug]] = sql(database_url, f"""
        SELECT p.slug FROM products p JOIN product_variants v ON v.product_id = p.id WHERE v.id = {variant}""")
    _, _, product_page = browser.request("GET", f"/p/{slug}")
    add_to_cart = form_action(product_page, "add_to_cart")
    address = {
        "name": "Live Bench", "line1": "1 Stream Street", "line2": "", "city": "Paris",
        "postal_code": "75002", "country": "FR", "phone": "+33 1 23 45 67 89",
    }
    stream = Stream(base_url, browser.cookies)
    stream.start()

    delays, lost = [], 0
    place_order = None
    for n in range(orders):
        browser.request("POST", add_to_cart, {"variant_id": variant, "quantity": "1"})
        if place_order is None:
            _, _, checkout_page = browser.request("GET", "/checkout")
            place_order = form_action(checkout_page, "place_order")
        _, payment_page, _ = browser.request("POST", place_order, address)
        if not payment_page or "/pay/" not in payment_page:
            raise SystemExit(f"order {n + 1} was not placed")
        session = emulator_session(emulator_url, payment_page.rsplit("/", 1)[1])
        session.update(status="complete", payment_status="paid", payment_intent=f"pi_bench_{run}_{n}", url=None)
        order_id = int(session["client_reference_id"])
        answered = post_webhook(base_url, secret, {
            "id": f"evt_bench_{run}_{n}", "object": "event", "api_version": "2026-09-30.endive",
            "created": int(time.time()), "data": {"object": session}, "livemode": False,
            "pending_webhooks": 1, "request": {"id": None, "idempotency_key": None},
            "type": "checkout.session.completed",
        })
        arrived = stream.wait_for(order_id)
        if arrived is None:
            lost += 1
        else:
            delays.append(arrived - answered)
    stream.connection.close()
    delays.sort()

    def percentile(share):
        if not delays:
            return None
        return round(delays[min(len(delays) - 1, int(share * len(delays)))] * 1000, 2)

    return {
        "orders": orders,
        "events_received": len(delays),
        "events_lost": lost,
        "p50_ms": percentile(0.50),
        "p99_ms": percentile(0.99),
        "max_ms": round(delays[-1] * 1000, 2) if delays else None,
    }, browser.cookies


def resident_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise SystemExit(f"no VmRSS for process {pid}")


async def hold_streams(base_url, cookies, count, pid):
    parts = urllib.parse.urlsplit(base_url)
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    request = (f"GET /events HTTP/1.1\r\nHost: {parts.netloc}\r\nAccept: text/event-stream\r\n"
               f"Cookie: {cookie}\r\n\r\n").encode()

    async def open_one():
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        writer.write(request)
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 200"):
            raise SystemExit(f"/events answered {head.splitlines()[0]!r}")
        return writer

    before = resident_kib(pid)
    writers = []
    for start in range(0, count, 200):
        writers += await asyncio.gather(*(open_one() for _ in range(start, min(count, start + 200))))
    await asyncio.sleep(2)
    after = resident_kib(pid)
    for writer in writers:
        writer.close()
    return {
        "streams": count,
        "server_rss_before_mib": round(before / 1024, 1),
        "server_rss_with_streams_mib": round(after / 1024, 1),
        "kib_per_stream": round((after - before) / count, 1),
    }


def main():
    base_url, database_url, emulator_url, secret = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3].rstrip("/"), sys.argv[4]
    pid, orders, streams = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
    run = str(int(time.time()))
    delivery, cookies = latency(base_url, database_url, emulator_url, secret, orders, run)
    memory = asyncio.run(hold_streams(base_url, cookies, streams, pid))
    print(json.dumps({"webhook_to_stream": delivery, "open_streams": memory}, indent=2))


if __name__ == "__main__":
    main()
