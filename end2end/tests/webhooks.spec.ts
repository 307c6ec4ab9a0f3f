import { expect, test } from "@playwright/test";
import { expectAccessible, signIn, visit } from "./support";

test("a seller adds a webhook endpoint, sees its secret once, sends a test event, rotates the secret and removes it", async ({
  page,
}, testInfo) => {
  test.slow();
  // Nothing listens there, so the test event's attempt fails and is logged.
  const url = `http://127.0.0.1:9/hooks/${testInfo.project.name}-${Date.now().toString(36)}`;
  await signIn(page, testInfo, "seller@example.com", "demo-password");
  await visit(page, "/seller/settings", testInfo);
  await page.getByRole("link", { name: "Manage webhooks" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Webhooks");
  await expectAccessible(page, testInfo);

  // No event chosen: the problem is named, the URL kept.
  await page.getByLabel("URL").fill(url);
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText("Pick at least one event.")).toBeVisible();
  await expect(page.getByLabel("URL")).toHaveValue(url);

  await page.getByLabel(/^order\.paid/).check();
  await page.getByLabel(/^product\.low_stock/).check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText(/^Endpoint added\. Copy its signing secret now/)).toBeVisible();
  const secret = await page.getByLabel("Signing secret").inputValue();
  expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
  const endpoint = page.getByTestId("webhook-endpoint").filter({ hasText: url });
  await expect(endpoint).toContainText("order.paid, product.low_stock");
  await expect(endpoint).toContainText(secret.slice(-4));
  await expectAccessible(page, testInfo);

  await endpoint.getByRole("button", { name: /^Send test event/ }).click();
  await expect(page.getByText(/^Test event queued/)).toBeVisible();
  await expect(async () => {
    await visit(page, "/seller/settings/webhooks", testInfo);
    const delivery = page.getByTestId("webhook-delivery").filter({ hasText: url }).first();
    await expect(delivery).toContainText("webhook.test", { timeout: 1000 });
    await expect(delivery).toContainText("Connection refused", { timeout: 1000 });
  }).toPass({ timeout: 20000 });
  // Shown once: gone after the reload.
  await expect(page.getByLabel("Signing secret")).toHaveCount(0);
  await expectAccessible(page, testInfo);

  await endpoint.locator("summary", { hasText: "Rotate secret" }).click();
  await endpoint.getByLabel(/^Yes, make a new secret/).check();
  await endpoint.getByRole("button", { name: "Rotate secret", exact: true }).click();
  await expect(page.getByText(/^New signing secret made/)).toBeVisible();
  const rotated = await page.getByLabel("Signing secret").inputValue();
  expect(rotated).toMatch(/^whsec_[0-9a-f]{64}$/);
  expect(rotated).not.toBe(secret);

  await endpoint.locator("summary", { hasText: "Remove" }).click();
  await endpoint.getByLabel(`Yes, stop sending to ${url}`).check();
  await endpoint.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page.getByText("Endpoint removed.")).toBeVisible();
  await expect(page.getByTestId("webhook-endpoint").filter({ hasText: url })).toHaveCount(0);
});
