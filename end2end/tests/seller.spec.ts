import { expect, type Page, test, type TestInfo } from "@playwright/test";
import { expectAccessible, hydrates, signIn, visit } from "./support";

// A 4×4 red PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGP4z8AARwzEcQCukw/x0F8jngAAAABJRU5ErkJggg==",
  "base64",
);

/** A word no other test or run uses, for titles and SKUs. */
function unique(testInfo: TestInfo): string {
  return `${testInfo.project.name.replace(/[^a-z]/g, "")}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

function variant(page: Page, n: number) {
  return page.getByRole("group", { name: `Variant ${n}` });
}

async function signInAsSeller(page: Page, testInfo: TestInfo) {
  await signIn(page, testInfo, "seller@example.com", "demo-password");
}

test("a seller creates a product with two variants and an image, publishes it and edits its price", async ({
  page,
}, testInfo) => {
  test.slow();
  const word = unique(testInfo);
  const title = `Test scarf ${word}`;
  await signInAsSeller(page, testInfo);

  await visit(page, "/seller/products/new", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New product");
  await expectAccessible(page, testInfo);
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Category", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Attributes").fill("material: wool");
  await page.getByLabel("Status").selectOption("published");
  await page.getByLabel("Option 1 name").fill("Size");
  await variant(page, 1).getByLabel("SKU").fill(`${word}-S`);
  await variant(page, 1).getByLabel("Price (€)").fill("30");
  await variant(page, 1).getByLabel("Stock").fill("5");
  await variant(page, 1).getByLabel("Option 1").fill("S");
  await variant(page, 2).getByLabel("SKU").fill(`${word}-M`);
  await variant(page, 2).getByLabel("Price (€)").fill("32.50");
  await variant(page, 2).getByLabel("Stock").fill("2");
  await variant(page, 2).getByLabel("Option 1").fill("M");
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page).toHaveURL(/\/seller\/products\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edit “${title}”`);
  const editor = page.url();

  await page.getByLabel("Choose images, or drop them here").setInputFiles({
    name: "notes.png",
    mimeType: "image/png",
    buffer: Buffer.from("not really an image"),
  });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByText("notes.png is not a JPEG, PNG or WebP image.")).toBeVisible();
  await page.getByLabel("Choose images, or drop them here").setInputFiles({
    name: "photo.jpg",
    mimeType: "image/jpeg",
    buffer: PNG,
  });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByText("1 image added.")).toBeVisible();
  await expect(page.getByLabel("Image 1: description for people who cannot see it")).toBeVisible();
  await expectAccessible(page, testInfo);

  // The shopper finds it.
  await visit(page, `/products?q=${encodeURIComponent(word)}`, testInfo);
  await page.getByRole("link", { name: title }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByTestId("price")).toContainText("€30.00");

  // The seller changes the price; the shopper sees the new one.
  await visit(page, editor.replace(/^https?:\/\/[^/]+/, ""), testInfo);
  await variant(page, 1).getByLabel("Price (€)").fill("28");
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(variant(page, 1).getByLabel("Price (€)")).toHaveValue("28.00");
  // Listings may be cached for a few seconds; the product page is not.
  const slug = title.toLowerCase().replace(/ /g, "-");
  await visit(page, `/p/${slug}`, testInfo);
  await expect(page.getByTestId("price")).toContainText("€28.00");

  // A French title, from the French tab: French shoppers read it, German
  // ones the English title, marked as English.
  await visit(page, editor.replace(/^https?:\/\/[^/]+/, ""), testInfo);
  if (hydrates(testInfo)) {
    await page.getByRole("tab", { name: "French" }).click();
    await expect(page.getByRole("tab", { name: "French" })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByLabel("Title", { exact: true })).toBeHidden();
  }
  await page.getByLabel("Title in French").fill(`Écharpe ${word}`);
  await expectAccessible(page, testInfo);
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await visit(page, `/fr/p/${slug}`, testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Écharpe ${word}`);
  await visit(page, `/de/p/${slug}`, testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("heading", { level: 1 })).toHaveAttribute("lang", "en");

  // The list finds it by SKU and archives it.
  await visit(page, `/seller/products?q=${word}-M`, testInfo);
  await expect(page.getByText("1 products")).toBeVisible();
  await expectAccessible(page, testInfo);
  await page.getByLabel(`Select ${title}`).check();
  await page.getByRole("button", { name: "Archive selected" }).click();
  await expect(page.getByText("1 product now archived.")).toBeVisible();
  const gone = await page.goto(`/p/${slug}`);
  expect(gone?.status()).toBe(404);
});

test("wrong product input is explained next to each field and kept", async ({ page }, testInfo) => {
  const word = unique(testInfo);
  await signInAsSeller(page, testInfo);
  await visit(page, "/seller/products/new", testInfo);
  await page.getByLabel("Title", { exact: true }).fill(`Broken ${word}`);
  await page.getByLabel("Attributes").fill("material wool");
  await variant(page, 1).getByLabel("SKU").fill(`${word}-A`);
  await variant(page, 1).getByLabel("Price (€)").fill("twelve");
  await page.getByRole("button", { name: "Save product" }).click();

  await expect(page.getByText('Write each attribute as name: value ("material wool" has no colon).')).toBeVisible();
  await expect(page.getByText("Choose a category, or propose a new one below.")).toBeVisible();
  await expect(page.getByText("Enter a price such as 12.50.")).toBeVisible();
  await expect(variant(page, 1).getByLabel("Price (€)")).toHaveValue("twelve");
  await expect(variant(page, 1).getByLabel("SKU")).toHaveValue(`${word}-A`);
  await expect(page.getByLabel("Attributes")).toHaveValue("material wool");
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(`Broken ${word}`);
  await expect(page.getByLabel("Price (€)").first()).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, testInfo);
});

test("another store's product is not found in the seller admin", async ({ page, browser }, testInfo) => {
  // The second demo store's owner finds one of their product ids…
  const theirs = await browser.newContext({ javaScriptEnabled: hydrates(testInfo) });
  const other = await theirs.newPage();
  await signIn(other, testInfo, "seller2@example.com", "demo-password");
  await visit(other, "/seller/products", testInfo);
  const href = await other.locator("a[href^='/seller/products/']").filter({ hasNotText: "New product" }).first().getAttribute("href");
  await theirs.close();
  expect(href).toMatch(/^\/seller\/products\/\d+$/);

  // …which does not exist for the first store's owner.
  await signInAsSeller(page, testInfo);
  const response = await visit(page, href!, testInfo);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(/Edit/);
});
