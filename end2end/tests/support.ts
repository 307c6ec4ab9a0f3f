import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";

/** Whether this project runs with JavaScript, i.e. the page hydrates. */
export function hydrates(testInfo: TestInfo): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/** Opens a path and, with JavaScript on, waits until Leptos has hydrated it. */
export async function visit(page: Page, path: string, testInfo: TestInfo) {
  const response = await page.goto(path);
  if (hydrates(testInfo)) {
    await page.waitForFunction(() => document.body.dataset.hydrated === "true");
  }
  return response;
}

/** Signs in through the login form and lands on the account page. */
export async function signIn(page: Page, testInfo: TestInfo, email: string, password: string) {
  await visit(page, "/login", testInfo);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
  await expect(page.getByText(email).first()).toBeVisible();
}

export const PASSWORD = "lantern orchard pebble";

/**
 * The platform admin of the admin journeys, made by scripts/e2e.sh without a
 * second step (the suite's server does not require one of admins).
 */
export const ADMIN = "e2e-admin@example.com";

/** Signs `page` in as {@link ADMIN}. */
export async function signInAsAdmin(page: Page, testInfo: TestInfo) {
  await signIn(page, testInfo, ADMIN, PASSWORD);
}

/** An address no other test or run uses. */
export function newEmail(testInfo: TestInfo, what: string): string {
  const unique = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  return `${what}-${testInfo.project.name}-${unique}@example.com`;
}

/** The text of the newest message to `email` with `subject`, from the dev mailbox. */
export async function readMail(page: Page, email: string, subject: string): Promise<string> {
  const mailbox = await page.context().newPage();
  try {
    const message = mailbox.locator("article.mail", { hasText: email }).filter({ hasText: subject }).first();
    // Some mail is written just after the answer that promised it (a reset
    // link), so the mailbox is read again until it arrives.
    await expect(async () => {
      await mailbox.goto("/_dev/mail");
      await expect(message).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 10000 });
    return (await message.locator(".mail__body").textContent()) ?? "";
  } finally {
    await mailbox.close();
  }
}

export async function register(page: Page, testInfo: TestInfo, email: string) {
  await visit(page, "/register", testInfo);
  await page.getByLabel("Your name (optional)").fill("Robin Tester");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/verify-email\?sent=/);
  await expect(page.getByText("Check your inbox")).toBeVisible();
}

/** A new shopper who registered, confirmed the address with the mailed code and signed in. */
export async function newVerifiedShopper(page: Page, testInfo: TestInfo, what: string): Promise<string> {
  const email = newEmail(testInfo, what);
  await register(page, testInfo, email);
  const code = (await readMail(page, email, "Confirm your email address")).match(/\b\d{6}\b/)?.[0];
  await page.getByLabel("6-digit code").fill(code!);
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();
  await signIn(page, testInfo, email, PASSWORD);
  return email;
}

/**
 * Fails on any WCAG 2.0–2.2 A/AA violation axe finds on the current page.
 * axe runs as a script, so for a page opened without JavaScript the same URL
 * is loaded in a scripted tab with the app's bundle blocked: the page exactly
 * as served, never hydrated.
 */
export async function expectAccessible(page: Page, testInfo: TestInfo) {
  if (!hydrates(testInfo)) {
    const context = await page.context().browser()!.newContext({
      viewport: page.viewportSize(),
      javaScriptEnabled: true,
    });
    try {
      await context.addCookies(await page.context().cookies());
      const twin = await context.newPage();
      await twin.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
      await twin.goto(page.url());
      await expectNoViolations(twin);
    } finally {
      await context.close();
    }
    return;
  }
  await expectNoViolations(page);
}

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, "accessibility violations").toEqual([]);
}

/** Adds the first product matching `query` in `store` to the cart. */
export async function addFromStore(page: Page, testInfo: TestInfo, store: string, query: string) {
  await visit(page, `/s/${store}?q=${query}`, testInfo);
  await page.locator(".product-card a").first().click();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to your cart.")).toBeVisible();
}

/** Types a new delivery address at checkout (choosing "A new address" when the shopper has saved ones). */
export async function fillAddress(page: Page) {
  const fresh = page.getByLabel("A new address");
  if (await fresh.count()) {
    await fresh.check();
  }
  await page.getByLabel("Full name", { exact: true }).fill("Robin Tester");
  await page.getByLabel("Street and number", { exact: true }).fill("12 Rue de la Paix");
  await page.getByLabel("Postal code", { exact: true }).fill("75002");
  await page.getByLabel("City", { exact: true }).fill("Paris");
  await page.getByLabel("Country", { exact: true }).selectOption("FR");
  await page.getByLabel("Phone, for the carrier", { exact: true }).fill("+33 1 23 45 67 89");
}

/**
 * The address of one node of the cluster the suite runs against, bypassing
 * the balancer (scripts/cluster.sh puts node N at the balancer's port + N).
 */
export function nodeUrl(node: 1 | 2): string {
  const url = new URL(process.env.BASE_URL ?? "http://localhost:3100");
  url.port = String(Number(url.port) + node);
  return url.origin;
}
