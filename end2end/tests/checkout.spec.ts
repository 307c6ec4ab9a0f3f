import { expect, test } from "@playwright/test";
import {
  addFromStore,
  expectAccessible,
  fillAddress,
  hydrates,
  newVerifiedShopper,
  readMail,
  signIn,
  visit,
} from "./support";

test("a shopper buys from two stores in one payment, and the seller's shipment shows on the order", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const email = await newVerifiedShopper(page, testInfo, "buyer");
  await addFromStore(page, testInfo, "atelier-ceramica", "pendant");
  await addFromStore(page, testInfo, "northwind-knits", "tote");

  await visit(page, "/cart", testInfo);
  await page.getByRole("link", { name: "Go to checkout" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Checkout");
  await expect(page.getByRole("heading", { name: "From Atelier Ceramica" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "From Northwind Knits" })).toBeVisible();
  const total = (await page.getByTestId("checkout-total").textContent())?.trim() ?? "";
  await expectAccessible(page, testInfo);

  // A wrong field is explained next to it and the rest of the input is kept.
  await fillAddress(page);
  await page.getByLabel("Postal code", { exact: true }).fill("7");
  await page.getByRole("button", { name: "Place order and pay" }).click();
  await expect(page.getByText("Enter a postal code of 2 to 10 letters")).toBeVisible();
  await expect(page.getByLabel("Full name", { exact: true })).toHaveValue("Robin Tester");
  await expect(page.getByLabel("Postal code", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Postal code", { exact: true }).fill("75002");
  await page.getByRole("button", { name: "Place order and pay" }).click();
  await expect(page.getByRole("heading", { name: /test mode/i })).toBeVisible();
  await expect(page.getByText(total.replace("€", "")).first()).toBeVisible();

  // A declined card leaves the order payable.
  await page.getByLabel(/card number/i).fill("4000 0000 0000 0002");
  await page.getByRole("button", { name: /^Pay/ }).click();
  await expect(page.getByText("Your card was declined.")).toBeVisible();
  await page.getByLabel(/card number/i).fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: /^Pay/ }).click();

  await expect(page).toHaveURL(/\/checkout\/success\?session_id=/);
  await expect(page.getByTestId("order-paid")).toBeVisible();
  const heading = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
  const number = heading.match(/BZ-\d+/)?.[0];
  expect(number, "the confirmation names the order").toBeTruthy();
  await expect(page.getByTestId("order-part")).toHaveCount(2);
  await expectAccessible(page, testInfo);
  expect(await readMail(page, email, `Your order ${number}`)).toContain(total);
  await expect(page.getByTestId("cart-count")).toBeHidden();

  // The seller of the tote bag ships its part.
  const sellerContext = await browser.newContext({
    javaScriptEnabled: hydrates(testInfo),
    viewport: page.viewportSize(),
  });
  const seller = await sellerContext.newPage();
  try {
    await signIn(seller, testInfo, "seller@example.com", "demo-password");
    await visit(seller, `/seller/orders?number=${number}`, testInfo);
    await seller.getByRole("link", { name: number! }).click();
    await expect(seller.getByRole("heading", { level: 1 })).toContainText(number!);
    await expectAccessible(seller, testInfo);
    await seller.getByLabel("Carrier").fill("La Poste");
    await seller.getByLabel("Tracking number").fill("6A12345678901");
    await seller.getByRole("button", { name: "Ship" }).click();
    await expect(seller.getByTestId("order-status")).toContainText("Shipped");
  } finally {
    await sellerContext.close();
  }

  await visit(page, `/account/orders/${number}`, testInfo);
  await expect(page.getByTestId("tracking")).toContainText("6A12345678901");
  await expectAccessible(page, testInfo);
  await visit(page, "/account/orders", testInfo);
  await expect(page.getByRole("link", { name: number! })).toBeVisible();
});

test("a shopper keeps addresses, picks a saved one at checkout and is billed to another", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await newVerifiedShopper(page, testInfo, "addresses");
  await visit(page, "/account/addresses", testInfo);
  await expect(page.getByText("No addresses yet.")).toBeVisible();
  await expectAccessible(page, testInfo);
  // A wrong field is explained next to it, the rest kept.
  await fillAddress(page);
  await page.getByLabel("Phone, for the carrier", { exact: true }).fill("call me");
  await page.getByRole("button", { name: "Add the address" }).click();
  await expect(page.getByText("Enter a phone number of 6 to 15 digits")).toBeVisible();
  await expect(page.getByLabel("City", { exact: true })).toHaveValue("Paris");
  await page.getByLabel("Phone, for the carrier", { exact: true }).fill("+33 1 23 45 67 89");
  await page.getByRole("button", { name: "Add the address" }).click();
  await expect(page.getByTestId("saved-address")).toHaveCount(1);
  await fillAddress(page);
  await page.getByLabel("Full name", { exact: true }).fill("Robin at work");
  await page.getByLabel("Street and number", { exact: true }).fill("1 Quai Branly");
  await page.getByLabel("Postal code", { exact: true }).fill("75007");
  await page.getByRole("button", { name: "Add the address" }).click();
  await expect(page.getByTestId("saved-address")).toHaveCount(2);
  await page.getByRole("button", { name: /^Make default.*Robin at work/ }).click();
  await expect(page.getByTestId("saved-address").first()).toContainText("Robin at work");
  await expect(page.getByTestId("saved-address").first()).toContainText("Default");

  // A print with stock to spare: the other journeys buy the pendants.
  await addFromStore(page, testInfo, "paper-and-pine", "coastal archival");
  await visit(page, "/checkout", testInfo);
  const work = page.getByRole("radio", { name: /Robin at work/ });
  await expect(work).toBeChecked();
  await expect(page.getByLabel("Street and number", { exact: true })).toBeHidden();
  await page.getByLabel("Bill to another address").check();
  await page.getByLabel("Billing name").fill("Robin Tester SARL");
  await page.getByLabel("Billing street and number").fill("9 Rue du Commerce");
  await page.getByLabel("Billing postal code").fill("75015");
  await page.getByLabel("Billing city").fill("Paris");
  await page.getByLabel("Billing country").selectOption("FR");
  await expectAccessible(page, testInfo);
  await page.getByRole("button", { name: "Place order and pay" }).click();
  await expect(page.getByRole("heading", { name: /test mode/i })).toBeVisible();
  await page.getByLabel(/card number/i).fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: /^Pay/ }).click();
  await expect(page.getByTestId("order-paid")).toBeVisible();
  await expect(page.getByText("Robin at work")).toBeVisible();

  // The receipt is billed to the billing address and says where it went.
  await page.getByRole("link", { name: /^Receipt \d{6}/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Receipt \d{6}$/);
  await expect(page.getByRole("region", { name: "Buyer" })).toContainText("Robin Tester SARL");
  await expect(page.getByRole("region", { name: "Delivered to" })).toContainText("1 Quai Branly");
  await expectAccessible(page, testInfo);
});
