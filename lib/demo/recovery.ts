/**
 * Demo recovery history: backup monitors (with real ping tokens) and a few months of nightly backups,
 * monthly restore tests and drills, ending in the states named in ./data.ts so that every status
 * (ok, failing, overdue, never; met, missed, never, overdue) shows on first run. Deterministic.
 */
import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newPingToken } from "@/lib/recovery/token";
import type { DemoBackup, DemoService } from "./data";
import { stableFraction } from "./stable";

type Tx = Prisma.TransactionClient;

const DAY = 24 * 3600 * 1000;
const HISTORY_DAYS = 100;

const FAILURES: Record<string, string> = {
  Database: "pg_dump: error: connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed: timeout expired",
  Redis: "upload failed: ./appendonly.aof to s3://backups/cryptopulse/redis/: Connection reset by peer",
};

function backupHistory(serviceId: string, slug: string, b: DemoBackup, now: Date): Prisma.RecoveryEventCreateManyInput[] {
  if (b.ends === "never") return [];
  const out: Prisma.RecoveryEventCreateManyInput[] = [];
  const today = Math.floor(now.getTime() / DAY) * DAY;
  const fraction = (d: number) => stableFraction(`${slug}:${b.component}:${d}`);
  /** The run of `d` nights ago: 02:00 UTC and a few minutes, or hours later on a late night. */
  const startOf = (d: number, late: boolean) => new Date(today - d * DAY + (2 + (late ? 5 : 0)) * 3600_000 + Math.floor(fraction(d) * 300) * 1000);
  /** A run that started less than this before `now` is not in the log yet. */
  const isPending = (started: Date) => started.getTime() > now.getTime() - 30 * 60_000;
  // The newest night is the newest run already over: seeded before about 02:30 UTC, tonight's run is
  // still to come and last night's is the newest (so it must not be one of the late or failed nights).
  const endDay = b.ends === "overdue" ? 3 : 0;
  const newestDay = isPending(startOf(endDay, false)) ? endDay + 1 : endDay;
  for (let d = HISTORY_DAYS; d >= newestDay; d--) {
    const f = fraction(d);
    const newest = d === newestDay;
    // A few late nights (the job ran hours after its slot) and a few failures, never on the newest night
    // unless the monitor is meant to end "failing".
    const late = !newest && f >= 0.05 && f < 0.09;
    const failed = newest ? b.ends === "failing" : f < 0.05 || (b.ends === "failing" && d === newestDay + 1);
    const started = startOf(d, late);
    const growth = 1 + ((HISTORY_DAYS - d) / HISTORY_DAYS) * 0.25;
    const sizeBytes = Math.round(b.sizeMb * 1_000_000 * growth * (0.98 + f * 0.04));
    const seconds = Math.round(30 + (sizeBytes / 1_000_000) * 0.5 * (0.8 + f * 0.5));
    const stamp = started.toISOString().slice(0, 10).replace(/-/g, "");
    const location = b.location.replace("%s", stamp);
    out.push({
      serviceId,
      component: b.component,
      kind: "backup",
      status: failed ? "failed" : "success",
      startedAt: started,
      finishedAt: new Date(started.getTime() + (failed ? 30 : seconds) * 1000),
      sizeBytes: failed ? null : BigInt(sizeBytes),
      location: failed ? null : location,
      checksum: failed ? null : `sha256:${createHash("sha256").update(location).digest("hex")}`,
      reportedBy: b.reportedBy,
      source: "seed",
      logExcerpt: failed ? (FAILURES[b.component] ?? "backup failed: No space left on device") : `Backup completed: ${location}`,
      createdAt: started,
    });
  }
  return out;
}

/** Monthly restore tests of each backed-up store; the middle one of CryptoPulse's database failed. */
function restoreTests(serviceId: string, slug: string, b: DemoBackup, now: Date, editor: { id: string; email: string }): Prisma.RecoveryEventCreateManyInput[] {
  if (b.ends === "never") return [];
  return [80, 50, 20].map((d) => {
    const failed = slug === "cryptopulse" && b.component === "Database" && d === 50;
    const started = new Date(Math.floor(now.getTime() / DAY) * DAY - d * DAY + 10 * 3600_000);
    return {
      serviceId,
      component: b.component,
      kind: "restore_test" as const,
      status: failed ? ("failed" as const) : ("success" as const),
      startedAt: started,
      finishedAt: new Date(started.getTime() + (failed ? 4 : 11) * 60_000),
      restoredToAt: new Date(started.getTime() - 8 * 3600_000),
      reportedBy: editor.email,
      reportedById: editor.id,
      source: "seed" as const,
      notes: failed
        ? "Restore into the scratch instance stopped: the dump referenced a role that does not exist there. Procedure updated."
        : "Restored last night's backup into a scratch instance and ran the smoke tests.",
      createdAt: started,
    };
  });
}

function drill(serviceId: string, component: string, rtoSeconds: number, daysAgo: number, took: number, status: "success" | "failed", notes: string, now: Date, editor: { id: string; email: string }): Prisma.RecoveryEventCreateManyInput {
  const started = new Date(Math.floor(now.getTime() / DAY) * DAY - daysAgo * DAY + 14 * 3600_000);
  return {
    serviceId,
    component,
    kind: "drill",
    status,
    startedAt: started,
    finishedAt: new Date(started.getTime() + Math.round(rtoSeconds * took) * 1000),
    restoredToAt: new Date(started.getTime() - 6 * 3600_000),
    reportedBy: editor.email,
    reportedById: editor.id,
    source: "seed",
    notes,
    createdAt: started,
  };
}

function drills(serviceId: string, s: DemoService, now: Date, editor: { id: string; email: string }): Prisma.RecoveryEventCreateManyInput[] {
  const out: Prisma.RecoveryEventCreateManyInput[] = [];
  for (const target of s.rto) {
    const scenario = s.drills[target.component];
    const at = (days: number, took: number, status: "success" | "failed", notes: string) => out.push(drill(serviceId, target.component, target.rtoSeconds, days, took, status, notes, now, editor));
    if (scenario === "met") {
      at(115, 0.8, "success", "Game day: followed the written procedure end to end.");
      at(25, 0.7, "success", "Quarterly drill, within the objective.");
    } else if (scenario === "missed") {
      at(60, 0.8, "success", "Within the objective.");
      at(10, 2.1, "success", "Took twice the objective: persistence was off on the replacement container.");
    } else if (scenario === "failed") {
      at(70, 0.9, "success", "Within the objective.");
      at(5, 1.5, "failed", "Redeploy failed: the .env backup was out of date.");
    } else if (scenario === "overdue") {
      at(125, 0.6, "success", "Restored main.db from the periodic backup; within the objective.");
    }
  }
  return out;
}

export interface DemoMonitor {
  component: string;
  intervalSeconds: number;
  graceSeconds: number;
  createdAt: Date;
}

/** One demo service's backup monitors (without their ping tokens) and its whole log, as of `now`. Pure. */
export function demoRecoveryLog(serviceId: string, s: DemoService, now: Date, editor: { id: string; email: string }): { monitors: DemoMonitor[]; events: Prisma.RecoveryEventCreateManyInput[] } {
  return {
    monitors: s.backups.map((b) => ({
      component: b.component,
      intervalSeconds: b.intervalHours * 3600,
      graceSeconds: 3600,
      createdAt: new Date(now.getTime() - (b.ends === "never" ? 10 : HISTORY_DAYS + 1) * DAY),
    })),
    events: [
      ...s.backups.flatMap((b) => [...backupHistory(serviceId, s.slug, b, now), ...restoreTests(serviceId, s.slug, b, now, editor)]),
      ...drills(serviceId, s, now, editor),
    ],
  };
}

/** Monitors with ping tokens, and the whole log, for one demo service. */
export async function seedRecoveryDemo(tx: Tx, serviceId: string, s: DemoService, now: Date, editor: { id: string; email: string }): Promise<void> {
  const { monitors, events } = demoRecoveryLog(serviceId, s, now, editor);
  for (const m of monitors) {
    const { pingTokenHash, pingTokenSealed } = newPingToken();
    await tx.backupMonitor.create({ data: { serviceId, ...m, pingTokenHash, pingTokenSealed } });
  }
  if (events.length) await tx.recoveryEvent.createMany({ data: events });
}
