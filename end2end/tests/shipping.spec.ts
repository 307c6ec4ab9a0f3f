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

test("a seller's shipping rate is offered in the cart, charged at checkout, kept on the order and printed on its receipt", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(150_000);
  // Luxembourg only: the other journeys deliver to France, so this rate
  // never shows in their totals.
  const courier = `Courier ${testInfo.project.name} ${Date.now()}`;
  const sellerContext = await browser.newContext({
    javaScriptEnabled: hydrates(testInfo),
    viewport: page.viewportSize(),
  });
  const seller = await sellerContext.newPage();
  try {
    await signIn(seller, testInfo, "seller@example.com", "demo-password");
    await visit(seller, "/seller/settings", testInfo);
    await seller.getByRole("link", { name: "Manage shipping rates" }).click();
    await expect(seller.getByRole("heading", { level: 1 })).toHaveText("Shipping");
    await expectAccessible(seller, testInfo);

    // A zone without a country is refused next to the field, its name kept.
    const newZone = seller.getByRole("region", { name: "New zone" });
    await newZone.getByLabel("Zone name").fill(courier);
    await newZone.getByRole("button", { name: "Add the zone" }).click();
    await expect(newZone.getByText("Choose at least one country.")).toBeVisible();
    await expect(newZone.getByLabel("Zone name")).toHaveValue(courier);
    await newZone.getByLabel("Luxembourg").check();
    await newZone.getByRole("button", { name: "Add the zone" }).click();
    await expect(seller.getByRole("heading", { name: courier })).toBeVisible();

    const method = seller.getByRole("form", { name: "New method" });
    await method.getByLabel("Zone").selectOption({ label: courier });
    await method.getByLabel("Name").fill(courier);
    await method.getByLabel("Price (€)").fill("7,5");
    await method.getByLabel("Delivery from (days)").fill("1");
    await method.getByLabel("Delivery up to (days)").fill("2");
    await method.getByRole("button", { name: "Add the method" }).click();
    const zone = seller.getByRole("region", { name: courier });
    await expect(zone.getByRole("cell", { name: "€7.50" })).toBeVisible();
    await expectAccessible(seller, testInfo);

    // The shopper picks the courier for Luxembourg.
    const email = await newVerifiedShopper(page, testInfo, "shipping");
    await addFromStore(page, testInfo, "northwind-knits", "tote");
    await visit(page, "/cart", testInfo);
    await expect(page.getByText("Choose where to deliver to see the shipping cost.")).toBeVisible();
    await page.getByLabel("Deliver to").selectOption("LU");
    await page.getByRole("button", { name: "Show shipping" }).click();
    const picker = page.getByRole("group", { name: "Shipping from Northwind Knits" });
    await expect(picker.getByLabel(/Standard/)).toBeChecked();
    await expectAccessible(page, testInfo);
    const withFree = await page.getByTestId("store-total").textContent();
    await picker.getByLabel(new RegExp(courier)).check();
    await page.getByRole("button", { name: "Use this shipping" }).click();
    await expect(picker.getByLabel(new RegExp(courier))).toBeChecked();
    await expect(page.getByTestId("store-total")).not.toHaveText(withFree ?? "");
    const total = euros(await page.getByTestId("cart-total").textContent());
    expect(total).toBeCloseTo(euros(withFree) + 7.5, 2);

    await page.getByRole("link", { name: "Go to checkout" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Checkout");
    await expect(page.getByTestId("checkout-total")).toHaveText(format(total));
    await fillAddress(page);
    await page.getByLabel("Country", { exact: true }).selectOption("LU");
    await page.getByLabel("Postal code", { exact: true }).fill("L-1311");
    await page.getByLabel("City", { exact: true }).fill("Luxembourg");
    await expectAccessible(page, testInfo);
    await page.getByRole("button", { name: "Place order and pay" }).click();
    await expect(page.getByRole("heading", { name: /test mode/i })).toBeVisible();
    await expect(page.getByText(`Shipping from Northwind Knits: ${courier}`)).toBeVisible();
    await page.getByLabel(/card number/i).fill("4242 4242 4242 4242");
    await page.getByRole("button", { name: /^Pay/ }).click();
    await expect(page.getByTestId("order-paid")).toContainText(format(total));
    await expect(page.getByText(`€7.50 (${courier}, 1–2 days)`)).toBeVisible();
    const orderNumber = (await page.getByRole("heading", { level: 1 }).textContent())?.match(/BZ-\d+/)?.[0];

    // The confirmation mail links to the store's receipt: lines, shipping,
    // VAT per rate and the total, to print or download as PDF.
    const mail = await readMail(page, email, `Your order ${orderNumber}`);
    const receiptUrl = mail.match(/\/account\/orders\/BZ-\d+\/receipts\/\d+/)?.[0];
    expect(receiptUrl, "the mail links to the receipt").toBeTruthy();
    await visit(page, receiptUrl!, testInfo);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Receipt \d{6}$/);
    await expect(page.getByRole("cell", { name: `Shipping: ${courier}` })).toBeVisible();
    await expect(page.getByTestId("receipt-total")).toHaveText(format(total));
    await expectAccessible(page, testInfo);
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".site-header")).toBeHidden();
    await expect(page.getByRole("link", { name: "Download as PDF" })).toBeHidden();
    await expect(page.getByTestId("receipt-total")).toBeVisible();
    await page.emulateMedia({ media: "screen" });
    const pdfHref = await page.getByRole("link", { name: "Download as PDF" }).getAttribute("href");
    const pdf = await page.request.get(pdfHref!);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await visit(page, `/account/orders/${orderNumber}`, testInfo);
    await expect(page.getByRole("link", { name: /^Receipt \d{6}/ })).toBeVisible();

    // Changing the rate later leaves the order as it was placed.
    await seller.reload();
    const placedZone = seller.getByRole("region", { name: courier });
    await placedZone.locator("summary", { hasText: "Remove the zone" }).click();
    await placedZone.getByLabel(`Yes, remove ${courier} and its methods`).check();
    await placedZone.getByRole("button", { name: "Remove the zone" }).click();
    await expect(seller.getByRole("heading", { name: courier })).toBeHidden();
    await page.reload();
    await expect(page.getByText(`€7.50 (${courier}, 1–2 days)`)).toBeVisible();
  } finally {
    await sellerContext.close();
  }
});

/** "€34.50" as a number of euros. */
function euros(text: string | null): number {
  return Number((text ?? "").replace(/[€\s]/g, ""));
}

/** As Bazaar writes money: "€34.50". */
function format(amount: number): string {
  return `€${amount.toFixed(2)}`;
}
