import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectAccessible, signIn, visit } from "./support";

/** Rows of a CSV file, with quoted cells holding commas, quotes or newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (c !== "\r") {
      cell += c;
    }
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const cents = (text: string) => Math.round(Number(text.replace(/[€,]/g, "")) * 100);

test("a seller reads a month's figures, switches month and exports the same totals", async ({ page }, testInfo) => {
  await signIn(page, testInfo, "seller@example.com", "demo-password");
  await visit(page, "/seller", testInfo);
  await page.getByRole("link", { name: "Statistics" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Statistics");

  // The demo orders reach back four months: the previous month has sales.
  const current = (await page.getByTestId("stats-month").textContent()) ?? "";
  await page.getByRole("link", { name: "← Previous month" }).click();
  await expect(page.getByTestId("stats-month")).not.toHaveText(current);
  await expect(page.getByTestId("stats-orders")).toBeVisible();
  await expect(page.getByRole("group", { name: "Units sold by category" })).toBeVisible();
  await expectAccessible(page, testInfo);

  // Keyboard: a bar of the daily chart takes focus and names its value.
  const day = page.getByRole("img", { name: /^Day 1:/ });
  await day.focus();
  await expect(day).toBeFocused();

  const gross = page.getByTestId("stats-figure").filter({ hasText: "Gross sales" }).locator(".figure-value");
  const pageGross = cents((await gross.textContent()) ?? "");
  const units = Number(((await page.getByTestId("stats-units").textContent()) ?? "").match(/\d+/)?.[0]);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the month as CSV" }).click();
  const file = await (await download).path();
  const [header, ...rows] = parseCsv(await readFile(file, "utf8"));
  expect(header.slice(0, 3)).toEqual(["date", "order", "product"]);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.reduce((sum, row) => sum + cents(row[8]), 0)).toBe(pageGross);
  expect(rows.reduce((sum, row) => sum + Number(row[6]), 0)).toBe(units);

  // The month picker lists the months with sales.
  const months = page.getByLabel("Month", { exact: true });
  const values = await months.locator("option").evaluateAll((options) =>
    options.map((option) => (option as HTMLOptionElement).value),
  );
  await months.selectOption(values[values.length - 1]);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`month=${values[values.length - 1]}`));
});
