/**
 * Screenshots of a team's Notifications page (desktop 1440×900 and phone 390×844, light and dark; a
 * channel with deliveries in every state, the add form, and an editor's read-only view) to
 * .data/screenshots/ for people to look at (`npm run screenshots`; tests/e2e/notifications.test.ts and the
 * axe audit check the page itself).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { insertChannelWithDeliveries } from "../helpers/alert-channels";
import { baseUrl, signInBrowser } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";

describe("Notifications page screenshots", () => {
  const dir = path.join(process.cwd(), ".data", "screenshots");
  const contexts: BrowserContext[] = [];
  let remove: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    remove = await insertChannelWithDeliveries("chn_shots", "On-call relay");
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await remove?.();
  });

  const DESKTOP = { width: 1440, height: 900 };
  const PHONE = { width: 390, height: 844 };
  for (const [name, email, viewport, colorScheme] of [
    ["desktop-light", "owner@example.com", DESKTOP, "light"],
    ["desktop-dark", "owner@example.com", DESKTOP, "dark"],
    ["phone-light", "owner@example.com", PHONE, "light"],
    ["phone-dark", "owner@example.com", PHONE, "dark"],
    ["editor-desktop-light", "editor@example.com", DESKTOP, "light"],
  ] as const) {
    it(`renders ${name}`, async () => {
      const ctx = await launchBrowser({ colorScheme, viewport });
      contexts.push(ctx);
      await signInBrowser(ctx, email);
      const page = await ctx.newPage();
      await page.goto(`${baseUrl()}/teams/platform/notifications`);
      await page.getByRole("article", { name: "On-call relay" }).waitFor();
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: path.join(dir, `notifications-${name}.png`), fullPage: true });
      // Nothing widens the page sideways (the deliveries table scrolls inside its own box).
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    });
  }
});
