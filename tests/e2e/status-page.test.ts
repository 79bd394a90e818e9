/**
 * The demo team's public status page in Chromium, as a signed-out visitor: its services with 90 day bars
 * (each focusable, with a tooltip) and the table alternative, incidents, nothing internal in the HTML
 * (no check URL, no email, no error message), readable with JavaScript off; a team that has not
 * published one gets the not-found page; the feed is Atom.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { appSql, baseUrl } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";

const dir = path.join(process.cwd(), ".data", "screenshots");
const SERVICES = ["Hyperterse", "CryptoPulse", "TrailBase", "Glasswork"];

describe("public status page", () => {
  let visitor: BrowserContext;
  let noScript: BrowserContext;
  let internals: string[];
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    visitor = await launchBrowser();
    noScript = await launchBrowser({ javaScriptEnabled: false });
    const checks = await appSql<{ url: string }>(`SELECT c.url FROM "HealthCheck" c JOIN "Service" s ON s.id = c."serviceId" JOIN "Team" t ON t.id = s."teamId" WHERE t.slug = 'platform'`);
    const errors = await appSql<{ e: string }>(`SELECT DISTINCT "firstError" AS e FROM "Incident" i JOIN "Service" s ON s.id = i."serviceId" JOIN "Team" t ON t.id = s."teamId" WHERE t.slug = 'platform'`);
    internals = [...checks.map((c) => c.url), ...errors.map((r) => r.e)];
    // the demo's four, and any other e2e test added to the team before this one ran: none may show
    expect(checks.length).toBeGreaterThanOrEqual(4);
    expect(errors.length).toBeGreaterThan(0);
    await appSql(`INSERT INTO "Team" (id, slug, name) VALUES ('team_status_unpublished', 'status-unpublished', 'Unpublished') ON CONFLICT DO NOTHING`);
  });
  afterAll(async () => {
    await appSql(`DELETE FROM "Team" WHERE id = 'team_status_unpublished'`);
    await visitor?.close();
    await noScript?.close();
  });

  it("shows the demo team's services with 90 day bars and a table alternative to a signed-out visitor, with no check URL or email in the HTML", async () => {
    const page = await visitor.newPage();
    const scripts: Buffer[] = [];
    page.on("response", (res) => {
      if (res.request().resourceType() === "script") void res.body().then((b) => scripts.push(b), () => undefined);
    });
    const res = await page.goto(`${baseUrl()}/status/platform`);
    expect(res?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/status/platform");
    await expect(page.locator("main h1").textContent()).resolves.toBe("Platform status");

    const cards = page.getByTestId("status-service");
    expect(await cards.locator("h3").allTextContents()).toEqual(SERVICES);
    await page.screenshot({ path: path.join(dir, "status-page.png"), fullPage: true });
    for (let i = 0; i < SERVICES.length; i++) {
      const card = cards.nth(i);
      // A status in words (and an icon), never colour alone.
      expect(await card.locator("h3 + *").textContent()).toMatch(/Operational|Degraded performance|Outage|Under maintenance|No data/);
      const bars = card.getByTestId("day-bars").getByRole("img");
      expect(await bars.count()).toBe(90);
      expect(await bars.last().getAttribute("tabindex")).toBe("0");
      expect(await bars.last().getAttribute("aria-label")).toMatch(/^\d{1,2} \w{3} \d{4}: (\d+(\.\d+)? % uptime|no data|maintenance), (no incidents|\d+ incidents?)$/);

      // The table alternative: folded in a <details>, one row per day.
      const details = card.locator("details");
      await details.locator("summary").click();
      const rows = details.locator("tbody tr");
      expect(await rows.count()).toBe(90);
      expect(await rows.first().locator("td").nth(1).textContent()).toMatch(/%|no data|maintenance/);
    }

    // Focus shows the day's figures (the tooltip) without a pointer.
    const bar = cards.first().getByTestId("day-bars").getByRole("img").last();
    const tooltip = () => bar.evaluate((el) => ({ display: getComputedStyle(el, "::after").display, content: getComputedStyle(el, "::after").content }));
    expect((await tooltip()).display).toBe("none");
    await bar.focus();
    expect(await tooltip()).toEqual({ display: "block", content: JSON.stringify(await bar.getAttribute("aria-label")) });

    // The demo's outages: days with an incident say so, and the history lists them with the error class.
    expect(await page.locator("[data-testid=day-bars] [role=img][aria-label*='1 incident']").count()).toBeGreaterThan(0);
    const history = page.locator("section", { has: page.getByRole("heading", { name: "Incident history (90 days)" }) });
    expect(await history.getByTestId("incident-list").locator("li").count()).toBeGreaterThan(2);
    expect(await history.textContent()).toContain("Cause: connection refused");

    const html = await page.content();
    const served = await (await fetch(`${baseUrl()}/status/platform`)).text();
    for (const text of [html, served]) {
      for (const secret of internals) expect(text, secret).not.toContain(secret);
      expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
      expect(text).not.toContain("/demo/");
    }
    await page.waitForLoadState("networkidle");
    // Readable without script, and it ships none (the limit is 50 KB).
    const raw = scripts.reduce((n, b) => n + b.length, 0);
    console.log(`status page: ${scripts.length} scripts, ${(raw / 1024).toFixed(1)} KiB of JavaScript`);
    expect(raw).toBeLessThan(50 * 1024);
    expect(served).not.toContain("<script");
    await page.close();
  });

  it("is readable with JavaScript off", async () => {
    const page = await noScript.newPage();
    const res = await page.goto(`${baseUrl()}/status/platform`);
    expect(res?.status()).toBe(200);
    expect(await page.getByTestId("status-service").locator("h3").allTextContents()).toEqual(SERVICES);
    expect(await page.locator("[data-testid=day-bars] [role=img]").count()).toBe(90 * SERVICES.length);
    expect(await page.getByTestId("overall-status").textContent()).toMatch(/operational|outage|Degraded|Maintenance|No data/i);
    // The <details> opens without script, too.
    const details = page.locator("details").first();
    await details.locator("summary").click();
    expect(await details.locator("tbody tr").count()).toBe(90);
    await page.close();
  });

  it("is the not-found page for a team that has not published one, and the feed is Atom", async () => {
    const page = await visitor.newPage();
    const res = await page.goto(`${baseUrl()}/status/status-unpublished`);
    expect(res?.status()).toBe(404);
    expect(await page.locator("main h1").textContent()).toBe("Not found");
    expect((await fetch(`${baseUrl()}/status/status-unpublished/feed.atom`)).status).toBe(404);
    await page.close();

    const feed = await fetch(`${baseUrl()}/status/platform/feed.atom`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await feed.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    expect(xml).toContain("<entry>");
  });
});
