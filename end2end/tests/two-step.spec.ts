import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectAccessible, newVerifiedShopper, PASSWORD, visit } from "./support";

/** The code an authenticator app shows now for a base32 `key` (RFC 6238: SHA-1, six digits, 30 s). */
function authenticatorCode(key: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bits = [...key.replace(/=+$/, "")].map((c) => alphabet.indexOf(c).toString(2).padStart(5, "0")).join("");
  const secret = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000)));
  const mac = createHmac("sha1", secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return ((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, "0");
}

test("two-step sign-in is set up with the app's code, then a sign-in asks for a code after the password", async ({
  page,
}, testInfo) => {
  test.slow();
  const email = await newVerifiedShopper(page, testInfo, "two-step");
  await visit(page, "/account/security", testInfo);
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await expectAccessible(page, testInfo);
  const key = (await page.locator(".secret-key").textContent())!.trim();
  await page.getByLabel("Code from the app").fill(authenticatorCode(key));
  await page.locator("#two-step-on-current_password").fill(PASSWORD);
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("heading", { name: "Your recovery codes" })).toBeVisible();
  const codes = await page.locator(".recovery-codes code").allTextContents();
  expect(codes).toHaveLength(10);
  await expect(page.getByText("10 unused recovery codes left")).toBeVisible();
  await expectAccessible(page, testInfo);

  await page.context().clearCookies();
  await visit(page, "/login?next=%2Faccount%2Forders", testInfo);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();
  await expectAccessible(page, testInfo);
  await page.getByLabel("Code", { exact: true }).fill("abcde-fghjk");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("That code is not right")).toBeVisible();
  await expect(page.getByLabel("Code", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Code", { exact: true }).fill(codes[0]);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/account\/orders$/);
});

test("the demo admin signs in with a code from the key the seed prints", async ({ page }, testInfo) => {
  // The demo admin's code of a 30-second step works once: one project signs in.
  test.skip(testInfo.project.name !== "desktop", "one sign-in per run");
  await visit(page, "/login?next=%2Fadmin", testInfo);
  await page.getByLabel("Email").fill("admin@example.com");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();
  await page.getByLabel("Code", { exact: true }).fill(authenticatorCode("BAZAARDEMOADMINTOTPKEYFORLOCAL23"));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Platform admin");
});
