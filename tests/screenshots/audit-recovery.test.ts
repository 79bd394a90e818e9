/**
 * Screenshots of the audit log in words, an item's History and the recovery page at 1440 px (light and
 * dark) and 390 px to .data/screenshots/ for people to look at (`npm run screenshots`; tests/e2e/audit-log.test.ts
 * and tests/e2e/recovery.test.ts check the same pages).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { baseUrl, insertToken, signInBrowser } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";

describe("audit and recovery screenshots", () => {
  const dir = path.join(process.cwd(), ".data", "screenshots");
  const contexts: BrowserContext[] = [];
  let itemTitle = "";
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    // A checklist tick and an RTO change, so the log has the entries issue #15 is about.
    const { secret } = await insertToken({ teamSlug: "platform", email: "owner@example.com", role: "owner" });
    const api = async (method: string, url: string, body?: unknown) => {
      const res = await fetch(`${baseUrl()}/api/v1/services/cryptopulse${url}`, {
        method,
        headers: { authorization: `Bearer ${secret}`, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      expect(res.status, `${method} ${url}`).toBeLessThan(300);
      return (await res.json()) as Record<string, unknown>;
    };
    const { items } = (await api("GET", "/checklist")) as { items: { key: string; title: string; state: string; version: number }[] };
    const open = items.find((i) => i.state === "open")!;
    itemTitle = open.title;
    await api("PATCH", `/checklist/${open.key}`, { state: "done", version: open.version, note: "Checked in staging." });
    await api("POST", "/rto-targets", { component: "Redis", rtoSeconds: 900 });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  for (const [mode, opts] of [
    ["1440-light", { colorScheme: "light" as const, viewport: { width: 1440, height: 900 } }],
    ["1440-dark", { colorScheme: "dark" as const, viewport: { width: 1440, height: 900 } }],
    ["390", { colorScheme: "light" as const, viewport: { width: 390, height: 844 } }],
  ] as const) {
    it(`renders the audit log, an item's history and the recovery page (${mode})`, async () => {
      const ctx = await launchBrowser(opts);
      contexts.push(ctx);
      await signInBrowser(ctx, "owner@example.com");
      const page = await ctx.newPage();
      for (const [name, url] of [
        ["audit", "/teams/platform/audit"],
        ["audit-service", "/teams/platform/audit?service=cryptopulse"],
        ["recovery", "/services/cryptopulse/recovery"],
      ] as const) {
        await page.goto(`${baseUrl()}${url}`);
        await page.locator("main h1").first().waitFor();
        await page.waitForLoadState("networkidle");
        await page.screenshot({ path: path.join(dir, `audit-recovery-${name}-${mode}.png`), fullPage: true });
        // A long page also in screen-high parts, which read at their real size.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0, part = 1; y < height && height > 2 * opts.viewport.height; y += 2 * opts.viewport.height, part++) {
          const clip = { x: 0, y, width: opts.viewport.width, height: Math.min(2 * opts.viewport.height, height - y) };
          await page.screenshot({ path: path.join(dir, `audit-recovery-${name}-${mode}-part${part}.png`), fullPage: true, clip });
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(opts.viewport.width);
      }

      await page.goto(`${baseUrl()}/services/cryptopulse`);
      const details = page.getByRole("button", { name: `Details: ${itemTitle}`, exact: true });
      await page.waitForFunction(() => document.readyState === "complete");
      await details.click();
      const row = page.locator("li").filter({ has: details }).last();
      const loaded = page.waitForResponse((r) => r.url().includes("/history") && r.status() === 200);
      await row.locator("summary").filter({ hasText: "History" }).click();
      await loaded;
      await row.getByRole("list", { name: `History of ${itemTitle}, newest first` }).waitFor();
      await row.screenshot({ path: path.join(dir, `audit-recovery-item-history-${mode}.png`) });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(opts.viewport.width);
    });
  }
});
