/**
 * Maintenance windows on the service page (issue #14, point 5): an editor schedules a window and sees it
 * listed and marked (the panel, the page summary, the board card), is told plainly when a window
 * overlaps another (409) or ends before it starts (422), deletes an upcoming window and ends the open
 * one early (each audited); a viewer sees the windows without the controls.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appSql, baseUrl, insertToken, signedInBrowser } from "../helpers/app";

const editor = signedInBrowser("editor@example.com");
const viewer = signedInBrowser("viewer@example.com");
const SLUG = "maintenance-demo";
let serviceId = "";

/** A datetime-local value (UTC) `hours` after the database's clock, on the hour. */
async function inputAt(hours: number): Promise<string> {
  const [row] = await appSql<{ v: string }>(`SELECT to_char(date_trunc('hour', now() AT TIME ZONE 'UTC') + make_interval(hours => $1), 'YYYY-MM-DD"T"HH24:MI') AS v`, [hours]);
  return row!.v;
}

const audits = (id: string) => appSql<{ action: string; actorEmail: string }>(`SELECT action, "actorEmail" FROM "AuditEvent" WHERE "targetId" = $1 ORDER BY id`, [`${SLUG}/${id}`]);

/** Waits until React has hydrated the page's forms (their buttons are disabled until then). */
async function hydrated(page: Page) {
  await page.waitForFunction(() => [...document.querySelectorAll("#maintenance button")].every((b) => !(b as HTMLButtonElement).disabled));
}

beforeAll(async () => {
  // Created through the API with a template, so the page has its checklist and the summary beside it.
  const { secret } = await insertToken({ teamSlug: "platform", email: "editor@example.com", role: "editor" });
  const res = await fetch(`${baseUrl()}/api/v1/services`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "Maintenance Demo", team: "platform", tier: 2, templates: ["trailbase"] }),
  });
  expect(res.status).toBe(201);
  [{ id: serviceId }] = (await appSql<{ id: string }>(`SELECT id FROM "Service" WHERE slug = $1`, [SLUG])) as [{ id: string }];
});

describe("maintenance windows on the service page (Chromium)", () => {
  it("an editor schedules a window, sees it listed and marked on the page and the board, is refused overlaps and ends before starts, deletes an upcoming one and ends the open one", async () => {
    const page = await editor().newPage();
    await page.goto(`${baseUrl()}/services/${SLUG}`);
    const section = page.getByRole("region", { name: "Maintenance" });
    await section.getByText("No maintenance scheduled.").waitFor();
    await section.getByText("Not in maintenance now.").waitFor();
    await section.getByText("No maintenance in the last 30 days.").waitFor();
    const summary = page.getByRole("navigation", { name: "More on this page" });
    expect(await summary.getByRole("link", { name: "Maintenance" }).getAttribute("href")).toBe("#maintenance");
    await summary.getByText("none scheduled").waitFor();
    await hydrated(page);

    // An upcoming window, tomorrow, listed under Upcoming.
    await section.locator("summary", { hasText: "Schedule maintenance" }).click();
    const start = await inputAt(24);
    await section.getByLabel("Start (UTC)").fill(start);
    await section.getByLabel("Duration (minutes)").fill("60");
    await section.getByLabel("Reason").fill("Kernel patch");
    await section.getByRole("button", { name: "Schedule maintenance" }).click();
    await section.getByText(/^Maintenance scheduled for .+ UTC\.$/).waitFor();
    const upcoming = section.getByRole("list", { name: "Upcoming maintenance" });
    await upcoming.getByText("— Kernel patch").waitFor();
    await summary.getByText("1 scheduled").waitFor();

    // The same hour again: refused as an overlap, said beside the start.
    await section.getByLabel("Start (UTC)").fill(start);
    await section.getByLabel("Duration (minutes)").fill("30");
    await section.getByLabel("Reason").fill("Second one");
    await section.getByRole("button", { name: "Schedule maintenance" }).click();
    await section.getByText(/^It overlaps the window from .+ \(Kernel patch\)/).waitFor();
    expect(await section.getByLabel("Start (UTC)").getAttribute("aria-invalid")).toBe("true");

    // An end before the start: refused, said beside the end.
    await section.getByLabel("Start (UTC)").fill(await inputAt(48));
    await section.getByLabel("Duration (minutes)").fill("");
    await section.getByLabel("End (UTC)").fill(await inputAt(47));
    await section.getByRole("button", { name: "Schedule maintenance" }).click();
    await section.getByText("The end must be after the start.").waitFor();
    expect(await section.getByLabel("End (UTC)").getAttribute("aria-invalid")).toBe("true");
    expect(await appSql(`SELECT reason FROM "MaintenanceWindow" WHERE "serviceId" = $1`, [serviceId])).toEqual([{ reason: "Kernel patch" }]);

    // Deleting the upcoming one.
    const [kernel] = await appSql<{ id: string }>(`SELECT id FROM "MaintenanceWindow" WHERE "serviceId" = $1`, [serviceId]);
    await upcoming.getByRole("button", { name: /^Delete maintenance of / }).click();
    await section.getByText("No maintenance scheduled.").waitFor();
    expect((await audits(kernel!.id)).map((a) => a.action)).toEqual(["maintenance.schedule", "maintenance.delete"]);

    // A window from now on for 90 minutes: open, shown in the panel and the summary.
    await section.getByLabel("Start (UTC)").fill("");
    await section.getByLabel("End (UTC)").fill("");
    await section.getByLabel("Duration (minutes)").fill("90");
    await section.getByLabel("Reason").fill("Database upgrade");
    await section.getByRole("button", { name: "Schedule maintenance" }).click();
    await section.getByText(/^In maintenance until .+: check alerts are held back/).waitFor();
    const open = section.getByTestId("maintenance-open");
    await open.waitFor();
    expect(await open.textContent()).toMatch(/In maintenance until .+ UTC — Database upgrade/);
    expect(await open.textContent()).toContain("by editor@example.com");
    expect(await open.locator('svg[aria-hidden="true"]').count()).toBe(1); // the wrench beside the words
    await expect.poll(() => summary.textContent(), { timeout: 30_000 }).toMatch(/Maintenance\s*in maintenance until .+ UTC/);
    const [stored] = await appSql<{ id: string; minutes: number }>(
      `SELECT id, round(extract(epoch FROM "endsAt" - "startsAt") / 60)::int AS minutes FROM "MaintenanceWindow" WHERE "serviceId" = $1`,
      [serviceId],
    );
    expect(stored!.minutes).toBe(90);
    expect(await audits(stored!.id)).toEqual([{ action: "maintenance.schedule", actorEmail: "editor@example.com" }]);

    await page.goto(`${baseUrl()}/`);
    const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Maintenance Demo", exact: true }) });
    await card.getByText(/In maintenance until/).waitFor();
    expect(await card.getByText(/In maintenance until/).locator('svg[aria-hidden="true"]').count()).toBe(1);

    // Ending it early: it moves to Recent, and the marks go.
    await page.goto(`${baseUrl()}/services/${SLUG}`);
    await hydrated(page);
    await page.getByRole("button", { name: "End this maintenance now" }).click();
    const recent = page.getByRole("table", { name: "Maintenance windows of the last 30 days, newest first" });
    await recent.getByText("Database upgrade").waitFor();
    expect(await page.getByTestId("maintenance-open").count()).toBe(0);
    await section.getByText("Not in maintenance now.").waitFor();
    expect((await audits(stored!.id)).map((a) => a.action)).toEqual(["maintenance.schedule", "maintenance.end"]);

    await page.goto(`${baseUrl()}/`);
    const after = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Maintenance Demo", exact: true }) });
    await after.waitFor();
    expect(await after.getByText(/In maintenance/).count()).toBe(0);
    await page.close();
  });

  it("a viewer sees the open and upcoming windows without the controls", async () => {
    await appSql(
      `INSERT INTO "MaintenanceWindow" (id, "serviceId", "startsAt", "endsAt", reason) VALUES
         ('mw_viewer_open', $1, now() - interval '1 minute', now() + interval '1 hour', 'Certificate rotation'),
         ('mw_viewer_next', $1, now() + interval '1 day', now() + interval '1 day 1 hour', 'Kernel patch')`,
      [serviceId],
    );
    try {
      const page = await viewer().newPage();
      await page.goto(`${baseUrl()}/services/${SLUG}`);
      const section = page.getByRole("region", { name: "Maintenance" });
      await section.getByTestId("maintenance-open").getByText(/In maintenance until .+ — Certificate rotation/).waitFor();
      await section.getByRole("list", { name: "Upcoming maintenance" }).getByText("— Kernel patch").waitFor();
      expect(await section.getByRole("button").count()).toBe(0);
      expect(await section.getByText("Schedule maintenance", { exact: true }).count()).toBe(0);
      await page.close();
    } finally {
      await appSql(`DELETE FROM "MaintenanceWindow" WHERE id IN ('mw_viewer_open', 'mw_viewer_next')`);
    }
  });
});
