import { expect, test } from "@playwright/test";
import { expectAccessible, hydrates, visit } from "./support";

// A browser that prefers French.
test.use({ locale: "fr-FR" });

test("the first visit follows the browser's language, the switcher keeps the page, and the choice is remembered", async ({
  page,
}, testInfo) => {
  await visit(page, "/", testInfo);
  await expect(page).toHaveURL(/\/fr\/$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Des boutiques indépendantes, un seul paiement");
  // Every version of the page is named for search engines.
  for (const [code, path] of [
    ["en", "/"],
    ["fr", "/fr/"],
    ["de", "/de/"],
    ["x-default", "/"],
  ]) {
    const href = await page.locator(`link[rel="alternate"][hreflang="${code}"]`).getAttribute("href");
    expect(new URL(href!).pathname, code).toBe(path);
  }
  await expectAccessible(page, testInfo);

  // Links keep the language.
  await page.getByRole("link", { name: "Tous les produits" }).click();
  await expect(page).toHaveURL(/\/fr\/products$/);
  await expect(page.getByRole("link", { name: "Tous les produits" })).toBeVisible();

  // The switcher goes to the same page in German, which is then remembered.
  await page.getByRole("navigation", { name: "Choisir la langue" }).getByRole("link", { name: "Deutsch" }).click();
  await expect(page).toHaveURL(/\/de\/products$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("link", { name: "Alle Produkte" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Sprache wählen" }).getByRole("link", { name: "Deutsch" }),
  ).toHaveAttribute("aria-current", "page");
  await expectAccessible(page, testInfo);
  await visit(page, "/", testInfo);
  await expect(page).toHaveURL(/\/de\/$/);

  // The header's switcher, by keyboard, back to English, remembered over
  // the browser's French.
  const english = page.getByRole("navigation", { name: "Sprache", exact: true }).getByRole("link", { name: /English/ });
  await english.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Independent stores, one checkout");
  await visit(page, "/", testInfo);
  await expect(page).not.toHaveURL(/\/(fr|de)\//);
  if (hydrates(testInfo)) {
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  }
});
