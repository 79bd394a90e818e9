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
    // The one wording of a backup past due: "Overdue by …", here as on the recovery page (issue #15).
    const link = card("TrailBase").getByRole("link", { name: /^TrailBase recovery: Backup overdue by \d+ d( \d+ h)?, 2 drills missed or due$/ });
    await link.waitFor();
    expect(await link.getAttribute("href")).toBe("/services/trailbase/recovery");
    expect(await link.textContent()).toMatch(/^✕Backup overdue by \d+ d( \d+ h)?, 2 drills missed or due$/);
    expect(await card("Glasswork").getByRole("link", { name: "Glasswork recovery: On track" }).getAttribute("href")).toBe("/services/glasswork/recovery");
  });

  it("a backup past due reads 'Overdue by …' on the monitor and in the banner, also when its last run failed", async () => {
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/services/cryptopulse/recovery`);
    // Redis: the last two nightly runs failed, so the last success is older than interval + grace.
    const redis = page.locator('[data-monitor="Redis"]');
    const status = (await redis.getByTestId("backup-status").textContent()) ?? "";
    expect(status).toMatch(/^✕Overdue by \d+ d( \d+ h)?$/);
    const overdueBy = status.slice(1);
    expect(await redis.getByText("Was due").count()).toBe(1);
    expect(await redis.getByText("Due", { exact: true }).count()).toBe(0);
    await page.getByRole("alert").filter({ hasText: `Redis backup: ${overdueBy}. The last backup (` }).waitFor();
    expect(await page.getByText(/Backup failing/).count()).toBe(0);
    // The board says the same for the same state (to the hour, which may turn between the two pages).
    await page.goto(`${baseUrl()}/`);
    const card = page.locator("li").filter({ has: page.getByRole("heading", { name: "CryptoPulse", exact: true }) });
    expect(await card.getByRole("link", { name: /^CryptoPulse recovery: / }).textContent()).toMatch(/^✕Backup overdue by \d+ d( \d+ h)?(, |$)/);
  });

  it("the log shows what a person needs, no internal ids; an entry is corrected by naming what it was", async () => {
    const page = await editor().newPage();
    const url = `${baseUrl()}/services/glasswork/recovery?kind=backup&component=RDS+database`;
    await page.goto(url);
    const log = page.getByRole("table", { name: "Backup and restore log, newest first" });
    await log.locator("tbody tr").first().waitFor();
    const [{ ids } = { ids: [] }] = await appSql<{ ids: string[] }>(`SELECT array_agg(e.id) AS ids FROM "RecoveryEvent" e JOIN "Service" s ON s.id = e."serviceId" WHERE s.slug = 'glasswork'`);
    const text = (await log.textContent()) ?? "";
    for (const id of ids) expect(text).not.toContain(id);
    // Sizes in binary units; the location shortened, whole on hover, with a button that copies it.
    expect(await log.locator("tbody tr").first().locator("td").nth(5).textContent()).toMatch(/^\d+(\.\d)? (MiB|GiB)$/);
    const location = log.locator("tbody tr").first().locator("code").first();
    expect(await location.getAttribute("title")).toMatch(/^rds:glasswork-prod-\d{8}$/);
    expect(await log.locator("tbody tr").first().getByRole("button", { name: /^Copy the location of the RDS database backup of / }).count()).toBe(1);

    // "Correct" opens the form with that entry chosen by what it was; the new entry says what it corrects.
    const first = log.locator("tbody tr").first();
    const when = (await first.locator("td").first().locator("time").textContent())!;
    await first.getByRole("link", { name: /^Correct the RDS database backup of / }).click();
    await page.waitForURL(/[?&]correct=/);
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Log entry" }) });
    const corrects = form.getByLabel("Corrects");
    // The option names the time and outcome (a whole entry name is wider than a phone), its group the entry.
    await expect.poll(async () => (await corrects.locator("option:checked").textContent()) ?? "").toBe(`${when} (succeeded)`);
    expect(await corrects.locator("option:checked").evaluate((o) => (o.parentElement as HTMLOptGroupElement).label)).toBe("RDS database backup");
    await form.getByLabel("Kind").selectOption("backup");
    await form.getByLabel("Component", { exact: true }).fill("RDS database");
    await form.getByLabel("Notes").fill("The size was reported wrong.");
    await form.getByRole("button", { name: "Log entry" }).click();
    await page.getByText("Logged the backup of RDS database.").waitFor();
    await page.goto(url);
    await page.getByText(`Corrects the RDS database backup of ${when}.`).waitFor();
    await page.getByText(/^Corrected by the RDS database backup of .*: no longer counts\.$/).waitFor();
  });

  it("a drill logged with its end and its duration, and no start, is stored with its start", async () => {
    const page = await editor().newPage();
    await page.goto(`${baseUrl()}/services/trailbase/recovery`);
    await page.getByText("Log a drill, restore test or backup").click();
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Log entry" }) });
    await form.getByLabel("Kind").selectOption("drill");
    await form.getByLabel("Component", { exact: true }).fill("Restore check");
    await form.getByLabel("Outcome").selectOption("success");
    const end = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3600_000);
    await form.getByLabel("Ended at (UTC)").fill(utcInput(end));
    await form.getByLabel("Duration (minutes)").fill("12");
    await form.getByRole("button", { name: "Log entry" }).click();
    await page.getByText("Logged the drill of Restore check.").waitFor();
    const [entry] = await appSql<{ startedAt: Date; finishedAt: Date }>(
      `SELECT e."startedAt", e."finishedAt" FROM "RecoveryEvent" e JOIN "Service" s ON s.id = e."serviceId" WHERE s.slug = 'trailbase' AND e.component = 'Restore check'`,
    );
    expect([entry!.startedAt.toISOString(), entry!.finishedAt.toISOString()]).toEqual([new Date(end.getTime() - 12 * 60_000).toISOString(), end.toISOString()]);
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
