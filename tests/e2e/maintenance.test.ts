/**
 * Maintenance windows in Chromium: an editor schedules one on the service page, the page and the board
 * say the service is in maintenance, the editor ends it and it is gone (listed under Recent); a viewer
 * sees the banner without the controls.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { appSql, baseUrl, signedInBrowser } from "../helpers/app";

const editor = signedInBrowser("editor@example.com");
const viewer = signedInBrowser("viewer@example.com");
const SLUG = "maintenance-demo";

beforeAll(async () => {
  await appSql(`INSERT INTO "Service" (id, "teamId", slug, name, "updatedAt") SELECT 'svc_maintenance_demo', id, $1, 'Maintenance Demo', now() FROM "Team" WHERE slug = 'platform'`, [SLUG]);
});

describe("maintenance windows on the service page (Chromium)", () => {
  it("an editor schedules a window, the service shows as in maintenance on its page and the board, then ends it", async () => {
    const page = await editor().newPage();
    await page.goto(`${baseUrl()}/services/${SLUG}`);
    const section = page.getByRole("region", { name: "Maintenance" });
    await section.getByText("No maintenance scheduled.").waitFor();
    expect(await page.getByTestId("maintenance-banner").count()).toBe(0);

    await section.locator("summary", { hasText: "Schedule maintenance" }).click();
    await section.getByLabel("Duration (minutes)").fill("90");
    await section.getByLabel("Reason").fill("Database upgrade");
    await section.getByRole("button", { name: "Schedule maintenance" }).click();
    await section.getByText(/^In maintenance until .+: check alerts are held back/).waitFor();

    const banner = page.getByTestId("maintenance-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/In maintenance until .+ UTC — Database upgrade/);
    expect(await banner.locator('svg[aria-hidden="true"]').count()).toBe(1); // the wrench beside the words
    expect(await banner.textContent()).toContain("by editor@example.com");
    const [stored] = await appSql<{ id: string; minutes: number }>(
      `SELECT id, round(extract(epoch FROM "endsAt" - "startsAt") / 60)::int AS minutes FROM "MaintenanceWindow" WHERE "serviceId" = 'svc_maintenance_demo'`,
    );
    expect(stored!.minutes).toBe(90);
    expect(await appSql(`SELECT action, "actorEmail" FROM "AuditEvent" WHERE "targetId" = $1 ORDER BY id`, [`${SLUG}/${stored!.id}`])).toEqual([
      { action: "maintenance.schedule", actorEmail: "editor@example.com" },
    ]);

    await page.goto(`${baseUrl()}/`);
    const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Maintenance Demo", exact: true }) });
    await card.getByText(/In maintenance until/).waitFor();
    expect(await card.getByText(/In maintenance until/).locator('svg[aria-hidden="true"]').count()).toBe(1);

    await page.goto(`${baseUrl()}/services/${SLUG}`);
    await page.getByTestId("maintenance-banner").getByRole("button", { name: "End now" }).click();
    // the banner goes with the window; the window is listed under Recent
    await expect.poll(() => page.getByTestId("maintenance-banner").count()).toBe(0);
    const recent = page.getByRole("table", { name: "Maintenance windows of the last 30 days, newest first" });
    await recent.getByText("Database upgrade").waitFor();
    expect(await appSql(`SELECT action FROM "AuditEvent" WHERE "targetId" = $1 ORDER BY id`, [`${SLUG}/${stored!.id}`])).toEqual([
      { action: "maintenance.schedule" },
      { action: "maintenance.end" },
    ]);

    await page.goto(`${baseUrl()}/`);
    const after = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Maintenance Demo", exact: true }) });
    await after.waitFor();
    expect(await after.getByText(/In maintenance/).count()).toBe(0);
    await page.close();
  });

  it("a viewer sees an open window without the controls", async () => {
    await appSql(
      `INSERT INTO "MaintenanceWindow" (id, "serviceId", "startsAt", "endsAt", reason) VALUES ('mw_viewer', 'svc_maintenance_demo', now() - interval '1 minute', now() + interval '1 hour', 'Certificate rotation')`,
    );
    try {
      const page = await viewer().newPage();
      await page.goto(`${baseUrl()}/services/${SLUG}`);
      const banner = page.getByTestId("maintenance-banner");
      await banner.getByText(/In maintenance until .+ — Certificate rotation/).waitFor();
      expect(await page.getByRole("button", { name: "End now" }).count()).toBe(0);
      expect(await page.getByText("Schedule maintenance", { exact: true }).count()).toBe(0);
      await page.close();
    } finally {
      await appSql(`DELETE FROM "MaintenanceWindow" WHERE id = 'mw_viewer'`);
    }
  });
});
