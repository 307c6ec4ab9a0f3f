import { expect, test } from "@playwright/test";
import { expectAccessible, hydrates, visit } from "./support";

test("a shopper picks a variant, adds it to the cart, changes the quantity and removes it", async ({
  page,
}, testInfo) => {
  test.slow();
  await visit(page, "/products?q=ring", testInfo);
  await page.locator(".product-card a").first().click();
  // Read the product page only once it shows: a hydrated click keeps the
  // listing on screen while the product page's code loads.
  await expect(page.getByRole("group", { name: "Choose an option" })).toBeVisible();
  const title = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
  const before = (await page.getByTestId("price").textContent()) ?? "";
  await page.getByLabel("XL").check();
  if (hydrates(testInfo)) {
    // The ring's XL size costs more than the others.
    await expect(page.getByTestId("price")).not.toHaveText(before);
  } else {
    await page.getByRole("button", { name: "Show price and stock" }).click();
    await expect(page).toHaveURL(/\?variant=\d+$/);
  }
  const price = (await page.getByTestId("price").textContent())?.trim() ?? "";
  await page.getByLabel("Quantity").fill("1");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to your cart.")).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("1");
  await expectAccessible(page, testInfo);

  await page.getByRole("link", { name: "View your cart" }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your cart");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByText("Size: XL")).toBeVisible();
  await expect(page.getByTestId("cart-total")).toHaveText(price);
  await expectAccessible(page, testInfo);

  // More than the stock is refused with the reason; the line stays.
  await page.getByLabel(`Quantity of ${title}`).fill("99");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByText(/^Only \d+ left\.$/)).toBeVisible();
  await expect(page.getByTestId("cart-total")).toHaveText(price);

  await page.getByRole("button", { name: `Remove ${title}` }).click();
  await expect(page.getByText("Your cart is empty.")).toBeVisible();
  await expect(page.getByTestId("cart-count")).toBeHidden();
});

test("adding more than the stock explains how many are left", async ({ page }, testInfo) => {
  await visit(page, "/products?q=ring", testInfo);
  await page.locator(".product-card a").first().click();
  await page.getByLabel("Quantity").fill("99");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText(/^Only \d+ left\.$/)).toBeVisible();
  await expect(page.getByLabel("Quantity")).toHaveValue("99");
  await expect(page.getByLabel("Quantity")).toHaveAttribute("aria-invalid", "true");
});
