/**
 * Who was notified (lib/alerts/notices.ts): the check.down/check.up events of incidents with their
 * deliveries per channel and state, the newest threshold, backup and drill event of a service, channel
 * names only for readers of the channels, and one query per call.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { incidentNotices, latestNotices, subjectKey } from "@/lib/alerts/notices";
import { insertAlertEvents } from "@/lib/alerts/store";
import type { NewAlertEvent } from "@/lib/alerts/types";
import { db, sqlPool } from "@/lib/db";
import { makeTeam } from "../helpers/actors";

const hex = () => randomBytes(4).toString("hex");
const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 8, minute));
const check = { checkId: "chk", checkName: "health", url: "https://example.com/health" };

async function serviceWithChannels() {
  const team = await makeTeam();
  const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${hex()}`, name: "CryptoPulse", tier: 1 } });
  const pager = await db.alertChannel.create({ data: { teamId: team.id, type: "webhook", name: "Pager relay", urlSealed: "x" } });
  const ops = await db.alertChannel.create({ data: { teamId: team.id, type: "slack", name: "Ops room", urlSealed: "x", events: ["check.down", "threshold.breached"] } });
  return { team, service, pager, ops };
}

const downEvent = (serviceId: string, incidentId: string, minute: number): NewAlertEvent => ({
  type: "check.down",
  serviceId,
  dedupeKey: `check.down:${incidentId}`,
  occurredAt: at(minute),
  details: { ...check, incidentId, startedAt: at(minute).toISOString(), error: "HTTP 503" },
});
const upEvent = (serviceId: string, incidentId: string, minute: number): NewAlertEvent => ({
  type: "check.up",
  serviceId,
  dedupeKey: `check.up:${incidentId}`,
  occurredAt: at(minute),
  details: { ...check, incidentId, startedAt: at(0).toISOString(), endedAt: at(minute).toISOString(), durationSeconds: minute * 60 },
});

async function setDelivery(eventId: string, channelId: string, data: Parameters<typeof db.alertDelivery.updateMany>[0]["data"]) {
  await db.alertDelivery.updateMany({ where: { eventId, channelId }, data });
}

describe("who was notified of a service's events", () => {
  it("incidents: each check.down and check.up with its channels, their state and time; none for an incident without events", async () => {
    const { service, pager, ops } = await serviceWithChannels();
    const [notified, quiet] = [hex(), hex()];
    const [downId, upId] = await insertAlertEvents(sqlPool(), [downEvent(service.id, notified, 1), upEvent(service.id, notified, 9)]);
    await setDelivery(downId!, pager.id, { status: "delivered", attempts: 1, deliveredAt: at(2), lastAttemptAt: at(2) });
    await setDelivery(downId!, ops.id, { status: "failed", attempts: 12, lastAttemptAt: at(3), lastError: "HTTP 404 no_team" });
    // The up event goes to the pager only (Ops room takes check.down alone); it is still retrying.
    await setDelivery(upId!, pager.id, { attempts: 1, lastAttemptAt: at(10), lastError: "HTTP 500" });
    // A reminder of the down event is not another notification of the incident.
    await db.alertDelivery.create({ data: { eventId: downId!, channelId: pager.id, sequence: 1, nextAttemptAt: at(30) } });

    const pool = sqlPool();
    const query = vi.spyOn(pool, "query");
    const notices = await incidentNotices([notified, quiet], { channelNames: true, pool });
    expect(query).toHaveBeenCalledTimes(1);
    query.mockRestore();

    expect(notices.get(quiet)).toBeUndefined();
    expect(notices.get(notified)).toEqual([
      {
        eventId: downId,
        type: "check.down",
        occurredAt: at(1),
        suppressed: false,
        deliveries: [
          { channelName: "Ops room", state: "failed", at: at(3), error: "HTTP 404 no_team" },
          { channelName: "Pager relay", state: "delivered", at: at(2), error: null },
        ],
      },
      { eventId: upId, type: "check.up", occurredAt: at(9), suppressed: false, deliveries: [{ channelName: "Pager relay", state: "retrying", at: at(10), error: "HTTP 500" }] },
    ]);

    // Readers who may not see the channels learn that notifications went out, and how, not where.
    const redacted = await incidentNotices([notified], { channelNames: false });
    expect(redacted.get(notified)![0]!.deliveries).toEqual([
      { channelName: null, state: "failed", at: at(3), error: null },
      { channelName: null, state: "delivered", at: at(2), error: null },
    ]);
    expect(await incidentNotices([], { channelNames: true })).toEqual(new Map());
  });

  it("an incident during maintenance: its event is marked suppressed and went nowhere", async () => {
    const { service } = await serviceWithChannels();
    await db.maintenanceWindow.create({ data: { serviceId: service.id, startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 60_000), reason: "upgrade" } });
    const incident = hex();
    const [id] = await insertAlertEvents(sqlPool(), [{ ...downEvent(service.id, incident, 1), occurredAt: new Date() }]);
    expect((await incidentNotices([incident], { channelNames: true })).get(incident)).toEqual([expect.objectContaining({ eventId: id, suppressed: true, deliveries: [] })]);
  });

  it("thresholds, backups and drills: the newest event of each, with its deliveries, in one query", async () => {
    const { service, ops } = await serviceWithChannels();
    const threshold = (type: "threshold.breached" | "threshold.cleared", thresholdId: string, minute: number): NewAlertEvent =>
      type === "threshold.breached"
        ? { type, serviceId: service.id, dedupeKey: `${type}:${thresholdId}:${minute}`, occurredAt: at(minute), details: { thresholdId, metric: "error_rate", label: "Error rate", unit: "%", comparator: "gt", limit: 1, value: 3, since: at(minute).toISOString(), severity: "critical" } }
        : { type, serviceId: service.id, dedupeKey: `${type}:${thresholdId}:${minute}`, occurredAt: at(minute), details: { thresholdId, metric: "error_rate", label: "Error rate", unit: "%", comparator: "gt", limit: 1, value: 0.2, since: at(0).toISOString(), durationSeconds: 60 } };
    const [t1, t2] = [hex(), hex()];
    const ids = await insertAlertEvents(sqlPool(), [
      threshold("threshold.breached", t1, 1),
      threshold("threshold.cleared", t1, 5),
      threshold("threshold.breached", t2, 2),
      { type: "backup.overdue", serviceId: service.id, dedupeKey: `backup.overdue:m1:${hex()}`, occurredAt: at(3), details: { monitorId: "m1", component: "postgres", lastSuccessAt: null, dueAt: at(0).toISOString() } },
      { type: "backup.recovered", serviceId: service.id, dedupeKey: `backup.recovered:${hex()}`, occurredAt: at(7), details: { component: "postgres", recoveryEventId: "r2", at: at(7).toISOString() } },
      { type: "backup.failed", serviceId: service.id, dedupeKey: `backup.failed:${hex()}`, occurredAt: at(4), details: { component: "redis", recoveryEventId: "r3", at: at(4).toISOString(), notes: null } },
      { type: "drill.missed", serviceId: service.id, dedupeKey: `drill.missed:${hex()}`, occurredAt: at(6), details: { rtoTargetId: "rto1", component: "postgres", rtoSeconds: 600, achievedSeconds: 900, recoveryEventId: "r4" } },
    ]);
    const [, clearedT1, breachedT2, , recoveredPg, failedRedis, missedPg] = ids;
    await setDelivery(breachedT2!, ops.id, { status: "delivered", attempts: 1, deliveredAt: at(2) });

    const pool = sqlPool();
    const query = vi.spyOn(pool, "query");
    const latest = await latestNotices(service.id, ["threshold", "backup", "drill"], { channelNames: true, pool });
    expect(query).toHaveBeenCalledTimes(1);
    query.mockRestore();

    expect([...latest.keys()].sort()).toEqual(
      [subjectKey("threshold", t1), subjectKey("threshold", t2), subjectKey("backup", "postgres"), subjectKey("backup", "redis"), subjectKey("drill", "postgres")].sort(),
    );
    expect(latest.get(subjectKey("threshold", t1))).toMatchObject({ eventId: clearedT1, type: "threshold.cleared", deliveries: [{ channelName: "Pager relay", state: "queued", error: null }] });
    expect(latest.get(subjectKey("threshold", t2))).toMatchObject({
      eventId: breachedT2,
      deliveries: [
        { channelName: "Ops room", state: "delivered", at: at(2) },
        { channelName: "Pager relay", state: "queued" },
      ],
    });
    // The backups and the drills of one component are apart: each has its newest event.
    expect(latest.get(subjectKey("backup", "postgres"))).toMatchObject({ eventId: recoveredPg, type: "backup.recovered" });
    expect(latest.get(subjectKey("backup", "redis"))).toMatchObject({ eventId: failedRedis, type: "backup.failed" });
    expect(latest.get(subjectKey("drill", "postgres"))).toMatchObject({ eventId: missedPg, type: "drill.missed", deliveries: [{ channelName: "Pager relay" }] });

    expect([...(await latestNotices(service.id, ["drill"], { channelNames: false })).keys()]).toEqual([subjectKey("drill", "postgres")]);
    expect((await latestNotices(service.id, ["drill"], { channelNames: false })).get(subjectKey("drill", "postgres"))!.deliveries).toEqual([{ channelName: null, state: "queued", at: expect.any(Date), error: null }]);
    // Another service's events are not this one's.
    const other = await serviceWithChannels();
    expect(await latestNotices(other.service.id, ["threshold", "backup", "drill"], { channelNames: true })).toEqual(new Map());
  });
});
