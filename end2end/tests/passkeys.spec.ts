import { expect, test } from "@playwright/test";
import { expectAccessible, hydrates, newVerifiedShopper, PASSWORD, visit } from "./support";

test("a passkey added on the security page signs in alone and as the second step, and is removed with the password", async ({
  page,
}, testInfo) => {
  test.skip(!hydrates(testInfo), "passkeys need JavaScript; without it they are not offered");
  test.slow();
  // Chromium's virtual authenticator stands for the device: it holds
  // discoverable credentials and verifies its user (as a PIN or a
  // fingerprint would) without asking.
  const devtools = await page.context().newCDPSession(page);
  await devtools.send("WebAuthn.enable");
  await devtools.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });

  const email = await newVerifiedShopper(page, testInfo, "passkey");
  await visit(page, "/account/security", testInfo);
  const card = page.getByRole("region", { name: "Passkeys" });
  await expect(card.getByText("You have no passkeys yet.")).toBeVisible();
  await card.getByLabel("Name of the new passkey").fill("Work laptop");
  await card.getByLabel("Your password").fill("not the password");
  await card.getByRole("button", { name: "Add a passkey" }).click();
  await expect(card.getByText("That is not your current password.")).toBeVisible();
  await expect(card.getByLabel("Name of the new passkey")).toHaveValue("Work laptop");
  await card.getByLabel("Your password").fill(PASSWORD);
  await card.getByRole("button", { name: "Add a passkey" }).click();
  await expect(card.getByText("Passkey “Work laptop” added.")).toBeVisible();
  await expect(card.getByRole("listitem").filter({ hasText: "Work laptop" })).toContainText("never used");
  await expect(page.getByText("On with your passkeys")).toBeVisible();
  await expectAccessible(page, testInfo);

  // By passkey alone: no email, no password.
  await page.context().clearCookies();
  await visit(page, "/login?next=%2Faccount%2Forders", testInfo);
  await expectAccessible(page, testInfo);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(/\/account\/orders$/);

  // As the second step after the password.
  await page.context().clearCookies();
  await visit(page, "/login", testInfo);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();
  await expectAccessible(page, testInfo);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(email).first()).toBeVisible();

  await visit(page, "/account/security", testInfo);
  await expect(card.getByRole("listitem").filter({ hasText: "Work laptop" })).toContainText("last used");
  await card.getByLabel("Passkey to remove").selectOption({ label: "Work laptop" });
  await page.locator("#passkey-remove-current_password").fill(PASSWORD);
  await card.getByRole("button", { name: "Remove passkey" }).click();
  await expect(card.getByText("Passkey removed.")).toBeVisible();
  await expect(card.getByText("You have no passkeys yet.")).toBeVisible();
  await expect(page.getByText(/^Off\./)).toBeVisible();
});

test("without JavaScript the passkey buttons are not offered and the password still signs in", async ({
  page,
}, testInfo) => {
  test.skip(hydrates(testInfo), "the hydrated projects run the passkey journey");
  await visit(page, "/login", testInfo);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in with a passkey" })).toHaveCount(0);
  await newVerifiedShopper(page, testInfo, "passkey-no-js");
  await visit(page, "/account/security", testInfo);
  const card = page.getByRole("region", { name: "Passkeys" });
  await expect(card.getByText("Adding a passkey needs JavaScript")).toBeVisible();
  await expect(card.getByRole("button", { name: "Add a passkey" })).toHaveCount(0);
  await expectAccessible(page, testInfo);
});
