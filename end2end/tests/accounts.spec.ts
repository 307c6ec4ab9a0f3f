import { expect, type Page, test, type TestInfo } from "@playwright/test";
import { expectAccessible, newEmail, PASSWORD, readMail, register, signIn, signInAsAdmin, visit } from "./support";

test("a new shopper registers, confirms the address with the mailed code, signs out and in", async ({
  page,
}, testInfo) => {
  // The whole journey, with an accessibility check on every page it opens.
  test.slow();
  const email = newEmail(testInfo, "robin");
  await visit(page, "/register", testInfo);
  await expectAccessible(page, testInfo);
  await register(page, testInfo, email);
  await expectAccessible(page, testInfo);

  const mail = await readMail(page, email, "Confirm your email address");
  const code = mail.match(/\b\d{6}\b/)?.[0];
  expect(code, "the mail carries a 6-digit code").toBeTruthy();
  expect(mail).toContain("/verify-email?token=");

  await expect(page.getByLabel("Email").first()).toHaveValue(email);
  await page.getByLabel("6-digit code").fill(code!);
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();

  await signIn(page, testInfo, email, PASSWORD);
  await expect(page.getByText("not confirmed yet")).toHaveCount(0);
  await expectAccessible(page, testInfo);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await visit(page, "/account", testInfo);
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);

  await signIn(page, testInfo, email, PASSWORD);

  // Confirmed, the shopper may open a store and becomes its owner.
  await visit(page, "/seller/onboarding", testInfo);
  await expectAccessible(page, testInfo);
  const slug = `robin-${testInfo.project.name}-${Math.floor(Math.random() * 1e9)}`;
  await page.getByLabel("Store name").fill("Robin's Workshop");
  await page.getByLabel("Store address").fill("Not A Slug!");
  await page.getByRole("button", { name: "Open my store" }).click();
  await expect(page.getByText("lower-case letters, digits and single hyphens")).toBeVisible();
  await expect(page.getByLabel("Store name")).toHaveValue("Robin's Workshop");
  await page.getByLabel("Store address").fill(slug);
  await page.getByRole("button", { name: "Open my store" }).click();
  await expect(page).toHaveURL(/\/seller$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Robin's Workshop");
  await expect(page.getByRole("link", { name: "Your store" })).toBeVisible();
  await expectAccessible(page, testInfo);
});

test("a forgotten password is replaced through the mailed link", async ({ page }, testInfo) => {
  const email = newEmail(testInfo, "forgetful");
  await register(page, testInfo, email);

  await visit(page, "/forgot-password", testInfo);
  await expectAccessible(page, testInfo);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText("a link to choose a new password is on its way")).toBeVisible();

  const mail = await readMail(page, email, "Reset your Bazaar password");
  const link = mail.match(/https?:\/\/\S+\/reset-password\?token=\S+/)?.[0];
  expect(link, "the mail carries a reset link").toBeTruthy();
  await visit(page, new URL(link!).pathname + new URL(link!).search, testInfo);
  await expectAccessible(page, testInfo);
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();

  const newPassword = "violet harbour engine";
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page).toHaveURL(/\/login\?reset=done$/);
  await expect(page.getByText("Your password is changed.")).toBeVisible();

  // The link works once.
  await visit(page, new URL(link!).pathname + new URL(link!).search, testInfo);
  await expect(page.getByText("This link has expired or was already used.")).toBeVisible();

  await signIn(page, testInfo, email, newPassword);
});

test("wrong input is explained next to the field and the input is kept", async ({ page }, testInfo) => {
  const email = newEmail(testInfo, "hasty");
  await visit(page, "/register", testInfo);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("1234567890");
  await page.getByRole("button", { name: "Create account" }).click();
  const password = page.getByLabel("Password");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("one of the most common")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expectAccessible(page, testInfo);

  await visit(page, "/login", testInfo);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText("The email or password is not right.");
  await expect(page.getByLabel("Email")).toHaveValue(email);
});

test("an admin sees the platform overview and the audit log", async ({ page }, testInfo) => {
  await signInAsAdmin(page, testInfo);
  await visit(page, "/admin", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Platform admin");
  await expect(page.getByRole("cell", { name: "login.succeeded" }).first()).toBeVisible();
  await expectAccessible(page, testInfo);
});

test("a shopper is refused the admin and the seller admin", async ({ page }, testInfo) => {
  await signIn(page, testInfo, "shopper@example.com", "demo-password");
  for (const path of ["/admin", "/seller"]) {
    const response = await visit(page, path, testInfo);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
  }
  await expectAccessible(page, testInfo);
  await visit(page, "/account/security", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Password and sessions");
  await expect(page.getByText("This device")).toBeVisible();
  await expectAccessible(page, testInfo);
});
