/**
 * The recovery page in Chromium: an editor logs a restore drill and sees the RTO status change, adds a
 * backup monitor and pings its URL; a viewer sees the page without forms or ping URLs; the page fits a
 * phone. (Its screenshots for people to look at: `npm run screenshots`, tests/screenshots/.)
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appSql, baseUrl, signedInBrowser } from "../helpers/app";

const editor = signedInBrowser("editor@example.com");
const viewer = signedInBrowser("viewer@example.com");

const statusOf = (page: Page, component: string) => page.locator(`tr[data-component="${component}"] [data-testid="rto-status"]`);
/** "YYYY-MM-DDTHH:mm" in UTC, as the form's datetime-local fields take it. */
const utcInput = (d: Date) => d.toISOString().slice(0, 16);

describe("recovery page (Chromium)", () => {
  it("an editor logs a restore drill and sees the RTO status change from missed to met", async () => {
    const page = await editor().newPage();
    await page.goto(`${baseUrl()}/services/cryptopulse/recovery`);
    await statusOf(page, "Redis").waitFor();
    expect(await statusOf(page, "Redis").textContent()).toMatch(/Missed$/);
    expect(await page.getByRole("alert").filter({ hasText: "Recovery drill for Redis missed its objective" }).count()).toBe(1);

    await page.getByText("Log a drill, restore test or backup").click();
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Log entry" }) });
    await form.getByLabel("Kind").selectOption("drill");
    await form.getByLabel("Component", { exact: true }).fill("Redis");
    await form.getByLabel("Outcome").selectOption("success");
    await form.getByLabel("Started at (UTC)").fill(utcInput(new Date(Date.now() - 3600_000)));
    await form.getByLabel("Duration (minutes)").fill("1.5");
    await form.getByLabel("Notes").fill("Restarted redis with appendonly on; data back in 90 s.");
    await form.getByRole("button", { name: "Log entry" }).click();
    await page.getByText("Logged the drill of Redis.").waitFor();

    await statusOf(page, "Redis").filter({ hasText: "Met" }).waitFor();
    expect(await page.getByRole("alert").filter({ hasText: "Recovery drill for Redis missed" }).count()).toBe(0);
    const [entry] = await appSql<{ reportedBy: string; source: string; seconds: number }>(
      `SELECT e."reportedBy", e.source::text, extract(epoch FROM e."finishedAt" - e."startedAt")::int AS seconds
       FROM "RecoveryEvent" e JOIN "Service" s ON s.id = e."serviceId"
       WHERE s.slug = 'cryptopulse' AND e.component = 'Redis' AND e.kind = 'drill' ORDER BY e."createdAt" DESC LIMIT 1`,
    );
    expect(entry).toEqual({ reportedBy: "editor@example.com", source: "ui", seconds: 90 });
  });

  it("an editor adds a backup monitor, copies its ping URL, and a ping turns it OK", async () => {
    const page = await editor().newPage();
    await page.goto(`${baseUrl()}/services/glasswork/recovery`);
    await page.getByText("Add a backup monitor").click();
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Add monitor" }) });
    await form.getByLabel("Component", { exact: true }).fill("Uploads bucket");
    await form.getByRole("button", { name: "Add monitor" }).click();
    await page.getByText("Added a backup monitor for Uploads bucket").waitFor();

    const monitor = page.locator('[data-monitor="Uploads bucket"]');
    await monitor.getByTestId("backup-status").filter({ hasText: "Waiting for the first backup" }).waitFor();
    await monitor.getByText("Ping URL and curl lines for Uploads bucket").click();
    const pingUrl = await monitor.getByLabel(/Ping URL/).inputValue();
    expect(pingUrl).toMatch(new RegExp(`^${baseUrl()}/api/ping/pfp_[A-Za-z0-9_-]{43}$`));
    expect(await monitor.locator("pre").textContent()).toContain(`curl -fsS -m 10 --retry 3 -o /dev/null "$PING_URL/start"`);

    expect((await fetch(`${pingUrl}/start`, { method: "POST" })).status).toBe(200);
    const done = await fetch(pingUrl, { method: "POST", body: "Backup completed: s3://uploads/2026-11-26.tar" });
    expect([done.status, await done.text()]).toEqual([200, "OK\n"]);
    await page.reload();
    await page.locator('[data-monitor="Uploads bucket"]').getByTestId("backup-status").filter({ hasText: /OK$/ }).waitFor();
    expect((await fetch(`${baseUrl()}/api/ping/pfp_${"x".repeat(43)}`)).status).toBe(404);
  });

  it("a viewer sees targets, monitors and the log, but no forms and no ping URLs", async () => {
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/services/cryptopulse/recovery`);
    await page.getByRole("heading", { name: "RTO and RPO targets" }).waitFor();
    await statusOf(page, "Database").waitFor();
    await page.getByRole("heading", { name: "Backup and restore log" }).waitFor();
    expect(await page.locator("[data-monitor]").count()).toBe(2);
    expect(await page.getByRole("button", { name: "Log entry" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Save target" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Add monitor" }).count()).toBe(0);
    expect(await page.getByText(/Replace the ping URL/).count()).toBe(0);
    expect(await page.content()).not.toContain("/api/ping/");
  });

  it("the board card names a service's backup and drill problems and links to its recovery page", async () => {
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/`);
    const card = (name: string) => page.locator("li").filter({ has: page.getByRole("heading", { name, exact: true }) });
    const link = card("TrailBase").getByRole("link", { name: "TrailBase recovery: 1 backup overdue, 2 drills missed or due" });
    await link.waitFor();
    expect(await link.getAttribute("href")).toBe("/services/trailbase/recovery");
    expect(await link.textContent()).toBe("✕1 backup overdue, 2 drills missed or due");
    expect(await card("Glasswork").getByRole("link", { name: "Glasswork recovery: On track" }).getAttribute("href")).toBe("/services/glasswork/recovery");
  });

  it("the log filters by kind in the URL and pages through entries", async () => {
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/services/cryptopulse/recovery`);
    await page.getByLabel("Kind").selectOption("restore-test");
    await page.getByRole("button", { name: "Filter" }).click();
    // Only the chosen filter goes into the URL (no "component=&status=").
    await page.waitForURL(`${baseUrl()}/services/cryptopulse/recovery?kind=restore-test#log`);
    await page.getByText(/Page 1 of 1 \(6 entries\)/).waitFor();
    await page.goto(`${baseUrl()}/services/cryptopulse/recovery?kind=backup`);
    await page.getByText(/Page 1 of \d+/).waitFor();
    await page.getByRole("link", { name: "Older entries" }).click();
    await page.getByText(/Page 2 of \d+/).waitFor();
  });
});

describe("recovery page layout", () => {
  it("fits the desktop and phone widths, with log columns of a readable width, and the ping URL's curl lines", async () => {
    // Widths only change layout, not content (docs/decisions/0015): one load, then the phone width.
    const page = await editor().newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${baseUrl()}/services/cryptopulse/recovery`);
    await page.locator(".recharts-surface").first().waitFor();
    await page.getByText("Ping URL and curl lines for Database").click();
    expect(await page.locator('[data-monitor="Database"] pre').textContent()).toMatch(/^# Database: wrap the backup script/);
    const logRows = page.getByRole("table", { name: "Backup and restore log, newest first" }).locator("tbody tr");
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      // Nothing widens the page sideways (wide tables scroll inside their own box)...
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: `at ${width} px` }).toBeLessThanOrEqual(width);
      // ...and their columns keep a readable width there instead of wrapping letter by letter.
      const heights = await logRows.evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
      expect(heights.length).toBeGreaterThan(0);
      expect(Math.max(...heights), `at ${width} px`).toBeLessThan(160);
    }
    await page.close();
  });
});
