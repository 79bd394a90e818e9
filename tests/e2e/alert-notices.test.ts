/**
 * Who was notified, on the service's pages (Chromium): the incident list says which channels got the down
 * and recovery alerts, how and when (editors), or only how many (viewers); the threshold and recovery
 * pages show each threshold's and backup monitor's last alert; the link opens the Notifications page with
 * the service's deliveries only. The events are written as their sources write them (the dedupe keys of
 * docs/alerting.md); the fan-out trigger makes the deliveries, whose outcome the test then sets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appSql, baseUrl, signedInBrowser } from "../helpers/app";

const editor = signedInBrowser("editor@example.com");
const viewer = signedInBrowser("viewer@example.com");
const CHANNEL = "chn_e2e_notices";
const INCIDENT = "inc_e2e_notices";
const ERROR = "HTTP 503 from the e2e notices test";

let threshold: { id: string; label: string };
/** The demo's CryptoPulse has backup monitors and RTO targets for these (lib/demo/data.ts). */
const MONITOR = "Database";
const TARGET = "Redis";

async function event(type: string, dedupeKey: string, details: Record<string, unknown>, minutesAgo: number): Promise<string> {
  const [row] = await appSql<{ id: string }>(
    `INSERT INTO "AlertEvent" ("teamId", "serviceId", type, "dedupeKey", "occurredAt", details)
     SELECT "teamId", id, $1, $2, now() - make_interval(mins => $4), $3::jsonb FROM "Service" WHERE slug = 'cryptopulse' RETURNING id`,
    [type, dedupeKey, JSON.stringify(details), minutesAgo],
  );
  return row!.id;
}

/** Sets the outcome of the event's delivery to the test's channel (terminal states: no round changes them). */
async function outcome(eventId: string, status: "delivered" | "failed", error: string | null = null) {
  await appSql(
    `UPDATE "AlertDelivery" SET status = $2::"AlertDeliveryStatus", attempts = 1, "lastAttemptAt" = now(), "deliveredAt" = CASE WHEN $2 = 'delivered' THEN now() END, "lastError" = $3
      WHERE "eventId" = $1 AND "channelId" = $4`,
    [eventId, status, error, CHANNEL],
  );
}

beforeAll(async () => {
  const [service] = await appSql<{ id: string; teamId: string; checkId: string }>(
    `SELECT s.id, s."teamId", (SELECT c.id FROM "HealthCheck" c WHERE c."serviceId" = s.id ORDER BY c."createdAt" LIMIT 1) AS "checkId" FROM "Service" s WHERE s.slug = 'cryptopulse'`,
  );
  await appSql(
    `INSERT INTO "AlertChannel" (id, "teamId", type, name, "urlSealed", "urlHint", "signingSecretSealed", "serviceIds", enabled, "updatedAt")
     VALUES ($1, $2, 'webhook', 'Incident pager', 'v1.fixture', 'https://pager.example.org/…', 'v1.fixture', ARRAY[$3], true, now())`,
    [CHANNEL, service!.teamId, service!.id],
  );
  // The newest closed incident of the service, so it is among the latest the service page lists.
  await appSql(`INSERT INTO "Incident" (id, "serviceId", "checkId", "startedAt", "endedAt", "firstError") VALUES ($1, $2, $3, now() - interval '1 minute', now() - interval '30 seconds', $4)`, [
    INCIDENT,
    service!.id,
    service!.checkId,
    ERROR,
  ]);
  const check = { checkId: service!.checkId, checkName: "health", url: "https://cryptopulse.example/health" };
  const down = await event("check.down", `check.down:${INCIDENT}`, { ...check, incidentId: INCIDENT, startedAt: new Date().toISOString(), error: ERROR }, 1);
  const up = await event("check.up", `check.up:${INCIDENT}`, { ...check, incidentId: INCIDENT, startedAt: new Date().toISOString(), endedAt: new Date().toISOString(), durationSeconds: 30 }, 0);
  await outcome(down, "delivered");
  await outcome(up, "failed", "HTTP 410 Gone");

  const thresholds = await appSql<{ id: string; label: string }>(`SELECT id, label FROM "MetricThreshold" WHERE "serviceId" = $1 ORDER BY metric LIMIT 1`, [service!.id]);
  threshold = thresholds[0]!;
  const breached = await event(
    "threshold.breached",
    `threshold.breached:${threshold.id}:e2e`,
    { thresholdId: threshold.id, metric: "m", label: threshold.label, unit: "%", comparator: "gt", limit: 1, value: 5, since: new Date().toISOString(), severity: "critical" },
    2,
  );
  await outcome(breached, "delivered");
  const overdue = await event("backup.overdue", `backup.overdue:e2e:${MONITOR}`, { monitorId: "m", component: MONITOR, lastSuccessAt: null, dueAt: new Date().toISOString() }, 3);
  await outcome(overdue, "delivered");
  const missed = await event("drill.missed", `drill.missed:e2e:${TARGET}`, { rtoTargetId: "t", component: TARGET, rtoSeconds: 600, achievedSeconds: 900, recoveryEventId: "r" }, 4);
  await outcome(missed, "failed", "HTTP 404 no such hook");
});

afterAll(async () => {
  await appSql(`DELETE FROM "AlertEvent" WHERE "dedupeKey" IN ($1, $2) OR "dedupeKey" LIKE '%:e2e' OR "dedupeKey" LIKE '%:e2e:%'`, [`check.down:${INCIDENT}`, `check.up:${INCIDENT}`]);
  await appSql(`DELETE FROM "Incident" WHERE id = $1`, [INCIDENT]);
  await appSql(`DELETE FROM "AlertChannel" WHERE id = $1`, [CHANNEL]);
});

describe("who was notified, on the service's pages (Chromium)", () => {
  it("an editor sees which channels got the down and recovery alerts, and follows the link to the service's deliveries", async () => {
    const page = await editor().newPage();
    await page.goto(`${baseUrl()}/services/cryptopulse`);
    const incidents = page.getByRole("table", { name: "Latest incidents, ongoing first" });
    const row = incidents.getByRole("row").filter({ hasText: ERROR });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toMatch(/Down alert:.*Incident pager, delivered/);
    expect(text).toMatch(/Recovery alert:.*Incident pager, failed .*: HTTP 410 Gone/);
    // The demo's older incidents made no events: they say so.
    if ((await incidents.getByRole("row").count()) > 2) await incidents.getByText("No channel was notified.").first().waitFor();

    await page.getByRole("link", { name: "Notifications sent about CryptoPulse" }).click();
    await page.waitForURL("**/teams/platform/notifications?service=cryptopulse");
    await page.getByText("Deliveries about CryptoPulse only.").waitFor();
    const card = page.getByRole("article", { name: "Incident pager" });
    await card.getByRole("heading", { name: "Last deliveries about CryptoPulse" }).waitFor();
    const deliveries = card.getByRole("table", { name: "Last deliveries of Incident pager, newest first" });
    expect(await deliveries.getByRole("row").filter({ hasText: "Delivered" }).count()).toBeGreaterThanOrEqual(2);
    await deliveries.getByRole("row").filter({ hasText: "Failed" }).filter({ hasText: "HTTP 410 Gone" }).waitFor();
    await page.close();
  });

  it("the threshold and recovery pages show the last alert of each threshold, backup monitor and recovery target, and where it went", async () => {
    const page = await editor().newPage();
    await page.goto(`${baseUrl()}/services/cryptopulse/thresholds`);
    const row = page.getByRole("table", { name: "Thresholds with their current status" }).getByRole("row").filter({ hasText: threshold.label });
    await row.first().waitFor();
    expect(await row.first().textContent()).toMatch(/Threshold breached:.*Incident pager, delivered/);
    await page.getByRole("link", { name: "Notifications sent about CryptoPulse" }).waitFor();

    await page.goto(`${baseUrl()}/services/cryptopulse/recovery`);
    const card = page.locator(`[data-monitor="${MONITOR}"]`);
    await card.waitFor();
    expect(await card.textContent()).toMatch(/Last alert.*Backup overdue:.*Incident pager, delivered/);
    const target = page.getByRole("table", { name: "Recovery targets with the last drill and its status" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: TARGET, exact: true }) });
    expect(await target.textContent()).toMatch(/Recovery drill missed its RTO:.*Incident pager, failed .*: HTTP 404 no such hook/);
    await page.getByRole("link", { name: "Notifications sent about CryptoPulse" }).waitFor();
    await page.close();
  });

  it("a viewer learns that notifications went out, not to which channels, and gets no link to them", async () => {
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/services/cryptopulse`);
    const row = page.getByRole("table", { name: "Latest incidents, ongoing first" }).getByRole("row").filter({ hasText: ERROR });
    await row.waitFor();
    const text = (await row.textContent())!;
    expect(text).toMatch(/Down alert:.*\d+ channels? notified: .*1 delivered/);
    expect(text).toMatch(/Recovery alert:.*\d+ channels? notified: .*1 failed/);
    expect(text).not.toContain("Incident pager");
    expect(text).not.toContain("HTTP 410 Gone");
    expect(await page.getByRole("link", { name: "Notifications sent about CryptoPulse" }).count()).toBe(0);
    await page.close();
  });
});
