import { expect, test } from "@playwright/test";
import { expectAccessible, signIn, visit } from "./support";

test("a seller makes an API token, sees it once, uses it and revokes it", async ({ page }, testInfo) => {
  const name = `Stock sync ${testInfo.project.name} ${Date.now().toString(36)}`;
  await signIn(page, testInfo, "seller@example.com", "demo-password");
  await visit(page, "/seller", testInfo);
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API tokens");
  await expectAccessible(page, testInfo);

  // Nothing chosen: the problem is named, the name kept.
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Choose at least one scope.")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);

  await page.getByLabel(/^catalog:write/).check();
  await page.getByLabel("Expires").selectOption("30");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Token created. Copy it now: it is not shown again.")).toBeVisible();
  const secret = await page.getByLabel("Your new token").inputValue();
  expect(secret).toMatch(/^bzr_[0-9A-Za-z]{38}$/);
  await expectAccessible(page, testInfo);

  const api = (token: string) =>
    page.request.patch("/api/v1/inventory", {
      headers: { authorization: `Bearer ${token}` },
      data: { items: [{ sku: "no-such-sku", stock: 1 }] },
    });
  // Known token, unknown SKU: refused for the SKU, not for the token.
  expect((await api(secret)).status()).toBe(422);

  // Shown once: gone on the next visit, the token listed.
  await visit(page, "/account/tokens", testInfo);
  await expect(page.getByLabel("Your new token")).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("catalog:write");

  await row.locator("summary").click();
  await row.getByLabel(`Yes, revoke “${name}”`).check();
  await row.getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByText("Token revoked: it no longer works.")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(0);
  expect((await api(secret)).status()).toBe(401);

  // The reference the page links to.
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bazaar API");
  await expect(page.getByText("/api/v1/inventory")).toBeVisible();
  await expectAccessible(page, testInfo);
});
