import { type Page, expect, test } from "@playwright/test";
import { expectAccessible, hydrates, visit } from "./support";

test("the home page lists demo products from the database", async ({ page }, testInfo) => {
  const response = await visit(page, "/", testInfo);
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle("Bazaar");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Independent stores, one checkout");
  const cards = page.locator(".product-card");
  await expect(cards).toHaveCount(12);
  await expect(cards.first().locator("img")).toBeVisible();
  await expect(cards.first().locator(".product-card__price")).toContainText("€");
  await expectAccessible(page, testInfo);
});

test("a shopper searches from the header and opens a product", async ({ page }, testInfo) => {
  await visit(page, "/", testInfo);
  await page.getByLabel("Search products").fill("merino");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/products\?q=merino/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results for “merino”");
  const first = page.locator(".product-card").first();
  await expect(first).toContainText(/Merino/);
  await expectAccessible(page, testInfo);
  await first.locator("a").click();
  await expect(page).toHaveURL(/\/p\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Merino");
  // Shared links and search engines see one address and the offers.
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /^http:\/\/.+\/p\/[a-z0-9-]+$/);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", /\.webp$/);
  const product = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(product["@type"]).toBe("Product");
  expect(product.offers[0].priceCurrency).toBe("EUR");
  await expect(page.getByRole("heading", { name: "More from this category" })).toBeVisible();
});

test("a search with no match says so and offers a way back", async ({ page }, testInfo) => {
  await visit(page, "/products?q=zzzznothing", testInfo);
  await expect(page.getByText("No products match your search.")).toBeVisible();
  await expect(page.getByRole("link", { name: "browse everything" })).toHaveAttribute("href", "/products");
  await expectAccessible(page, testInfo);
});

test("the listing pages through every product", async ({ page }, testInfo) => {
  await visit(page, "/products", testInfo);
  await expect(page.locator(".result-count")).toHaveText("63 products");
  await expect(page.locator(".product-card")).toHaveCount(24);
  const firstTitle = await page.locator(".product-card__title").first().textContent();
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText("Page 2 of 3")).toBeVisible();
  await expect(page.locator(".product-card__title").first()).not.toHaveText(firstTitle ?? "");
  await expectAccessible(page, testInfo);
});

test("a category link shows only that category's products", async ({ page }, testInfo) => {
  await visit(page, "/", testInfo);
  await page.getByRole("navigation", { name: "Categories" }).getByRole("link", { name: "Stationery" }).click();
  await expect(page).toHaveURL(/\/c\/stationery$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Stationery");
  await expect(page.locator(".result-count")).toHaveText("15 products");
  await expectAccessible(page, testInfo);
});

/** The "Filters" toggle that phones fold the filter form behind. */
function filtersToggle(page: Page) {
  return page.locator("summary").filter({ hasText: "Filters" });
}

/** Opens the filter form where it is folded; wide screens show it. */
async function openFilters(page: Page) {
  const toggle = filtersToggle(page);
  if (await toggle.isVisible()) await toggle.click();
}

test("on a phone the products come first and the filters fold away", async ({ page }, testInfo) => {
  test.skip(!testInfo.project.name.startsWith("mobile"), "wide screens show the filters beside the results");
  await visit(page, "/products", testInfo);
  await expect(page.locator(".result-count")).toBeInViewport();
  await expect(page.locator(".product-card").first()).toBeInViewport({ ratio: 0.5 });
  const filters = page.getByRole("form", { name: "Filter products" });
  await expect(filters).toBeHidden();
  const toggle = filtersToggle(page);
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(filters).toBeVisible();
  await expectAccessible(page, testInfo);

  await filters.getByLabel("Category").selectOption("stationery");
  await filters.getByLabel("In stock only").check();
  await filters.getByLabel("To", { exact: true }).fill("25");
  await filters.getByLabel("To", { exact: true }).press("Enter");
  await expect(page).toHaveURL(/category=stationery/);
  await expect(page).toHaveURL(/in_stock=1/);
  await expect(toggle).toContainText("3 active");
  // The chips stay outside the folded form, so they show whether it is open or not.
  const chips = page.getByRole("list", { name: "Active filters" });
  await expect(chips.getByRole("link", { name: /Up to €25/ })).toBeVisible();
  await expectAccessible(page, testInfo);
});

test("a shopper narrows a listing by price and category, then removes a filter", async ({ page }, testInfo) => {
  await visit(page, "/products", testInfo);
  await openFilters(page);
  const filters = page.getByRole("form", { name: "Filter products" });
  await filters.getByLabel("Category").selectOption("stationery");
  await filters.getByLabel("To", { exact: true }).fill("25");
  await filters.getByLabel("Sort by").selectOption("price_asc");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/category=stationery/);
  await expect(page).toHaveURL(/price_max=25/);
  const chips = page.getByRole("list", { name: "Active filters" });
  await expect(chips.getByRole("link", { name: /Up to €25/ })).toBeVisible();
  const prices = await page.locator(".product-card__price").allTextContents();
  expect(prices.length).toBeGreaterThan(0);
  const amounts = prices.map((p) => Number(p.replace(/[^0-9.]/g, "")));
  for (const amount of amounts) expect(amount).toBeLessThanOrEqual(25);
  expect([...amounts].sort((a, b) => a - b)).toEqual(amounts);
  await expectAccessible(page, testInfo);

  await chips.getByRole("link", { name: /Up to €25/ }).click();
  await expect(page).not.toHaveURL(/price_max/);
  await expect(page.locator(".result-count")).toHaveText("15 products");
});

test("a store page shows the store and only its products", async ({ page }, testInfo) => {
  const response = await visit(page, "/s/paper-and-pine", testInfo);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Paper & Pine");
  const stores = await page.locator(".product-card__store").allTextContents();
  expect(stores.length).toBeGreaterThan(0);
  for (const store of stores) expect(store).toContain("Paper & Pine");
  await expectAccessible(page, testInfo);
});

test("the variant picker shows each variant's price and stock", async ({ page }, testInfo) => {
  await visit(page, "/products?q=ring", testInfo);
  await page.locator(".product-card a").first().click();
  await expect(page.getByRole("group", { name: "Choose an option" })).toBeVisible();
  const url = page.url();
  const price = page.getByTestId("price");
  const before = await price.textContent();
  // The ring's XL size costs €5 more than the others.
  await page.getByLabel("XL").check();
  if (hydrates(testInfo)) {
    await expect(page.getByRole("button", { name: "Show price and stock" })).toBeHidden();
    await expect(price).not.toHaveText(before ?? "");
    expect(page.url()).toBe(url);
  } else {
    await page.getByRole("button", { name: "Show price and stock" }).click();
    await expect(page).toHaveURL(/\?variant=\d+$/);
    await expect(page.getByLabel("XL")).toBeChecked();
    await expect(price).not.toHaveText(before ?? "");
  }
  await expect(page.getByTestId("stock")).toHaveText(/In stock|Only \d+ left|Sold out/);
  await expectAccessible(page, testInfo);
});

test("while the product page's code loads, a bar says the page is loading, then the product shows", async ({
  page,
}, testInfo) => {
  test.skip(!hydrates(testInfo), "without JavaScript each page is a whole new load");
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/pkg\/split_product_area_[^/]*\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await visit(page, "/products?q=ring", testInfo);
  await page.locator(".product-card a").first().click();
  const loading = page.getByRole("progressbar", { name: "Loading the page" });
  await expect(loading).toBeVisible();
  await expectAccessible(page, testInfo);
  release();
  await expect(page.getByRole("group", { name: "Choose an option" })).toBeVisible();
  await expect(loading).toHaveCount(0);
});

test("a listing fetches the product page's code while idle, so opening a product loads none", async ({ page }, testInfo) => {
  test.skip(!hydrates(testInfo), "without JavaScript no code is loaded at all");
  const productCode = page.waitForResponse(/\/pkg\/split_product_area_[^/]*\.wasm$/);
  await visit(page, "/products", testInfo);
  expect((await productCode).ok()).toBe(true);
  const loadedLater: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith(".wasm")) loadedLater.push(request.url());
  });
  await page.locator(".product-card a").first().click();
  await expect(page).toHaveURL(/\/p\/[a-z0-9-]+$/);
  await expect(page.getByRole("button", { name: "Add to cart" })).toBeVisible();
  expect(loadedLater).toEqual([]);
});

test("an unknown product is a 404 page with a way back", async ({ page }, testInfo) => {
  const response = await page.goto("/p/no-such-product");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByText("Request id:")).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the shop" })).toBeVisible();
  if (hydrates(testInfo)) {
    await page.waitForFunction(() => document.body.dataset.hydrated === "true");
  }
  await expectAccessible(page, testInfo);
});

test("the page can be used by keyboard alone: skip link and search", async ({ page }, testInfo) => {
  await visit(page, "/", testInfo);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Bazaar", exact: true })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Search products")).toBeFocused();
  await page.keyboard.type("vase");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=vase/);
  await expect(page.locator(".product-card").first()).toContainText("Vase");
});

test("the product gallery shows the picture a shopper picks, by keyboard or pointer", async ({ page }, testInfo) => {
  // Demo clothing has three pictures: the front, the back and a close-up.
  await visit(page, "/products?q=merino", testInfo);
  const href = await page.locator(".product-card a").first().getAttribute("href");
  expect(href).toMatch(/^\/p\/[a-z0-9-]+$/);
  await visit(page, href!, testInfo);
  const main = page.locator(".product__image");
  const thumbnails = page.getByRole("list", { name: "Product images" }).getByRole("link");
  await expect(thumbnails).toHaveCount(3);
  await expect(thumbnails.nth(0)).toHaveAccessibleName(/^Show image 1 of 3: .*Merino/);
  await expect(thumbnails.nth(1)).toHaveAccessibleName(/^Show image 2 of 3: .+, seen from the back$/);
  await expect(thumbnails.nth(0)).toHaveAttribute("aria-current", "true");
  await expect(thumbnails.nth(1)).not.toHaveAttribute("aria-current");

  // Another variant than the one shown: the thumbnails' links keep it.
  const option = page.getByRole("radio", { checked: false }).first();
  const variant = await option.getAttribute("value");
  const chosen = page.locator(`input[name="variant"][value="${variant}"]`);
  await option.check();
  if (!hydrates(testInfo)) {
    await page.getByRole("button", { name: "Show price and stock" }).click();
    await expect(page).toHaveURL(new RegExp(`\\?variant=${variant}$`));
  }
  await expect(thumbnails.nth(1)).toHaveAttribute("href", `?variant=${variant}&image=2`);

  // Keyboard: Tab from the first thumbnail to the second, Enter shows it.
  const url = page.url();
  const front = await main.getAttribute("src");
  await thumbnails.nth(0).focus();
  await page.keyboard.press("Tab");
  await expect(thumbnails.nth(1)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(thumbnails.nth(1)).toHaveAttribute("aria-current", "true");
  await expect(thumbnails.nth(0)).not.toHaveAttribute("aria-current");
  await expect(main).toHaveAttribute("alt", /, seen from the back$/);
  await expect(main).not.toHaveAttribute("src", front ?? "");
  if (hydrates(testInfo)) {
    expect(page.url()).toBe(url);
  } else {
    await expect(page).toHaveURL(new RegExp(`\\?variant=${variant}&image=2$`));
  }
  await expect(chosen).toBeChecked();

  // Pointer: the third thumbnail.
  const back = await main.getAttribute("src");
  await thumbnails.nth(2).click();
  await expect(thumbnails.nth(2)).toHaveAttribute("aria-current", "true");
  await expect(main).toHaveAttribute("alt", /close-up/);
  await expect(main).not.toHaveAttribute("src", back ?? "");
  if (hydrates(testInfo)) {
    expect(page.url()).toBe(url);
  } else {
    await expect(page).toHaveURL(new RegExp(`\\?variant=${variant}&image=3$`));
  }
  await expectAccessible(page, testInfo);
});

test("a product with one picture shows no thumbnails", async ({ page }, testInfo) => {
  await visit(page, "/products?q=vase", testInfo);
  const href = await page.locator(".product-card a").first().getAttribute("href");
  await visit(page, href!, testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Vase");
  await expect(page.locator(".product__image")).toBeVisible();
  await expect(page.getByRole("list", { name: "Product images" })).toHaveCount(0);
});
