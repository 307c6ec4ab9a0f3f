import { type Browser, expect, type Page, test, type TestInfo } from "@playwright/test";
import {
  addFromStore,
  expectAccessible,
  fillAddress,
  hydrates,
  newVerifiedShopper,
  nodeUrl,
  signIn,
  visit,
} from "./support";

/** A browser of its own, talking to one node of the cluster only. */
async function onNode(browser: Browser, page: Page, node: 1 | 2) {
  const context = await browser.newContext({ baseURL: nodeUrl(node), viewport: page.viewportSize() });
  return { context, page: await context.newPage() };
}

/** Pays on the emulator's page, which the shopper is on, with `card`. */
async function pay(page: Page, card: string) {
  await expect(page.getByRole("heading", { name: /test mode/i })).toBeVisible();
  await page.getByLabel(/card number/i).fill(card);
  await page.getByRole("button", { name: /^Pay/ }).click();
  await expect(page).toHaveURL(/\/checkout\/success\?session_id=/);
}

/** Places the order of the shopper's cart, landing on the payment page. */
async function placeOrder(page: Page, testInfo: TestInfo) {
  await visit(page, "/checkout", testInfo);
  await fillAddress(page);
  await page.getByRole("button", { name: "Place order and pay" }).click();
}

/** Archives the seller's product whose SKU starts with `word`. */
async function archive(page: Page, testInfo: TestInfo, word: string) {
  await visit(page, `/seller/products?q=${word}`, testInfo);
  await page.getByRole("checkbox", { name: /^Select / }).first().check();
  await page.getByRole("button", { name: "Archive selected" }).click();
  await expect(page.getByText("1 product now archived.")).toBeVisible();
}

test("stock, new orders and shipping show on open pages without reloading, across nodes", async ({
  browser,
  page,
}, testInfo) => {
  test.skip(!hydrates(testInfo), "without JavaScript a page shows what was true when it was loaded");
  test.setTimeout(150_000);
  // The seller and the shopper reach different nodes: each change is made
  // on one and must reach the pages open on the other.
  const seller = await onNode(browser, page, 2);
  const shopper = await onNode(browser, page, 1);
  const word = `${testInfo.project.name.replace(/[^a-z]/g, "")}${Date.now().toString(36)}`;
  try {
    await signIn(seller.page, testInfo, "seller@example.com", "demo-password");
    const title = `Last lantern ${word}`;
    await visit(seller.page, "/seller/products/new", testInfo);
    await seller.page.getByLabel("Title", { exact: true }).fill(title);
    await seller.page.getByLabel("Category", { exact: true }).selectOption({ index: 1 });
    await seller.page.getByLabel("Status").selectOption("published");
    const variant = seller.page.getByRole("group", { name: "Variant 1" });
    await variant.getByLabel("SKU").fill(`${word}-1`);
    await variant.getByLabel("Price (€)").fill("24");
    await variant.getByLabel("Stock").fill("1");
    await seller.page.getByRole("button", { name: "Save product" }).click();
    await expect(seller.page).toHaveURL(/\/seller\/products\/\d+$/);
    const productPath = `/p/${title.toLowerCase().replace(/ /g, "-")}`;

    // The seller keeps the product page and the orders open.
    const watcher = await seller.context.newPage();
    await visit(watcher, productPath, testInfo);
    await expect(watcher.getByTestId("stock")).toHaveText("Only 1 left");
    await visit(seller.page, "/seller/orders", testInfo);

    await newVerifiedShopper(shopper.page, testInfo, "live");
    await visit(shopper.page, productPath, testInfo);
    await shopper.page.getByRole("button", { name: "Add to cart" }).click();
    await expect(shopper.page.getByText("Added to your cart.")).toBeVisible();
    await placeOrder(shopper.page, testInfo);

    // Placing the order holds the last one: sold out for everyone else.
    await expect(watcher.getByTestId("stock")).toHaveText("Sold out");
    await expect(watcher.getByText("This option is sold out.")).toBeVisible();
    await expect(watcher.getByRole("button", { name: "Add to cart" })).toHaveCount(0);
    await expectAccessible(watcher, testInfo);

    await pay(shopper.page, "4242 4242 4242 4242");
    await expect(shopper.page.getByTestId("order-paid")).toBeVisible();
    const number = (await shopper.page.getByRole("heading", { level: 1 }).textContent())?.match(/BZ-\d+/)?.[0];
    expect(number, "the confirmation names the order").toBeTruthy();

    // The paid order appears on the seller's open list, announced, and is
    // counted as new in the navigation.
    const row = seller.page.getByTestId("seller-order-row").filter({ hasText: number! });
    await expect(row).toBeVisible();
    await expect(row.getByText("New", { exact: true })).toBeVisible();
    await expect(seller.page.getByTestId("new-orders-notice")).toHaveText(/new orders? arrived/);
    await expect(seller.page.getByTestId("new-orders")).toBeVisible();
    await expectAccessible(seller.page, testInfo);

    // The shopper watches the order while the seller ships it.
    await visit(shopper.page, `/account/orders/${number}`, testInfo);
    await expect(shopper.page.getByTestId("order-part")).toContainText("Paid");
    await row.getByRole("link", { name: number! }).click();
    await expect(seller.page.getByRole("heading", { level: 1 })).toContainText(number!);
    await seller.page.getByLabel("Carrier").fill("La Poste");
    await seller.page.getByLabel("Tracking number").fill(`LP${word}`);
    await seller.page.getByRole("button", { name: "Ship" }).click();
    await expect(seller.page.getByTestId("order-status")).toContainText("Shipped");

    await expect(shopper.page.getByTestId("tracking")).toContainText(`LP${word}`);
    await expect(shopper.page.getByTestId("order-part")).toContainText("Shipped");
    await expectAccessible(shopper.page, testInfo);
  } finally {
    // Archived, so that journeys counting the demo catalog do not find it.
    await archive(seller.page, testInfo, word).catch(() => {});
    await seller.context.close();
    await shopper.context.close();
  }
});

test("the confirmation page turns to paid when a delayed payment settles", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await newVerifiedShopper(page, testInfo, "delayed");
  await addFromStore(page, testInfo, "northwind-knits", "tote");
  await placeOrder(page, testInfo);
  // This test card completes the payment page unpaid and settles seconds later.
  await pay(page, "4000 0000 0000 5555");
  await expect(page.getByTestId("payment-pending")).toBeVisible();
  await expectAccessible(page, testInfo);
  if (hydrates(testInfo)) {
    // Hydrated, the page changes in place: the marker survives.
    await page.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });
  }
  // Without JavaScript the page reloads itself every few seconds.
  await expect(page.getByTestId("order-paid")).toBeVisible({ timeout: 30_000 });
  if (hydrates(testInfo)) {
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  }
  await expectAccessible(page, testInfo);
});
