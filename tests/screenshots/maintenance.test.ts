/**
 * Screenshots of maintenance windows (light, dark, phone) to .data/screenshots/ for people to look at
 * (`npm run screenshots`): the service page's summary and panel, the board card, and the uptime page
 * with two hours of the demo's probes turned into maintenance (strip, latency bands, table).
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { appSql, baseUrl, demoSeededAt } from "../helpers/app";
import { screenshotBrowsers, SCREENSHOT_DIR as dir, VARIANTS, widthOf } from "../helpers/screenshots";

const SERVICE = `(SELECT id FROM "Service" WHERE slug = 'cryptopulse')`;

describe("maintenance screenshots", () => {
  const browser = screenshotBrowsers();
  beforeAll(async () => {
    const seeded = await demoSeededAt();
    const from = new Date(Math.floor((seeded - 4 * 3_600_000) / 3_600_000) * 3_600_000);
    const to = new Date(from.getTime() + 2 * 3_600_000);
    await appSql(
      `INSERT INTO "MaintenanceWindow" (id, "serviceId", "startsAt", "endsAt", reason) VALUES
         ('mw_shot_past', ${SERVICE}, $1, $2, 'Database upgrade to PostgreSQL 17'),
         ('mw_shot_open', ${SERVICE}, now() - interval '20 minutes', now() + interval '70 minutes', 'Rotating the TLS certificate'),
         ('mw_shot_next', ${SERVICE}, now() + interval '1 day', now() + interval '1 day 2 hours', 'Kernel patch')`,
      [from, to],
    );
    // What the probe engine would have written during the past window: those probes as maintenance.
    await appSql(
      `UPDATE "ProbeRollup" SET maintenance = up + down + degraded, up = 0, down = 0, degraded = 0, "latencyHist" = '{}', "latencySumMs" = 0, "latencyCount" = 0
       WHERE "checkId" IN (SELECT id FROM "HealthCheck" WHERE "serviceId" = ${SERVICE}) AND granularity IN ('minute', 'hour') AND "bucketStart" >= $1 AND "bucketStart" < $2`,
      [from, to],
    );
  });
  for (const [suffix, variant] of VARIANTS) {
    const name = `maintenance-${suffix}`;
    it(`renders ${name}`, async () => {
      const page = await (await browser(variant, "editor@example.com")).newPage();
      await page.goto(`${baseUrl()}/services/cryptopulse`);
      await page.getByTestId("maintenance-open").waitFor();
      await page.screenshot({ path: path.join(dir, `${name}-service-top.png`) });
      await page.locator("summary", { hasText: "Schedule maintenance" }).click();
      await page.screenshot({ path: path.join(dir, `${name}-service.png`), fullPage: true });
      await page.locator('section[aria-labelledby="maintenance-heading"]').screenshot({ path: path.join(dir, `${name}-panel.png`) });
      const width = widthOf(variant);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

      await page.goto(`${baseUrl()}/`);
      const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "CryptoPulse", exact: true }) });
      await card.getByText(/In maintenance until/).waitFor();
      await card.screenshot({ path: path.join(dir, `${name}-card.png`) });

      await page.goto(`${baseUrl()}/services/cryptopulse/uptime`);
      await page.locator(".recharts-surface").first().waitFor();
      await page.getByText("Show data as table").click();
      await page.screenshot({ path: path.join(dir, `${name}-uptime.png`), fullPage: true });
      await page.locator('section[aria-labelledby="strip-h"]').screenshot({ path: path.join(dir, `${name}-strip.png`) });
      await page.locator('section[aria-labelledby="latency-h"]').screenshot({ path: path.join(dir, `${name}-latency.png`) });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    });
  }
});
