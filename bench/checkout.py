"""Checkout under load, through the real pages and the Stripe emulator.

Every shopper signs in and puts two items in the cart (set-up, not timed):
one of a scarce item, stocked for only half of the shoppers, and one of a
plentiful item from another store. Then all shoppers check out at once:
place the order, pay with 4242 4242 4242 4242 on the emulator's payment
page, and open the confirmation. A checkout counts as completed when the
confirmation shows the order paid; shoppers who find the scarce item gone
are refused. Afterwards the database is asked whether stock was oversold.

Usage: checkout.py BASE_URL DATABASE_URL SHOPPERS   (prints JSON)
"""

import http.client
import json
import re
import subprocess
import sys
import threading
import time
import urllib.parse

PASSWORD = "demo-password"
CARD = "4242424242424242"


def sql(database_url, query):
    output = subprocess.run(
        ["psql", database_url, "-v", "ON_ERROR_STOP=1", "-qtAc", query],
        check=True, capture_output=True, text=True,
    ).stdout
    return [line.split("|") for line in output.splitlines() if line]


class Browser:
    """One shopper's cookies; follows no redirects so each step is seen."""

    def __init__(self, base_url):
        self.base = base_url
        self.cookies = {}

    def request(self, method, url, form=None):
        url = urllib.parse.urljoin(self.base, url)
        parts = urllib.parse.urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        headers = {"Accept": "text/html", "Sec-Fetch-Site": "same-origin"}
        # Cookies belong to the app; the emulator's page gets none.
        if url.startswith(self.base) and self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = url
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        if url.startswith(self.base):
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers.get("Location"), text


def form_action(html, function):
    """The address of the form posting to the server function `function`."""
    match = re.search(rf'action="(/api/{function}[^"]*)"', html)
    if not match:
        raise SystemExit(f"no form for {function} on the page")
    return match.group(1)


def signed_in(base_url, email, password):
    """A browser signed in as `email` through the login form."""
    browser = Browser(base_url)
    _, _, login_page = browser.request("GET", "/login")
    status, _, _ = browser.request(
        "POST", form_action(login_page, "log_in"), {"email": email, "password": password, "next": "/"})
    if status not in (302, 303):
        raise SystemExit(f"signing in {email} answered {status}")
    return browser


def main():
    base_url, database_url, shoppers = sys.argv[1].rstrip("/"), sys.argv[2], int(sys.argv[3])
    run = str(int(time.time()))

    scarce, scarce_slug, scarce_store = sql(database_url, """
        SELECT v.id, p.slug, p.store_id FROM product_variants v
        JOIN products p ON p.id = v.product_id AND p.status = 'published'
        JOIN stores s ON s.id = p.store_id AND s.status = 'active'
        ORDER BY v.id LIMIT 1""")[0]
    [[plentiful]] = sql(database_url, f"""
        SELECT v.id FROM product_variants v
        JOIN products p ON p.id = v.product_id AND p.status = 'published'
        JOIN stores s ON s.id = p.store_id AND s.status = 'active'
        WHERE p.store_id <> {scarce_store} ORDER BY v.id LIMIT 1""")
    stock = shoppers // 2
    sql(database_url, f"""
        UPDATE product_variants SET stock = {stock} WHERE id = {scarce};
        UPDATE product_variants SET stock = {shoppers * 2} WHERE id = {plentiful};
        INSERT INTO users (email, password_hash, name, email_verified_at)
          SELECT 'bench-{run}-' || n || '@example.com',
                 (SELECT password_hash FROM users WHERE email = 'shopper@example.com'),
                 'Bench shopper ' || n, now()
          FROM generate_series(1, {shoppers}) n;
        INSERT INTO user_roles (user_id, role)
          SELECT id, 'customer' FROM users WHERE email LIKE 'bench-{run}-%';""")

    probe = Browser(base_url)
    _, _, login_page = probe.request("GET", "/login")
    log_in = form_action(login_page, "log_in")
    _, _, product_page = probe.request("GET", f"/p/{scarce_slug}")
    add_to_cart = form_action(product_page, "add_to_cart")

    browsers = []
    for n in range(1, shoppers + 1):
        browser = Browser(base_url)
        email = f"bench-{run}-{n}@example.com"
        status, _, _ = browser.request("POST", log_in, {"email": email, "password": PASSWORD, "next": "/"})
        if status not in (302, 303):
            raise SystemExit(f"signing in {email} answered {status}")
        for variant in (scarce, plentiful):
            browser.request("POST", add_to_cart, {"variant_id": variant, "quantity": "1"})
        browsers.append(browser)
    _, _, checkout_page = browsers[0].request("GET", "/checkout")
    place_order = form_action(checkout_page, "place_order")
    address = {
        "name": "Bench Shopper", "line1": "1 Load Street", "line2": "", "city": "Paris",
        "postal_code": "75002", "country": "FR", "phone": "+33 1 23 45 67 89",
    }

    results = [None] * shoppers
    start = threading.Barrier(shoppers + 1)

    def check_out(index):
        browser = browsers[index]
        start.wait()
        began = time.perf_counter()
        try:
            status, payment_page, _ = browser.request("POST", place_order, address)
            if not payment_page or "/pay/" not in payment_page:
                results[index] = ("refused", None)
                return
            status, back, _ = browser.request("POST", payment_page, {
                "card_number": CARD, "expiry": "12/34", "cvc": "123"})
            if status != 303 or not back:
                results[index] = ("failed", f"payment page answered {status}")
                return
            status, _, page = browser.request("GET", back)
            if status == 200 and 'data-testid="order-paid"' in page:
                results[index] = ("completed", time.perf_counter() - began)
            else:
                results[index] = ("failed", f"confirmation answered {status}")
        except Exception as error:  # a broken connection counts as a failure
            results[index] = ("failed", repr(error))

    threads = [threading.Thread(target=check_out, args=(i,)) for i in range(shoppers)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began

    latencies = sorted(value for kind, value in results if kind == "completed")
    failures = [value for kind, value in results if kind == "failed"]

    def percentile(share):
        if not latencies:
            return None
        return round(latencies[min(len(latencies) - 1, int(share * len(latencies)))] * 1000, 1)

    [[left]] = sql(database_url, f"SELECT stock FROM product_variants WHERE id = {scarce}")
    [[paid, reserved]] = sql(database_url, f"""
        SELECT count(*) FILTER (WHERE o.status = 'paid'),
               coalesce(sum(l.quantity) FILTER (WHERE o.status IN ('paid', 'pending_payment')), 0)
        FROM order_lines l JOIN store_orders so ON so.id = l.store_order_id
        JOIN orders o ON o.id = so.order_id JOIN users u ON u.id = o.customer_id
        WHERE l.variant_id = {scarce} AND u.email LIKE 'bench-{run}-%'""")
    left, paid, reserved = int(left), int(paid), int(reserved)
    print(json.dumps({
        "shoppers": shoppers,
        "scarce_stock": stock,
        "completed": len(latencies),
        "refused_sold_out": sum(1 for kind, _ in results if kind == "refused"),
        "failed": len(failures),
        "failures": failures[:5],
        "completed_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": percentile(0.50),
        "p99_ms": percentile(0.99),
        "stock_left": left,
        "paid_orders": paid,
        "oversold": left < 0 or reserved > stock or reserved + left != stock,
    }, indent=2))


if __name__ == "__main__":
    main()
