/**
 * Alert events that time raises (lib/alerts/sweep.ts): backup.overdue, drill.overdue, and
 * readiness.changed when a service's stored level changes. Each state change makes one event: none
 * when a later sweep finds the same state, one when sweeps overlap, and the sweep runs in the
 * background rounds (the scheduler and the cron round).
 */
import { describe, expect, it, vi } from "vitest";
import { runAlertSweep } from "@/lib/alerts/sweep";
import { backgroundRound } from "@/lib/cron/round";
import { db, sqlPool } from "@/lib/db";
import { startProbeScheduler } from "@/lib/probes/scheduler";
import { createTargetPolicy } from "@/lib/probes/target-policy";
import { createBackupMonitor, recordRecoveryEvent, upsertRtoTarget } from "@/lib/recovery/write";
import { makeMember, makeTeam } from "../helpers/actors";

const ctx = { ip: "198.51.100.7" };
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

async function setup() {
  const team = await makeTeam();
  const editor = await makeMember(team.id, "editor");
  const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${team.slug}`, name: "CryptoPulse" } });
  return { team, editor, service };
}

const eventsOf = (serviceId: string, type?: string) => db.alertEvent.findMany({ where: { serviceId, ...(type ? { type } : {}) } });
const typesOf = async (serviceId: string) => (await eventsOf(serviceId)).map((e) => e.type).sort();
const sweep = (now: Date) => runAlertSweep(sqlPool(), now);

describe("backup.overdue", () => {
  it("once per monitor and due moment: not before it, not again for the same one, again after the next backup's", async () => {
    const { editor, service } = await setup();
    const { monitor } = await createBackupMonitor(editor, service.slug, { component: "Database", intervalSeconds: 3600, graceSeconds: 600 }, ctx);
    const t0 = new Date(Date.now() - MIN);
    await recordRecoveryEvent(editor, service.slug, { kind: "backup", component: "Database", status: "success", finishedAt: t0.toISOString() }, ctx, t0);
    const dueAt = new Date(t0.getTime() + 4200_000);

    await sweep(new Date(dueAt.getTime() - 1000));
    await sweep(dueAt); // due, not yet late
    expect(await eventsOf(service.id)).toEqual([]);

    const late = new Date(dueAt.getTime() + 1000);
    await sweep(late);
    await sweep(new Date(late.getTime() + HOUR));
    const [overdue] = await eventsOf(service.id);
    expect(await typesOf(service.id)).toEqual(["backup.overdue"]);
    expect(overdue).toMatchObject({ dedupeKey: `backup.overdue:${monitor.id}:${dueAt.toISOString()}`, teamId: service.teamId, occurredAt: late });
    expect(overdue!.details).toEqual({ monitorId: monitor.id, component: "Database", lastSuccessAt: t0.toISOString(), dueAt: dueAt.toISOString() });

    // the next backup recovers it, and a new due moment can be missed again
    const t1 = new Date(late.getTime() + 2 * HOUR);
    await recordRecoveryEvent(editor, service.slug, { kind: "backup", component: "Database", status: "success", finishedAt: t1.toISOString() }, ctx, t1);
    await sweep(new Date(t1.getTime() + MIN));
    expect(await typesOf(service.id)).toEqual(["backup.overdue", "backup.recovered"]);
    await sweep(new Date(t1.getTime() + 4200_000 + 1000));
    expect(await typesOf(service.id)).toEqual(["backup.overdue", "backup.overdue", "backup.recovered"]);
  });

  it("a monitor that never got a backup is overdue from its creation; overlapping sweeps raise it once", async () => {
    const { editor, service } = await setup();
    const { monitor } = await createBackupMonitor(editor, service.slug, { component: "Files", intervalSeconds: 3600, graceSeconds: 0 }, ctx);
    const late = new Date(monitor.createdAt.getTime() + 2 * HOUR);
    await Promise.all([sweep(late), sweep(late), sweep(new Date(late.getTime() + 1000))]);
    const events = await eventsOf(service.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toEqual({ monitorId: monitor.id, component: "Files", lastSuccessAt: null, dueAt: new Date(monitor.createdAt.getTime() + HOUR).toISOString() });
  });
});

describe("drill.overdue", () => {
  it("once per target and due moment when the newest successful drill is older than the interval; overlapping sweeps once", async () => {
    const { editor, service } = await setup();
    const { target } = await upsertRtoTarget(editor, service.slug, { component: "Database", rtoSeconds: 3600, drillIntervalDays: 7 }, ctx);
    const now = new Date();
    await sweep(new Date(now.getTime() + 30 * DAY));
    expect(await eventsOf(service.id)).toEqual([]); // never drilled: no due moment, nothing to be late for

    const startedAt = new Date(now.getTime() - 2 * HOUR);
    const drill = await recordRecoveryEvent(editor, service.slug, { kind: "drill", component: "Database", status: "success", startedAt: startedAt.toISOString(), durationSeconds: 1800 }, ctx, now);
    const dueAt = new Date(drill.finishedAt!.getTime() + 7 * DAY);
    await sweep(dueAt);
    expect(await eventsOf(service.id)).toEqual([]);

    const late = new Date(dueAt.getTime() + MIN);
    await Promise.all([sweep(late), sweep(late), sweep(new Date(late.getTime() + 1000))]);
    await sweep(new Date(late.getTime() + DAY));
    const [overdue] = await eventsOf(service.id);
    expect(await typesOf(service.id)).toEqual(["drill.overdue"]);
    expect(overdue!.dedupeKey).toBe(`drill.overdue:${target.id}:${dueAt.toISOString()}`);
    expect([late.getTime(), late.getTime() + 1000]).toContain(overdue!.occurredAt.getTime()); // whichever sweep came first
    expect(overdue!.details).toEqual({ rtoTargetId: target.id, component: "Database", drillIntervalDays: 7, lastDrillAt: drill.finishedAt!.toISOString() });
  });
});

describe("readiness.changed", () => {
  async function withChecklist() {
    const s = await setup();
    const item = await db.serviceChecklistItem.create({
      data: { serviceId: s.service.id, key: "runbook", sectionKey: "ops", sectionTitle: "Ops", title: "Runbook", severity: "high", required: true, position: 0, state: "open" },
    });
    const stored = async () => (await db.service.findUniqueOrThrow({ where: { id: s.service.id } })).readinessLevel;
    return { ...s, item, stored };
  }

  it("a first level is stored silently; each change of the stored level raises one event; the same level nothing", async () => {
    const { service, item, stored } = await withChecklist();
    const now = new Date();
    await sweep(now);
    expect(await stored()).toBe("not-ready");
    expect(await eventsOf(service.id)).toEqual([]);

    await db.serviceChecklistItem.update({ where: { id: item.id }, data: { state: "done" } });
    const t1 = new Date(now.getTime() + MIN);
    await sweep(t1);
    await sweep(new Date(t1.getTime() + MIN));
    expect(await stored()).toBe("ready");
    const [up] = await eventsOf(service.id);
    expect(await typesOf(service.id)).toEqual(["readiness.changed"]);
    expect(up).toMatchObject({ dedupeKey: `readiness.changed:${service.id}:not-ready:ready:${t1.toISOString()}`, teamId: service.teamId, occurredAt: t1 });
    expect(up!.details).toEqual({ from: "not-ready", to: "ready", score: 100 });

    // down again: a health check goes down
    await db.healthCheck.create({ data: { serviceId: service.id, name: "health", url: "https://cryptopulse.example.com/health", status: "down" } });
    await sweep(new Date(t1.getTime() + 2 * MIN));
    const events = await db.alertEvent.findMany({ where: { serviceId: service.id }, orderBy: { occurredAt: "asc" } });
    expect(events.map((e) => e.details)).toEqual([
      { from: "not-ready", to: "ready", score: 100 },
      { from: "ready", to: "not-ready", score: 100 },
    ]);
  });

  it("overlapping sweeps store a change once and raise one event", async () => {
    const { service, item, stored } = await withChecklist();
    const now = new Date();
    await sweep(now);
    await db.serviceChecklistItem.update({ where: { id: item.id }, data: { state: "done" } });
    const t1 = new Date(now.getTime() + MIN);
    await Promise.all([sweep(t1), sweep(t1), sweep(new Date(t1.getTime() + 1000)), sweep(new Date(t1.getTime() + 2000))]);
    expect(await stored()).toBe("ready");
    expect(await typesOf(service.id)).toEqual(["readiness.changed"]);
  });

  it("an archived service loses its stored level and raises nothing", async () => {
    const { service, item, stored } = await withChecklist();
    await sweep(new Date());
    await db.service.update({ where: { id: service.id }, data: { archivedAt: new Date() } });
    await db.serviceChecklistItem.update({ where: { id: item.id }, data: { state: "done" } });
    await sweep(new Date());
    expect(await stored()).toBeNull();
    expect(await eventsOf(service.id)).toEqual([]);
  });
});

describe("the background rounds run the sweep", () => {
  async function overdueMonitor() {
    const { editor, service } = await setup();
    const { monitor } = await createBackupMonitor(editor, service.slug, { component: "Database", intervalSeconds: 3600, graceSeconds: 0 }, ctx);
    const t0 = new Date(Date.now() - 3 * HOUR);
    await recordRecoveryEvent(editor, service.slug, { kind: "backup", component: "Database", status: "success", finishedAt: t0.toISOString() }, ctx, t0);
    return { service, monitor };
  }

  it("the cron round (POST /api/cron/probe)", async () => {
    const { service } = await overdueMonitor();
    await backgroundRound();
    await backgroundRound();
    expect(await typesOf(service.id)).toEqual(["backup.overdue"]);
  });

  it("the in-process scheduler", async () => {
    const { service } = await overdueMonitor();
    const scheduler = startProbeScheduler({ pool: sqlPool(), rawRetentionDays: 14, probeOptions: { policy: createTargetPolicy() }, tickMs: 250, thresholdsEveryMs: 0, maintenanceEveryMs: 0 });
    try {
      await vi.waitFor(async () => expect(await typesOf(service.id)).toEqual(["backup.overdue"]), { timeout: 20_000, interval: 200 });
    } finally {
      await scheduler.stop();
    }
  });
});
