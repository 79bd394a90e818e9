/**
 * Screenshots of the main pages (light, dark, phone) to .data/screenshots/ for people to look at
 * (`npm run screenshots`; not part of `npm test`, which checks the same pages' widths in tests/e2e/ui-vocabulary.test.ts).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { appSql, baseUrl, insertToken, signInBrowser } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";

describe("screenshots of the main pages", () => {
  const dir = path.join(process.cwd(), ".data", "screenshots");
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    // Something in every state for the team pages: a used token, a pending and an expired invitation.
    const { id } = await insertToken({ teamSlug: "platform", email: "owner@example.com", role: "editor" });
    await appSql(`UPDATE "ApiToken" SET name = 'CI deploy gate', "lastUsedAt" = now() - interval '2 hours', "expiresAt" = now() + interval '30 days' WHERE id = $1`, [id]);
    await insertToken({ teamSlug: "platform", email: "owner@example.com", role: "viewer", revoked: true });
    await appSql(
      `INSERT INTO "Invitation" (id, "teamId", email, role, "tokenHash", "expiresAt")
       SELECT 'inv_pending', id, 'new.hire@example.com', 'reviewer'::"Role", 'hash-pending', now() + interval '6 days' FROM "Team" WHERE slug = 'platform'
       UNION ALL SELECT 'inv_expired', id, 'late@example.com', 'viewer'::"Role", 'hash-expired', now() - interval '1 day' FROM "Team" WHERE slug = 'platform'`,
    );
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  const pages = [
    ["board", "/"],
    ["service", "/services/cryptopulse"],
    ["thresholds", "/services/cryptopulse/thresholds"],
    ["recovery", "/services/trailbase/recovery"],
    ["uptime", "/services/cryptopulse/uptime"],
    ["team", "/teams/platform"],
    ["tokens", "/teams/platform/tokens"],
    ["audit", "/teams/platform/audit"],
  ] as const;

  for (const [mode, opts] of [
    ["light", { colorScheme: "light" as const }],
    ["dark", { colorScheme: "dark" as const }],
    ["phone", { colorScheme: "light" as const, viewport: { width: 390, height: 844 } }],
  ] as const) {
    it(`renders the pages (${mode})`, async () => {
      const ctx = await launchBrowser(opts);
      contexts.push(ctx);
      await signInBrowser(ctx, "owner@example.com");
      const page = await ctx.newPage();
      for (const [name, url] of pages) {
        await page.goto(`${baseUrl()}${url}`);
        await page.locator("main h1").first().waitFor();
        await page.waitForLoadState("networkidle");
        await page.screenshot({ path: path.join(dir, `ui-${name}-${mode}.png`), fullPage: true });
        // Nothing widens the page sideways (wide tables scroll inside their own box).
        expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual("viewport" in opts ? opts.viewport.width : 1280);
      }
    });
  }
});
