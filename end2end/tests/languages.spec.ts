import { expect, type Page, test } from "@playwright/test";
import { PASSWORD, expectAccessible, hydrates, newVerifiedShopper, readMail, visit } from "./support";

// A browser that prefers French.
test.use({ locale: "fr-FR" });

/** Fills the address fields of a French page with an address in Paris and a phone number. */
async function fillFrenchAddress(page: Page) {
  await page.getByLabel("Nom complet", { exact: true }).fill("Camille Martin");
  await page.getByLabel("Rue et numéro", { exact: true }).fill("12 rue de la Paix");
  await page.getByLabel("Code postal", { exact: true }).fill("75002");
  await page.getByLabel("Ville", { exact: true }).fill("Paris");
  await page.getByLabel("Pays", { exact: true }).selectOption("FR");
  await page.getByLabel("Téléphone, pour le transporteur", { exact: true }).fill("+33 1 23 45 67 89");
}

/** What the French shopper buys: a print no other journey buys, with stock for every project's. */
const PRODUCT = "harbour archival";

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
  await page.getByRole("link", { name: "Tous les produits", exact: true }).click();
  await expect(page).toHaveURL(/\/fr\/products$/);
  await expect(page.getByRole("link", { name: "Tous les produits", exact: true })).toBeVisible();
  // Prices are written the French way: 1 234,50 €.
  await expect(page.locator(".product-card__price").first()).toHaveText(/\d,\d{2}\s€$/);

  // The switcher goes to the same page in German, which is then remembered.
  await page.getByRole("navigation", { name: "Choisir la langue" }).getByRole("link", { name: "Deutsch" }).click();
  await expect(page).toHaveURL(/\/de\/products$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("link", { name: "Alle Produkte", exact: true })).toBeVisible();
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

test("a French shopper searches, reads a product and fills the cart in French, prices written the French way", async ({
  page,
}, testInfo) => {
  await visit(page, "/fr/", testInfo);
  await page.getByLabel("Rechercher des produits").fill("archival");
  await page.getByRole("button", { name: "Rechercher", exact: true }).click();
  await expect(page).toHaveURL(/\/fr\/products\?q=archival$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Résultats pour « archival »");
  await expect(page.locator(".product-card__price").first()).toHaveText(/\d,\d{2}\s€$/);
  await expectAccessible(page, testInfo);

  await page.locator(".product-card a").first().click();
  await expect(page.getByRole("button", { name: "Ajouter au panier" })).toBeVisible();
  await expect(page).toHaveURL(/\/fr\/p\//);
  await expect(page.getByTestId("price")).toHaveText(/^\s*\d+,\d{2}\s€\s*$/);
  const price = (await page.getByTestId("price").textContent())?.trim() ?? "";
  await expectAccessible(page, testInfo);
  await page.getByRole("button", { name: "Ajouter au panier" }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("1");

  await page.getByRole("link", { name: "Voir votre panier" }).click();
  await expect(page).toHaveURL(/\/fr\/cart$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Votre panier");
  await expect(page.getByTestId("cart-total")).toHaveText(price);
  await expectAccessible(page, testInfo);

  // Checkout asks for the guest's email and the address in French.
  await page.getByRole("link", { name: "Passer la commande" }).click();
  await expect(page).toHaveURL(/\/fr\/checkout$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Commande");
  await expect(page.getByText("Vous commandez en tant qu’invité.")).toBeVisible();
  await expect(page.getByLabel("Adresse e-mail")).toBeVisible();
  await expect(page.getByLabel("Nom complet")).toBeVisible();
  await expect(page.getByLabel("Pays", { exact: true })).toBeVisible();
  await expect(page.getByTestId("checkout-total")).toHaveText(price);
  await expect(page.getByRole("button", { name: "Commander et payer" })).toBeVisible();
  await expectAccessible(page, testInfo);
});

test("a shopper who checks out in French pays and is answered in French, on the page and by mail", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const email = await newVerifiedShopper(page, testInfo, "francais");
  await visit(page, `/fr/s/paper-and-pine?q=${encodeURIComponent(PRODUCT)}`, testInfo);
  await page.locator(".product-card a").first().click();
  await page.getByRole("button", { name: "Ajouter au panier" }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("1");

  await visit(page, "/fr/checkout", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Commande");
  const total = (await page.getByTestId("checkout-total").textContent())?.trim() ?? "";
  expect(total).toMatch(/^\d+,\d{2}\s€$/);
  await fillFrenchAddress(page);
  await page.getByRole("button", { name: "Commander et payer" }).click();

  // The payment page speaks French too.
  await expect(page.getByRole("heading", { name: "Payer Bazaar — mode test" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Payer \d+,\d{2}\s€$/ })).toBeVisible();
  await expectAccessible(page, testInfo);
  await page.getByLabel("Numéro de carte").fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: /^Payer/ }).click();

  // Back on the French confirmation page, and mailed in French.
  await expect(page).toHaveURL(/\/fr\/checkout\/success\?session_id=/);
  await expect(page.getByTestId("order-paid")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  const heading = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
  expect(heading).toContain("Merci");
  const number = heading.match(/BZ-\d+/)?.[0];
  expect(number, "the confirmation names the order").toBeTruthy();
  await expectAccessible(page, testInfo);
  const mail = await readMail(page, email, `Votre commande ${number}`);
  expect(mail).toContain("Merci : nous avons reçu votre paiement");
  expect(mail).toMatch(/\d+,\d{2}\s€/);
  expect(mail).toContain(`/fr/account/orders/${number}`);
});

test("a French shopper signs in, is told why a wrong password fails, and keeps an address book in French", async ({
  page,
}, testInfo) => {
  const email = await newVerifiedShopper(page, testInfo, "compte");
  await page.getByRole("button", { name: "Sign out" }).click();

  await visit(page, "/fr/login", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Se connecter");
  await page.getByLabel("Adresse e-mail", { exact: true }).fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill("not the password at all");
  await page.getByRole("button", { name: "Se connecter", exact: true }).click();
  await expect(page.getByText("L’adresse e-mail ou le mot de passe est incorrect.")).toBeVisible();
  await expect(page.getByLabel("Adresse e-mail", { exact: true })).toHaveValue(email);
  await expectAccessible(page, testInfo);

  await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter", exact: true }).click();
  await expect(page).toHaveURL(/\/fr\/account$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Votre compte");
  await expectAccessible(page, testInfo);

  await page.getByRole("link", { name: "Adresses", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vos adresses");
  await expect(page.getByText("Pas encore d’adresse.", { exact: false })).toBeVisible();
  // The server's refusal comes next to the field, in French, the input kept.
  await fillFrenchAddress(page);
  await page.getByLabel("Code postal", { exact: true }).fill("75@02");
  await page.getByRole("button", { name: "Ajouter l’adresse" }).click();
  await expect(
    page.getByText("Saisissez un code postal de 2 à 10 lettres, chiffres, espaces ou tirets."),
  ).toBeVisible();
  await expect(page.getByLabel("Ville", { exact: true })).toHaveValue("Paris");
  await page.getByLabel("Code postal", { exact: true }).fill("75002");
  await page.getByRole("button", { name: "Ajouter l’adresse" }).click();
  await expect(page.getByText("Adresse ajoutée.")).toBeVisible();
  await expect(page.getByTestId("saved-address")).toContainText("Camille Martin");
  await expect(page.getByTestId("saved-address")).toContainText("Par défaut");
  await expectAccessible(page, testInfo);

  await visit(page, "/fr/account/security", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mot de passe et sessions");
  await expect(page.getByRole("heading", { name: "Clés d’accès" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Cet appareil" })).toBeVisible();
  await expectAccessible(page, testInfo);
});
