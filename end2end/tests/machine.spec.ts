import { expect, test } from "@playwright/test";

test.describe("machine routes", () => {
  test("health, readiness and metrics answer", async ({ request }) => {
    const health = await request.get("/healthz");
    expect(health.status()).toBe(200);
    const ready = await request.get("/readyz");
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", database: "ok", redis: "ok" });
    const metrics = await request.get("/metrics");
    expect(await metrics.text()).toContain("http_requests_total");
  });

  test("pages carry a nonce-based CSP and the request id", async ({ request }) => {
    const response = await request.get("/");
    const csp = response.headers()["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]{22}'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const nonce = csp.match(/'nonce-([^']+)'/)![1];
    expect(await response.text()).toContain(`nonce="${nonce}"`);
  });

  test("hashed bundle files are cached for a year and sent precompressed", async ({ request }) => {
    const html = await (await request.get("/")).text();
    const css = html.match(/href="(\/pkg\/[^"]+\.css)"/)![1];
    const response = await request.get(css, { headers: { "accept-encoding": "br, gzip" } });
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toContain("immutable");
    expect(response.headers()["content-encoding"]).toBe("br");
    expect(response.headers()["content-type"]).toBe("text/css");
    expect(await response.text()).toContain(".filters-disclosure");
    const gzip = await request.get(css, { headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers()["content-encoding"]).toBe("gzip");
    expect(await gzip.text()).toBe(await response.text());
  });
});
