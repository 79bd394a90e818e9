/**
 * Screenshots of the service page's first screen and whole page (desktop 1440×900 and phone 390×844,
 * light and dark) on the demo's longest checklist (CryptoPulse) to .data/screenshots/ for people to look
 * at (`npm run screenshots`; tests/e2e/checklist-layout.test.ts checks where the first checkbox lands).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { baseUrl, signInBrowser } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";

describe("service page screenshots", () => {
  const dir = path.join(process.cwd(), ".data", "screenshots");
  const contexts: BrowserContext[] = [];
  beforeAll(() => mkdirSync(dir, { recursive: true }));
  afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  for (const [size, viewport] of [
    ["desktop", { width: 1440, height: 900 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    for (const colorScheme of ["light", "dark"] as const) {
      it(`renders the service page (${size}, ${colorScheme})`, async () => {
        const ctx = await launchBrowser({ colorScheme, viewport });
        contexts.push(ctx);
        await signInBrowser(ctx, "editor@example.com");
        const page = await ctx.newPage();
        await page.goto(`${baseUrl()}/services/cryptopulse`);
        const first = page.getByRole("checkbox").first();
        await page.waitForFunction((el) => !(el as HTMLInputElement).disabled, await first.elementHandle());
        await page.screenshot({ path: path.join(dir, `service-${size}-${colorScheme}-first-screen.png`) });
        await page.screenshot({ path: path.join(dir, `service-${size}-${colorScheme}.png`), fullPage: true });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        // An item's details (guidance with code, the forms' buttons), then selection mode with its bar.
        const title = "Generate a strong JWT secret (minimum 32 characters)";
        await page.getByRole("button", { name: `Details: ${title}`, exact: true }).click();
        const row = page.getByRole("listitem").filter({ has: page.getByRole("checkbox", { name: title, exact: true }) });
        await row.screenshot({ path: path.join(dir, `service-${size}-${colorScheme}-item-details.png`) });
        await page.getByRole("button", { name: "Select several" }).click();
        for (const name of [/^Select: Use a production-tier/, /^Select: Only expose necessary ports/]) await page.getByRole("checkbox", { name }).check();
        await page.screenshot({ path: path.join(dir, `service-${size}-${colorScheme}-selecting.png`) });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      });
    }
  }
});
