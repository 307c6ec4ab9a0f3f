import { defineConfig, devices } from "@playwright/test";

// The server is started by scripts/e2e.sh; Chromium comes from Debian, never
// from a Playwright download.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL: process.env.BASE_URL ?? "http://localhost:3100",
    launchOptions: chromium,
    trace: "retain-on-failure",
    // No transitions: an element under the pointer when it appears would
    // otherwise be checked by axe halfway between two colours.
    reducedMotion: "reduce",
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
    // Machine routes do not depend on the browser: one project checks them.
    {
      name: "desktop-no-js",
      testIgnore: /machine\.spec/,
      use: { ...devices["Desktop Chrome"], launchOptions: chromium, javaScriptEnabled: false },
    },
    { name: "mobile", testIgnore: /machine\.spec/, use: { ...devices["Pixel 7"], launchOptions: chromium } },
    {
      name: "mobile-no-js",
      testIgnore: /machine\.spec/,
      use: { ...devices["Pixel 7"], launchOptions: chromium, javaScriptEnabled: false },
    },
  ],
});
