import { type Browser, expect, type Page, test, type TestInfo } from "@playwright/test";
import { expectAccessible, hydrates, newEmail, newVerifiedShopper, register, signIn, signInAsAdmin, visit } from "./support";

// A 4×4 red PNG: the storefront shows every product with a picture.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGP4z8AARwzEcQCukw/x0F8jngAAAABJRU5ErkJggg==",
  "base64",
);

/** A word no other test or run uses, for store addresses and titles. */
function unique(testInfo: TestInfo): string {
  return `${testInfo.project.name.replace(/[^a-z]/g, "")}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** A page signed in as the demo platform admin, in a context of its own. */
async function adminPage(browser: Browser, beside: Page, testInfo: TestInfo): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: hydrates(testInfo),
    viewport: beside.viewportSize(),
  });
  const admin = await context.newPage();
  await signInAsAdmin(admin, testInfo);
  return admin;
}

/** A new seller's store with one published product; returns its address. */
async function newStoreWithProduct(page: Page, testInfo: TestInfo, word: string): Promise<string> {
  await newVerifiedShopper(page, testInfo, "owner");
  await visit(page, "/seller/onboarding", testInfo);
  await page.getByLabel("Store name").fill(`Lamps ${word}`);
  await page.getByLabel("Store address").fill(`lamps-${word}`);
  await page.getByRole("button", { name: "Open my store" }).click();
  await expect(page).toHaveURL(/\/seller$/);
  await visit(page, "/seller/products/new", testInfo);
  await page.getByLabel("Title", { exact: true }).fill(`Lamp ${word}`);
  await page.getByLabel("Category", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Status").selectOption("published");
  const variant = page.getByRole("group", { name: "Variant 1" });
  await variant.getByLabel("SKU").fill(`${word}-L`);
  await variant.getByLabel("Price (€)").fill("45");
  await variant.getByLabel("Stock").fill("3");
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page).toHaveURL(/\/seller\/products\/\d+$/);
  await page.getByLabel("Choose images, or drop them here").setInputFiles({
    name: "lamp.png",
    mimeType: "image/png",
    buffer: PNG,
  });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByText("1 image added.")).toBeVisible();
  return `lamps-${word}`;
}

test("an admin suspends a store, its products leave search, then reactivates it", async ({
  page,
  browser,
}, testInfo) => {
  test.slow();
  const word = unique(testInfo);
  const slug = await newStoreWithProduct(page, testInfo, word);
  await visit(page, `/products?q=${word}`, testInfo);
  await expect(page.getByRole("link", { name: `Lamp ${word}` }).first()).toBeVisible();

  const admin = await adminPage(browser, page, testInfo);
  await visit(admin, `/admin/stores?q=${slug}`, testInfo);
  await expect(admin.getByTestId("store-row")).toHaveCount(1);
  await expectAccessible(admin, testInfo);
  await admin.getByRole("link", { name: `Lamps ${word}` }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`Lamps ${word}`);
  await expect(admin.getByRole("cell", { name: `Lamp ${word}` })).toBeVisible();

  // Without the confirmation nothing happens, and the reason stays typed.
  await admin.getByLabel("Reason").fill("Lamps reported unsafe");
  await admin.getByRole("button", { name: "Suspend the store" }).click();
  await expect(admin.getByText("Tick the box to confirm")).toBeVisible();
  await expect(admin.getByLabel("Reason")).toHaveValue("Lamps reported unsafe");
  await admin.getByLabel("I understand the store's products leave the storefront").check();
  await admin.getByRole("button", { name: "Suspend the store" }).click();
  await expect(admin.getByText("The store is suspended; its products are no longer for sale.")).toBeVisible();
  await expect(admin.getByTestId("store-status")).toHaveText("Suspended");
  await expectAccessible(admin, testInfo);

  await visit(page, `/products?q=${word}`, testInfo);
  await expect(page.getByRole("link", { name: `Lamp ${word}` })).toHaveCount(0);
  await visit(page, "/seller", testInfo);
  await expect(page.getByTestId("store-suspended")).toContainText("Lamps reported unsafe");

  await admin.getByRole("button", { name: "Reactivate the store" }).click();
  await expect(admin.getByTestId("store-status")).toHaveText("Active");
  await visit(page, `/products?q=${word}`, testInfo);
  await expect(page.getByRole("link", { name: `Lamp ${word}` }).first()).toBeVisible();
  await admin.context().close();

  // The owner closes the store for good, which the other journeys never see.
  await visit(page, "/seller/settings", testInfo);
  await page.getByRole("button", { name: "Close the store" }).click();
  await expect(page.getByText("Tick the box to confirm")).toBeVisible();
  await page.getByLabel("I understand the store closes for good").check();
  await page.getByRole("button", { name: "Close the store" }).click();
  // The button reads "Please wait…" while the request runs; the section goes once it is done.
  await expect(page.getByRole("heading", { name: "Close the store" })).toHaveCount(0);
  await visit(page, "/seller", testInfo);
  await expect(page.getByText("This store is closed")).toBeVisible();
  await visit(page, `/products?q=${word}`, testInfo);
  await expect(page.getByRole("link", { name: `Lamp ${word}` })).toHaveCount(0);
});

test("an admin assigns the seller role, and removes it only once confirmed", async ({ page, browser }, testInfo) => {
  test.slow();
  const email = newEmail(testInfo, "promoted");
  await register(page, testInfo, email);

  const admin = await adminPage(browser, page, testInfo);
  await visit(admin, "/admin/users", testInfo);
  await admin.getByLabel("Email or name").fill(email);
  await admin.getByRole("button", { name: "Show" }).click();
  await expect(admin.getByTestId("user-row")).toHaveCount(1);
  await expectAccessible(admin, testInfo);
  await admin.getByRole("link", { name: email }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(email);
  await expect(admin.getByTestId("user-status")).toHaveText("Active, email not confirmed");

  const seller = admin.getByTestId("role-seller");
  await expect(seller).toContainText("not held");
  await seller.getByRole("button", { name: "Grant" }).click();
  await expect(admin.getByText("The seller role was granted.")).toBeVisible();
  await expect(admin.getByTestId("role-seller")).toContainText("held");
  await expectAccessible(admin, testInfo);

  await admin.getByTestId("role-seller").getByRole("button", { name: "Remove" }).click();
  await expect(admin.getByText("Tick the box to confirm removing this role.")).toBeVisible();
  await expect(admin.getByTestId("role-seller")).toContainText("— held");
  await admin.getByTestId("role-seller").getByLabel("Confirm removing").check();
  await admin.getByTestId("role-seller").getByRole("button", { name: "Remove" }).click();
  await expect(admin.getByText("The seller role was removed.")).toBeVisible();
  await expect(admin.getByTestId("role-seller")).toContainText("not held");

  await visit(admin, `/admin/audit?action=role&actor=admin%40example.com`, testInfo);
  await expect(admin.getByRole("cell", { name: "role.revoked" }).first()).toBeVisible();
  await expectAccessible(admin, testInfo);
  await admin.context().close();
});

test("the admin's dashboard, categories and orders read well by keyboard", async ({ page }, testInfo) => {
  test.slow();
  await signInAsAdmin(page, testInfo);
  await visit(page, "/admin", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Platform admin");
  await expect(page.getByTestId("stats-figure").filter({ hasText: "GMV" })).toBeVisible();
  await page.getByRole("link", { name: "← Previous month" }).click();
  await expect(page.getByRole("group", { name: "Orders by status" })).toBeVisible();
  await expectAccessible(page, testInfo);

  await visit(page, "/admin/categories", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Categories");
  const first = page.getByTestId("category-row").first().locator("summary");
  await first.focus();
  await expect(first).toBeFocused();
  await expectAccessible(page, testInfo);

  await visit(page, "/admin/orders?q=shopper%40example.com&status=paid", testInfo);
  await expect(page.getByTestId("order-row").first()).toBeVisible();
  await expectAccessible(page, testInfo);
  await page.getByTestId("order-row").first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Order BZ-/);
  await expectAccessible(page, testInfo);
});

test("a seller's settings and dashboard pass axe", async ({ page }, testInfo) => {
  await signIn(page, testInfo, "seller2@example.com", "demo-password");
  await visit(page, "/seller", testInfo);
  await expect(page.getByTestId("dashboard-to-ship")).toBeVisible();
  await expectAccessible(page, testInfo);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Store settings");
  await page.getByLabel("Warn when a variant has this many or fewer left").fill("100001");
  await page.getByRole("button", { name: "Save the threshold" }).click();
  await expect(page.getByText("Enter a whole number from 0 to 100,000.")).toBeVisible();
  await expect(page.getByLabel("Warn when a variant has this many or fewer left")).toHaveValue("100001");
  await expectAccessible(page, testInfo);
});

test("an admin reads on the dashboard whether mail failed and opens the failed mail", async ({
  page,
  browser,
}, testInfo) => {
  const admin = await adminPage(browser, page, testInfo);
  await visit(admin, "/admin", testInfo);
  await expect(admin.getByRole("heading", { name: "Mail", level: 2 })).toBeVisible();
  await expect(admin.getByTestId("failed-mail")).toBeVisible();
  await admin.getByRole("navigation", { name: "Platform admin" }).getByRole("link", { name: "Failed mail" }).click();
  await expect(admin).toHaveURL(/\/admin\/mail$/);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Failed mail");
  await expectAccessible(admin, testInfo);
});

test("an admin sets a country's VAT rates, and a typo is explained next to its field", async ({
  page,
}, testInfo) => {
  await signInAsAdmin(page, testInfo);
  await visit(page, "/admin/vat", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("VAT rates");
  const france = page.getByRole("form", { name: "France" });
  await expect(france.getByLabel("Standard (%)")).toHaveValue("20");
  await expect(france.getByLabel("Reduced (%)")).toHaveValue("5.5");
  await expectAccessible(page, testInfo);

  // A country without rates that no other journey delivers to, one per
  // project, since the projects run side by side.
  const country = { desktop: "Poland", "desktop-no-js": "Portugal", mobile: "Sweden", "mobile-no-js": "Finland" }[
    testInfo.project.name
  ]!;
  const form = () => page.getByRole("form", { name: country });
  const save = `Save the rates of ${country}`;
  await form().getByLabel("Standard (%)").fill("2 3");
  await form().getByRole("button", { name: save }).click();
  await expect(form().getByText("Enter a percentage from 0 to 100")).toBeVisible();
  await expect(form().getByLabel("Standard (%)")).toHaveValue("2 3");
  await expect(form().getByLabel("Standard (%)")).toHaveAttribute("aria-invalid", "true");

  await form().getByLabel("Standard (%)").fill("23");
  await form().getByLabel("Reduced (%)").fill("8");
  await form().getByRole("button", { name: save }).click();
  await expect(page.getByText(`VAT rates of ${country} saved.`)).toBeVisible();
  await expect(form().getByLabel("Standard (%)")).toHaveValue("23");

  // Back as it was, so every run starts from the defaults.
  await form().getByLabel("Standard (%)").fill("");
  await form().getByLabel("Reduced (%)").fill("");
  await form().getByRole("button", { name: save }).click();
  await expect(form().getByLabel("Standard (%)")).toHaveValue("");
});
