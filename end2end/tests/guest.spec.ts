import { expect, test } from "@playwright/test";
import {
  addFromStore,
  expectAccessible,
  fillAddress,
  hydrates,
  newEmail,
  readMail,
  signIn,
  visit,
} from "./support";

test("a guest buys from two stores with different shipping methods and opens the receipt from the email", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(150_000);
  // Belgium only: the other journeys deliver to France and Luxembourg, so
  // this rate never shows in their totals.
  const express = `Express ${testInfo.project.name} ${Date.now()}`;
  const sellerContext = await browser.newContext({
    javaScriptEnabled: hydrates(testInfo),
    viewport: page.viewportSize(),
  });
  const seller = await sellerContext.newPage();
  try {
    await signIn(seller, testInfo, "seller@example.com", "demo-password");
    await visit(seller, "/seller/settings/shipping", testInfo);
    const newZone = seller.getByRole("region", { name: "New zone" });
    await newZone.getByLabel("Zone name").fill(express);
    await newZone.getByLabel("Belgium").check();
    await newZone.getByRole("button", { name: "Add the zone" }).click();
    await expect(seller.getByRole("heading", { name: express })).toBeVisible();
    const method = seller.getByRole("form", { name: "New method" });
    await method.getByLabel("Zone").selectOption({ label: express });
    await method.getByLabel("Name").fill(express);
    await method.getByLabel("Price (€)").fill("6,90");
    await method.getByLabel("Delivery from (days)").fill("1");
    await method.getByLabel("Delivery up to (days)").fill("2");
    await method.getByRole("button", { name: "Add the method" }).click();
    await expect(seller.getByRole("region", { name: express }).getByRole("cell", { name: "€6.90" })).toBeVisible();
  } finally {
    await sellerContext.close();
  }

  // A visitor without an account fills a cart from two stores and picks the
  // express method for one of them.
  await addFromStore(page, testInfo, "northwind-knits", "throw");
  await addFromStore(page, testInfo, "paper-and-pine", "coastal archival");
  await visit(page, "/cart", testInfo);
  await page.getByLabel("Deliver to").selectOption("BE");
  await page.getByRole("button", { name: "Show shipping" }).click();
  const northwind = page.getByRole("group", { name: "Shipping from Northwind Knits" });
  const paperAndPine = page.getByRole("group", { name: "Shipping from Paper & Pine" });
  const cheapest = (await page.getByTestId("cart-total").textContent())?.trim() ?? "";
  await northwind.getByLabel(new RegExp(express)).check();
  await page
    .locator(".shipping-picker", { has: northwind })
    .getByRole("button", { name: "Use this shipping" })
    .click();
  await expect(northwind.getByLabel(new RegExp(express))).toBeChecked();
  await expect(paperAndPine.getByLabel(/Standard/)).toBeChecked();
  // The radio shows the pick at once; the total follows once the cart has taken it.
  await expect(page.getByTestId("cart-total")).not.toHaveText(cheapest);
  const total = (await page.getByTestId("cart-total").textContent())?.trim() ?? "";

  await page.getByRole("link", { name: "Go to checkout" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Checkout");
  await expect(page.getByText("Checking out as a guest.")).toBeVisible();
  await expect(page.getByTestId("checkout-total")).toHaveText(total);
  await expectAccessible(page, testInfo);

  // The address is checked like anybody's, and the input is kept.
  const email = newEmail(testInfo, "guest");
  await fillAddress(page);
  await page.getByLabel("Country", { exact: true }).selectOption("BE");
  await page.getByLabel("Postal code", { exact: true }).fill("1000");
  await page.getByLabel("City", { exact: true }).fill("Brussels");
  // Browsers accept an address without a dot in its domain; Bazaar does not.
  await page.getByLabel("Email", { exact: true }).fill("robin@example");
  await page.getByRole("button", { name: "Place order and pay" }).click();
  await expect(page.getByText("Enter an email address like name@example.com.")).toBeVisible();
  await expect(page.getByLabel("City", { exact: true })).toHaveValue("Brussels");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Place order and pay" }).click();

  await expect(page.getByRole("heading", { name: /test mode/i })).toBeVisible();
  await expect(page.getByText(`Shipping from Northwind Knits: ${express}`)).toBeVisible();
  await page.getByLabel(/card number/i).fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: /^Pay/ }).click();

  // Back on the order's own page, which needs no account.
  await expect(page).toHaveURL(/\/orders\/BZ-\d+\?key=/);
  await expect(page.getByTestId("order-paid")).toContainText(total);
  await expect(page.getByTestId("order-part")).toHaveCount(2);
  await expect(page.getByText(`€6.90 (${express}, 1–2 days)`)).toBeVisible();
  const number = (await page.getByRole("heading", { level: 1 }).textContent())?.match(/BZ-\d+/)?.[0];
  expect(number, "the page names the order").toBeTruthy();
  await expectAccessible(page, testInfo);

  // The confirmation mail links to each store's receipt with the order's key.
  const mail = await readMail(page, email, `Your order ${number}`);
  const receipts = [...mail.matchAll(/\/orders\/BZ-\d+\/receipts\/\d+\?key=[\w.-]+/g)].map((m) => m[0]);
  expect(receipts).toHaveLength(2);
  const orderLink = mail.match(/\/orders\/BZ-\d+\?key=[\w.-]+/)?.[0];
  expect(orderLink, "the mail links to the order").toBeTruthy();
  const northwindReceipt = await receiptFrom(page, testInfo, receipts, express);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Receipt \d{6}$/);
  await expect(page.getByText(email)).toBeVisible();
  await expectAccessible(page, testInfo);
  const pdfHref = await page.getByRole("link", { name: "Download as PDF" }).getAttribute("href");
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");

  // A link shared by mistake is replaced: the old one stops working.
  await visit(page, orderLink!, testInfo);
  await expect(page.getByTestId("order-status")).toContainText("Paid");
  await page.getByRole("button", { name: "Send me a new link" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New link sent");
  await expectAccessible(page, testInfo);
  await visit(page, orderLink!, testInfo);
  await expect(page.getByText("We could not find that page.")).toBeVisible();
  await visit(page, northwindReceipt, testInfo);
  await expect(page.getByText("We could not find that page.")).toBeVisible();
  const renewed = await readMail(page, email, `A new link to your order ${number}`);
  const newLink = renewed.match(/\/orders\/BZ-\d+\?key=[\w.-]+/)?.[0];
  await visit(page, newLink!, testInfo);
  await expect(page.getByTestId("order-status")).toContainText("Paid");
});

/** Opens the receipts one by one and stays on the one that shipped by `method`; answers its address. */
async function receiptFrom(
  page: import("@playwright/test").Page,
  testInfo: import("@playwright/test").TestInfo,
  receipts: string[],
  method: string,
): Promise<string> {
  for (const receipt of receipts) {
    await visit(page, receipt, testInfo);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Receipt \d{6}$/);
    if (await page.getByRole("cell", { name: `Shipping: ${method}` }).count()) {
      return receipt;
    }
  }
  throw new Error(`no receipt shipped by ${method}`);
}
