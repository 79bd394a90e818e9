import { describe, expect, it } from "vitest";
import { computeReadiness } from "@/lib/readiness/compute";
import { achievedRpo, backupState, drillState, readinessBackupStatus, type DrillRecord } from "@/lib/recovery/status";
import { backupStatusWord, overdueByText } from "@/lib/status/present";
import { eventTimes, recoveryEventSchema } from "@/lib/recovery/schemas";

const now = new Date("2026-06-01T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const DAY = 86_400;
const target = { rtoSeconds: 15 * 60, rpoSeconds: 24 * 3600, drillIntervalDays: 90 };

/** A drill that started `startedAgo` seconds ago and took `tookSeconds`. */
function drill(startedAgo: number, tookSeconds: number, extra: Partial<DrillRecord> = {}): DrillRecord {
  const startedAt = ago(startedAgo);
  return { status: "success", startedAt, finishedAt: new Date(startedAt.getTime() + tookSeconds * 1000), restoredToAt: null, ...extra };
}

describe("drill status against the RTO/RPO", () => {
  it("never: no drill at all, or only a drill that has not finished", () => {
    expect(drillState(target, [], now).status).toBe("never");
    expect(drillState(target, [{ status: "started", startedAt: ago(60), finishedAt: null, restoredToAt: null }], now).status).toBe("never");
  });

  it("met: the newest drill succeeded within the RTO and the interval", () => {
    const s = drillState(target, [drill(10 * DAY, 14 * 60)], now);
    expect(s.status).toBe("met");
    expect(s.achievedRtoSeconds).toBe(14 * 60);
    expect(s.dueAt?.toISOString()).toBe(new Date(ago(10 * DAY).getTime() + (14 * 60 + 90 * DAY) * 1000).toISOString());
  });

  it("exactly the RTO is met; one second more is missed", () => {
    expect(drillState(target, [drill(DAY, 15 * 60)], now).status).toBe("met");
    const s = drillState(target, [drill(DAY, 15 * 60 + 1)], now);
    expect(s.status).toBe("missed");
    expect(s.reasons).toEqual(["rto"]);
  });

  it("missed: a failed newest drill, even when an older one met the RTO", () => {
    const s = drillState(target, [drill(20 * DAY, 60), drill(DAY, 60, { status: "failed" })], now);
    expect(s.status).toBe("missed");
    expect(s.reasons).toEqual(["failed"]);
    expect(s.lastSuccessfulDrill?.startedAt).toEqual(ago(20 * DAY));
  });

  it("a newer successful drill within the RTO clears a missed one (order of the input does not matter)", () => {
    const slow = drill(5 * DAY, 40 * 60);
    const fast = drill(DAY, 10 * 60);
    expect(drillState(target, [slow], now).status).toBe("missed");
    expect(drillState(target, [fast, slow], now).status).toBe("met");
    expect(drillState(target, [slow, fast], now).status).toBe("met");
  });

  it("RPO: achieved RPO is start − data point restored to; beyond the RPO is missed; no RPO set means no RPO check", () => {
    const d = drill(DAY, 60, { restoredToAt: ago(DAY + 30 * 3600) });
    expect(achievedRpo(d)).toBe(30 * 3600);
    const s = drillState(target, [d], now);
    expect([s.status, s.reasons, s.achievedRpoSeconds]).toEqual(["missed", ["rpo"], 30 * 3600]);
    expect(drillState({ ...target, rpoSeconds: null }, [d], now).status).toBe("met");
    expect(drillState(target, [drill(DAY, 60, { restoredToAt: ago(DAY + 3600) })], now).status).toBe("met");
  });

  it("overdue: the newest successful drill is older than the drill interval (controlled clock)", () => {
    const d = drill(90 * DAY, 60);
    // finished 90 days − 60 s ago: still inside the 90-day interval
    expect(drillState(target, [d], now).status).toBe("met");
    expect(drillState(target, [d], new Date(now.getTime() + 61_000)).status).toBe("overdue");
    expect(drillState({ ...target, drillIntervalDays: 30 }, [d], now).status).toBe("overdue");
  });

  it("maps onto readiness blockers: missed → drill-missed, never/overdue → drill-overdue, met → none", () => {
    const items = [{ key: "a", title: "A", severity: "low" as const, required: true, state: "done" as const }];
    const blockers = (status: "met" | "missed" | "never" | "overdue") =>
      computeReadiness(items, { recovery: [{ component: "Database", status }] }).blockers.map((b) => b.kind);
    expect(blockers("met")).toEqual([]);
    expect(blockers("missed")).toEqual(["drill-missed"]);
    expect(blockers("never")).toEqual(["drill-overdue"]);
    expect(blockers("overdue")).toEqual(["drill-overdue"]);
    expect(computeReadiness(items, { recovery: [{ component: "Database", status: "missed" }] }).ready).toBe(false);
  });
});

describe("backup monitor status", () => {
  const schedule = { intervalSeconds: DAY, graceSeconds: 3600, createdAt: ago(30 * DAY) };
  const ok = (finishedAgo: number) => ({ status: "success" as const, finishedAt: ago(finishedAgo) });
  const failed = (finishedAgo: number) => ({ status: "failed" as const, finishedAt: ago(finishedAgo) });

  it("ok within interval + grace; overdue one second after it", () => {
    const b = [ok(DAY + 3600)];
    expect(backupState(schedule, b, now).status).toBe("ok");
    expect(backupState(schedule, b, new Date(now.getTime() + 1000)).status).toBe("overdue");
    expect(backupState(schedule, b, now).dueAt).toEqual(now);
  });

  it("failing when the newest backup failed, even with a recent success before it", () => {
    expect(backupState(schedule, [ok(3 * 3600), failed(3600)], now).status).toBe("failing");
    // a success after the failure recovers
    expect(backupState(schedule, [failed(3 * 3600), ok(3600)], now).status).toBe("ok");
  });

  it("never: no successful backup once the monitor is older than interval + grace; waiting before that", () => {
    expect(backupState(schedule, [], now).status).toBe("never");
    const fresh = { ...schedule, createdAt: ago(3600) };
    expect(backupState(fresh, [], now).status).toBe("waiting");
    expect(backupState(fresh, [], new Date(now.getTime() + DAY * 1000 + 1000)).status).toBe("never");
    expect(readinessBackupStatus("waiting")).toBe("ok");
  });

  it("one wording of a backup past due, whether its last run failed or none ever succeeded (issue #15)", () => {
    // The last success 2 d 19 h ago, due after 1 d 1 h: overdue by 1 d 18 h, and the newest run failed.
    const late = backupState(schedule, [ok(2 * DAY + 19 * 3600), failed(3600)], now);
    expect([late.status, late.overdueBySeconds]).toEqual(["failing", DAY + 18 * 3600]);
    expect(backupStatusWord(late)).toEqual({ tone: "bad", text: "Overdue by 1 d 18 h" });
    expect(backupStatusWord(backupState(schedule, [ok(2 * DAY + 19 * 3600)], now)).text).toBe("Overdue by 1 d 18 h");
    expect(backupStatusWord(backupState(schedule, [], now)).text).toBe("Overdue by 28 d 23 h");
    // Failed, but the next one is not due yet: that is what it says.
    const failedOnly = backupState(schedule, [ok(3 * 3600), failed(3600)], now);
    expect([failedOnly.overdueBySeconds, backupStatusWord(failedOnly).text]).toEqual([null, "Last backup failed"]);
    expect(backupStatusWord(backupState(schedule, [ok(3600)], now)).text).toBe("OK");
    // To the minute, and never "0 min".
    expect([overdueByText(61), overdueByText(5), overdueByText(3 * 3600 + 29)]).toEqual(["Overdue by 1 min", "Overdue by 1 min", "Overdue by 3 h"]);
  });

  it("an open run (started, not finished) does not count as a backup", () => {
    const s = backupState(schedule, [ok(2 * DAY), { status: "started", finishedAt: null }], now);
    expect(s.status).toBe("overdue");
    expect(s.lastSuccessAt).toEqual(ago(2 * DAY));
  });

  it("maps onto readiness: overdue, never and failing block; ok does not", () => {
    const items = [{ key: "a", title: "A", severity: "low" as const, required: true, state: "done" as const }];
    for (const status of ["overdue", "never", "failing"] as const) {
      const r = computeReadiness(items, { backups: [{ component: "Database", status }] });
      expect([r.ready, r.blockers.map((b) => b.kind)]).toEqual([false, ["backup-overdue"]]);
    }
    expect(computeReadiness(items, { backups: [{ component: "Database", status: "ok" }] }).ready).toBe(true);
  });
});

describe("log entry validation", () => {
  const issues = (v: unknown) => {
    const r = recoveryEventSchema.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
  };
  const base = { kind: "drill", component: "Database", status: "success", startedAt: "2026-05-01T10:00:00Z" };

  it("a drill needs two of its start, end and duration; the end not before the start; all three must agree", () => {
    expect(issues({ ...base, finishedAt: "2026-05-01T10:12:00Z" })).toEqual([]);
    expect(issues({ ...base, durationSeconds: 720 })).toEqual([]);
    // The end and the duration give the start (issue #15: this was refused).
    expect(issues({ kind: "drill", component: "Database", status: "success", finishedAt: "2026-05-01T10:12:00Z", durationSeconds: 720 })).toEqual([]);
    expect(issues({ kind: "drill", component: "Database", status: "success", durationSeconds: 720 })).toEqual([]);
    expect(issues({ ...base })).toEqual(["finishedAt"]);
    expect(issues({ kind: "drill", component: "Database", status: "success", finishedAt: "2026-05-01T10:12:00Z" })).toEqual(["startedAt"]);
    expect(issues({ ...base, finishedAt: "2026-05-01T09:00:00Z" })).toEqual(["finishedAt"]);
    expect(issues({ ...base, finishedAt: "2026-05-01T10:12:00Z", durationSeconds: 720 })).toEqual([]);
    expect(issues({ ...base, finishedAt: "2026-05-01T10:12:00Z", durationSeconds: 60 })).toEqual(["durationSeconds"]);
  });

  it("two of start, end and duration fix the third; a duration alone ends now", () => {
    const now = new Date("2026-05-01T12:00:00Z");
    const at = (s: string) => new Date(s);
    expect(eventTimes({ finishedAt: at("2026-05-01T10:12:00Z"), durationSeconds: 720 }, now)).toEqual({ startedAt: at("2026-05-01T10:00:00Z"), finishedAt: at("2026-05-01T10:12:00Z") });
    expect(eventTimes({ startedAt: at("2026-05-01T10:00:00Z"), durationSeconds: 720 }, now)).toEqual({ startedAt: at("2026-05-01T10:00:00Z"), finishedAt: at("2026-05-01T10:12:00Z") });
    expect(eventTimes({ durationSeconds: 600 }, now)).toEqual({ startedAt: at("2026-05-01T11:50:00Z"), finishedAt: now });
    expect(eventTimes({}, now)).toEqual({ startedAt: null, finishedAt: now });
    expect(eventTimes({ startedAt: at("2026-05-01T10:00:00Z") }, now)).toEqual({ startedAt: at("2026-05-01T10:00:00Z"), finishedAt: now });
  });

  it("kinds are backup, restore-test, drill; a backup restores no data; unknown fields are refused", () => {
    expect(issues({ kind: "snapshot", component: "x", status: "success" })).toEqual(["kind"]);
    expect(issues({ kind: "backup", component: "x", status: "success", restoredToAt: "2026-05-01T09:00:00Z" })).toEqual(["restoredToAt"]);
    expect(issues({ kind: "restore-test", component: "x", status: "failed", extra: 1 })).toEqual([""]);
    expect(issues({ ...base, durationSeconds: 60, restoredToAt: "2026-05-01T11:00:00Z" })).toEqual(["restoredToAt"]);
  });
});
