/**
 * The UI's shared vocabulary in Chromium: one date style, one status presentation, board cards that
 * lead to each tab, clean filter URLs, field errors beside their fields, no page wider than the screen.
 * (Screenshots of the main pages for people to look at: `npm run screenshots`, tests/screenshots/.)
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appSql, baseUrl, signedInBrowser } from "../helpers/app";

const viewer = signedInBrowser("viewer@example.com");
const owner = signedInBrowser("owner@example.com");

/** "26 Nov 2026, 19:25 UTC" (optionally with seconds), the one style of a moment. */
const DATE_TIME = /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}, \d\d:\d\d(:\d\d)? UTC$/;
const DATE = /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$/;
const RELATIVE = /^(just now|(\d+ (d|h|min|s)( \d+ (h|min))? ago)|in \d+ (d|h|min|s)( \d+ (h|min))?)$/;

/** Every <time> of the page: absolute ones in the one style, relative ones with the moment as title. */
async function timesOf(page: Page) {
  return page.locator("time").evaluateAll((els) => els.map((e) => ({ text: e.textContent ?? "", title: e.getAttribute("title"), dateTime: e.getAttribute("datetime") })));
}

function expectOneStyle(times: { text: string; title: string | null; dateTime: string | null }[]) {
  expect(times.length).toBeGreaterThan(0);
  for (const t of times) {
    expect(t.dateTime, t.text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    if (t.title) {
      expect(t.text).toMatch(RELATIVE);
      expect(t.title).toMatch(DATE_TIME);
    } else {
      expect(t.text).toMatch(new RegExp(`${DATE_TIME.source}|${DATE.source}`));
    }
  }
}

describe("one vocabulary for time and status (Chromium)", () => {
  it("each board card leads to the uptime, thresholds and recovery tabs, with names that say so", async () => {
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/`);
    const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "CryptoPulse", exact: true }) });
    await card.waitFor();
    const uptime = card.getByRole("link", { name: /^CryptoPulse uptime, last 30 days: \d+\.\d\d %, .+ of 30 d observed$/ });
    expect(await uptime.getAttribute("href")).toBe("/services/cryptopulse/uptime");
    const thresholds = card.getByRole("link", { name: /^CryptoPulse thresholds: / });
    expect(await thresholds.getAttribute("href")).toBe("/services/cryptopulse/thresholds");
    expect(await card.getByRole("link", { name: /^CryptoPulse recovery: / }).getAttribute("href")).toBe("/services/cryptopulse/recovery");
    // Status lines are icon + capitalised word, never colour alone.
    expect(await thresholds.textContent()).toMatch(/^(✕\d+ of \d+ breached|✓OK( \(\d+ no data\))?|○No data|○None set)$/);
    await thresholds.click();
    await page.waitForURL(`${baseUrl()}/services/cryptopulse/thresholds`);
    await page.getByRole("heading", { name: "CryptoPulse thresholds" }).waitFor();
    await page.close();
  });

  it("the board's filter form puts only the chosen filters in the URL, with or without JavaScript", async () => {
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/`);
    const form = page.getByRole("search", { name: "Filter services" });
    await form.getByLabel("Level").selectOption("not-ready");
    await form.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(`${baseUrl()}/?level=not-ready`);
    await page.getByText(/services? match/).waitFor();
    // A plain GET submission (no JavaScript) sends every field: the server answers with the clean URL.
    const res = await fetch(`${baseUrl()}/?q=&level=at-risk&team=&tag=&sort=`, { redirect: "manual", headers: { cookie: (await viewer().cookies()).map((c) => `${c.name}=${c.value}`).join("; ") } });
    expect(res.status).toBeGreaterThanOrEqual(300);
    expect(res.status).toBeLessThan(400);
    expect(new URL(res.headers.get("location")!, baseUrl()).search).toBe("?level=at-risk");
    await page.close();
  });

  it("dates read the same on every page: one absolute style, relative phrases carry the moment", async () => {
    // An event whose snapshots hold a time (like an invitation's expiry): the audit log writes it as a date too.
    await appSql(
      `INSERT INTO "AuditEvent" ("teamId", "actorEmail", via, action, "targetType", "targetId", before, after)
       SELECT id, 'owner@example.com', 'ui', 'ui.test', 'service', 'cryptopulse', '{"state":"open"}'::jsonb, '{"state":"done","expiresAt":"2026-12-04T10:00:00.000Z"}'::jsonb
       FROM "Team" WHERE slug = 'platform'`,
    );
    const page = await owner().newPage();
    for (const url of ["/services/cryptopulse", "/services/cryptopulse/uptime?range=30d", "/services/cryptopulse/thresholds", "/services/trailbase/recovery", "/teams/platform/audit"]) {
      await page.goto(`${baseUrl()}${url}`);
      await page.locator("main time").first().waitFor({ state: "attached" });
      expectOneStyle(await timesOf(page));
      // No ISO-like "2026-11-26 19:25" left anywhere in the text.
      expect(await page.locator("main").textContent(), url).not.toMatch(/\d{4}-\d\d-\d\d[ T]\d\d:\d\d/);
    }
    await page.close();
  });

  it("the audit log reads each change in words: only the fields that changed, no version counter, no raw JSON", async () => {
    await appSql(
      `INSERT INTO "AuditEvent" ("teamId", "actorEmail", via, action, "targetType", "targetId", before, after)
       SELECT id, 'owner@example.com', 'api', 'ui.test.change', 'checklist_item', 'cryptopulse/x',
              '{"state":"open","note":null,"version":3,"owner":"a"}'::jsonb, '{"state":"done","note":"Runbook linked","version":4,"owner":"a"}'::jsonb
       FROM "Team" WHERE slug = 'platform'`,
    );
    const page = await owner().newPage();
    await page.goto(`${baseUrl()}/teams/platform/audit?action=ui.test.change`);
    const change = page.getByRole("table", { name: "Audit events, newest first" }).locator("tbody tr").first().locator("td").nth(1);
    await change.waitFor();
    // An action the wording does not know reads in the generic form: its name in words, then what changed.
    expect((await change.locator("> span").first().textContent())?.trim()).toBe("owner@example.com recorded “ui test change” for “x”");
    expect((await change.locator("li").allTextContents()).map((t) => t.replace(/\s+/g, " ").trim()).sort()).toEqual(["Note: Runbook linked", "State: open → changed to done"]);
    expect(await change.textContent()).not.toMatch(/\{|version|owner: a/i);
    await page.close();
  });

  it("recovery statuses use the shared words: capitalised log outcomes and drill states", async () => {
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/services/trailbase/recovery`);
    const statuses = page.locator('[data-testid="rto-status"], [data-testid="backup-status"]');
    await statuses.first().waitFor();
    for (const text of await statuses.allTextContents()) expect(text).toMatch(/^[✓!✕○][A-Z]/);
    const log = page.getByRole("table", { name: "Backup and restore log, newest first" });
    const column = (await log.locator("thead th").allTextContents()).findIndex((h) => h.trim() === "Outcome") + 1;
    expect(column).toBeGreaterThan(0);
    const outcomes = await log.locator(`tbody tr td:nth-child(${column})`).allTextContents();
    expect(outcomes.length).toBeGreaterThan(0);
    for (const o of outcomes) expect(o).toMatch(/^(✓Succeeded|✕Failed|○Started)$/);
  });

  it("the members page names each role control by its member, without a visible 'Role of …' label", async () => {
    const page = await owner().newPage();
    await page.goto(`${baseUrl()}/teams/platform`);
    const select = page.getByRole("combobox", { name: "Role for viewer@example.com", exact: true });
    await select.waitFor();
    expect(await select.inputValue()).toBe("viewer");
    expect(await page.getByText(/Role of /).count()).toBe(0);
    await page.getByRole("button", { name: "Save role for viewer@example.com", exact: true }).waitFor();
  });

  it("a server-side field error stands next to its field, even when the server names the field differently", async () => {
    const page = await owner().newPage();
    await page.goto(`${baseUrl()}/services/glasswork/recovery`);
    await page.getByText("Add or change an RTO/RPO target").click();
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Save target" }) });
    await form.getByLabel("Component", { exact: true }).fill("Search index");
    // 50,000 minutes is more than the 30 days the server allows (its field is rtoSeconds).
    await form.getByLabel("RTO (minutes)").fill("50000");
    await form.getByRole("button", { name: "Save target" }).click();
    const rto = form.getByLabel("RTO (minutes)");
    await expect.poll(() => rto.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await rto.getAttribute("aria-describedby"))!.split(" ")[0]!;
    expect(await form.locator(`[id="${describedBy}"]`).textContent()).toMatch(/^✕ /);
    // The alert above says the form was refused, without repeating the field's message as a list.
    expect(await form.getByRole("alert").locator("li").count()).toBe(0);
    expect(await rto.inputValue()).toBe("50000");
    mkdirSync(path.join(process.cwd(), ".data", "screenshots"), { recursive: true });
    await form.screenshot({ path: path.join(process.cwd(), ".data", "screenshots", "ui-field-error.png") });
  });
});

describe("page widths", () => {
  it("nothing widens a main page sideways at desktop or phone width (wide tables scroll inside their own box)", async () => {
    // Widths only change layout, not content (docs/decisions/0015): one load per page, then the phone width.
    const page = await owner().newPage();
    for (const url of ["/", "/services/cryptopulse", "/services/cryptopulse/thresholds", "/services/trailbase/recovery", "/services/cryptopulse/uptime", "/teams/platform", "/teams/platform/tokens", "/teams/platform/audit"]) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${baseUrl()}${url}`);
      await page.locator("main h1").first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(1280);
      await page.setViewportSize({ width: 390, height: 844 });
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: `${url} at phone width` }).toBeLessThanOrEqual(390);
    }
    await page.close();
  });
});
