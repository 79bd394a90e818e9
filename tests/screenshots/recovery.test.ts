/**
 * Screenshots of the recovery page (light, dark, phone; the procedure and the ping URL) to .data/screenshots/
 * for people to look at (`npm run screenshots`; tests/e2e/recovery.test.ts checks the same page's layout).
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { baseUrl } from "../helpers/app";
import { screenshotBrowsers, SCREENSHOT_DIR as dir, VARIANTS, widthOf } from "../helpers/screenshots";

describe("recovery page screenshots", () => {
  const browser = screenshotBrowsers();

  for (const [suffix, variant] of VARIANTS) {
    const name = `recovery-${suffix}`;
    it(`renders ${name}`, async () => {
      const page = await (await browser(variant, "editor@example.com")).newPage();
      await page.goto(`${baseUrl()}/services/cryptopulse/recovery`);
      await page.locator(".recharts-surface").first().waitFor();
      await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
      if (name === "recovery-light") {
        // The parts behind disclosures: a Markdown procedure and the ping URL with its curl lines.
        await page.getByLabel("Procedure for Database").click();
        await page.getByText("Ping URL and curl lines for Database").click();
        await page.locator('section[aria-labelledby="targets"]').screenshot({ path: path.join(dir, "recovery-procedure.png") });
        await page.locator('[data-monitor="Database"]').screenshot({ path: path.join(dir, "recovery-ping.png") });
        expect(await page.locator('[data-monitor="Database"] pre').textContent()).toMatch(/^# Database: wrap the backup script/);
      }
      // Nothing widens the page sideways (wide tables scroll inside their own box).
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(widthOf(variant));
      // ...and their columns keep a readable width there instead of wrapping letter by letter.
      const logRows = page.getByRole("table", { name: "Backup and restore log, newest first" }).locator("tbody tr");
      const heights = await logRows.evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
      expect(heights.length).toBeGreaterThan(0);
      expect(Math.max(...heights)).toBeLessThan(160);
    });
  }
});
