/**
 * Alert events of the recovery log: backup.failed, backup.recovered and drill.missed, written in the
 * transaction that appends the entry (lib/recovery/write.ts, lib/recovery/ping.ts).
 *
 * Transitions are read from RecoveryLatest, the newest effective entries per component and kind that a
 * trigger keeps on every insert (decision 0010): `withRecoveryAlerts` locks the summary rows the entry
 * will change before inserting it, reads them, lets the insert (and its trigger) run, reads them again
 * and compares. Concurrent entries for one component take turns on those rows, so each sees the
 * other's result and one change makes one event. The backup-overdue sweep (./sweep.ts) reads the same
 * rows with FOR SHARE and so never raises "overdue" for a state a concurrent success is replacing.
 *
 * A correction (`correctsId`) stands in place of the entry it corrects, so it counts like any entry by
 * the state it leaves behind, except that it never repeats what the corrected entry already raised: a
 * drill over its RTO corrected by another over it raises nothing new. Backups are judged by state
 * alone: backup.failed when the newest backup turns failed (not when it already was), backup.recovered
 * when the component's status turns ok from failing, overdue or never. A success correcting the
 * failure that is the newest backup is a recovery.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { achievedRto, backupState, type BackupSchedule, type BackupDisplayStatus } from "@/lib/recovery/status";
import { backupsOf } from "@/lib/recovery/store";
import { insertAlertEventsTx } from "./store";
import type { NewAlertEvent } from "./types";

type Kind = "backup" | "restore_test" | "drill";
type Status = "success" | "failed" | "started";

export interface RecoveryKey {
  serviceId: string;
  component: string;
  kind: Kind;
}

/** The facts of an entry that alerts read. */
export interface RecoveryEntryFacts extends RecoveryKey {
  id: string;
  status: Status;
  startedAt: Date | null;
  finishedAt: Date | null;
  correctsId: string | null;
}

/** RecoveryLatest of one key, with the notes of its newest entry. */
export interface LatestState {
  lastId: string | null;
  lastStatus: Status | null;
  lastFinishedAt: Date | null;
  lastNotes: string | null;
  okId: string | null;
  okFinishedAt: Date | null;
}

export interface KeyChange {
  key: RecoveryKey;
  before: LatestState;
  after: LatestState;
}

export interface RecoveryAlertContext {
  entry: RecoveryEntryFacts;
  corrected: RecoveryEntryFacts | null;
  changes: readonly KeyChange[];
  monitors: ReadonlyMap<string, BackupSchedule>;
  targets: ReadonlyMap<string, { id: string; rtoSeconds: number }>;
  now: Date;
}

const sameKey = (a: RecoveryKey, b: RecoveryKey) => a.serviceId === b.serviceId && a.component === b.component && a.kind === b.kind;
const keyText = (k: RecoveryKey) => `${k.serviceId}\u0000${k.component}\u0000${k.kind}`;
/** One fixed order of keys for every writer, so two writers locking the same two keys never deadlock. */
const keyOrder = (a: RecoveryKey, b: RecoveryKey) => (keyText(a) < keyText(b) ? -1 : keyText(a) > keyText(b) ? 1 : 0);

/**
 * The backup status the recovery page shows (status.ts). Without a monitor there is no schedule, so
 * no "overdue": only the newest entry's outcome.
 */
function backupStatus(s: LatestState, monitor: BackupSchedule | undefined, now: Date): BackupDisplayStatus {
  if (monitor) return backupState(monitor, backupsOf(s), now).status;
  return s.lastStatus === "failed" ? "failing" : s.lastStatus === "success" ? "ok" : "waiting";
}

const BAD: readonly BackupDisplayStatus[] = ["failing", "overdue", "never"];

function backupAlerts(c: KeyChange, ctx: RecoveryAlertContext): NewAlertEvent[] {
  const { key, before, after } = c;
  const { now } = ctx;
  const events: NewAlertEvent[] = [];
  // failing is one state: the failure that starts it is news, further failures (or a failure
  // correcting the one that started it) are not
  if (after.lastStatus === "failed" && after.lastId && after.lastFinishedAt && after.lastId !== before.lastId && before.lastStatus !== "failed") {
    events.push({
      type: "backup.failed",
      serviceId: key.serviceId,
      dedupeKey: `backup.failed:${after.lastId}`,
      occurredAt: now,
      details: { component: key.component, recoveryEventId: after.lastId, at: after.lastFinishedAt.toISOString(), notes: after.lastNotes },
    });
  }
  const monitor = ctx.monitors.get(key.component);
  if (after.okId && after.okFinishedAt && BAD.includes(backupStatus(before, monitor, now)) && backupStatus(after, monitor, now) === "ok") {
    events.push({
      type: "backup.recovered",
      serviceId: key.serviceId,
      dedupeKey: `backup.recovered:${after.okId}`,
      occurredAt: now,
      details: { component: key.component, recoveryEventId: after.okId, at: after.okFinishedAt.toISOString() },
    });
  }
  return events;
}

function drillAlerts(c: KeyChange, ctx: RecoveryAlertContext): NewAlertEvent[] {
  const { entry, corrected } = ctx;
  const target = ctx.targets.get(c.key.component);
  // a drill logged behind a newer one (history filled in later) is not news
  if (!target || !sameKey(entry, c.key) || c.after.lastId !== entry.id) return [];
  const achieved = achievedRto(entry);
  if (achieved === null || achieved <= target.rtoSeconds) return [];
  const correctedAchieved = corrected && sameKey(corrected, c.key) ? achievedRto(corrected) : null;
  if (correctedAchieved !== null && correctedAchieved > target.rtoSeconds) return [];
  return [
    {
      type: "drill.missed",
      serviceId: c.key.serviceId,
      dedupeKey: `drill.missed:${entry.id}`,
      occurredAt: ctx.now,
      details: { rtoTargetId: target.id, component: c.key.component, rtoSeconds: target.rtoSeconds, achievedSeconds: achieved, recoveryEventId: entry.id },
    },
  ];
}

/** The events of one recovery write, from the summary rows before and after it. Pure. */
export function recoveryAlerts(ctx: RecoveryAlertContext): NewAlertEvent[] {
  return ctx.changes.flatMap((c) => (c.key.kind === "backup" ? backupAlerts(c, ctx) : c.key.kind === "drill" ? drillAlerts(c, ctx) : []));
}

/** Lock the summary rows of `keys` (created blank when missing, as the trigger does) and read them. */
async function lockLatest(tx: Prisma.TransactionClient, keys: readonly RecoveryKey[]): Promise<LatestState[]> {
  const services = keys.map((k) => k.serviceId);
  const components = keys.map((k) => k.component);
  const kinds = keys.map((k) => k.kind);
  await tx.$executeRaw`
    INSERT INTO "RecoveryLatest" ("serviceId", component, kind)
    SELECT s, c, k::"RecoveryKind" FROM unnest(${services}::text[], ${components}::text[], ${kinds}::text[]) AS u(s, c, k)
    ON CONFLICT DO NOTHING`;
  const rows = await tx.$queryRaw<(LatestState & RecoveryKey)[]>`
    SELECT l."serviceId", l.component, l.kind::text AS kind, l."lastId", l."lastStatus"::text AS "lastStatus", l."lastFinishedAt",
           e.notes AS "lastNotes", l."okId", l."okFinishedAt"
      FROM "RecoveryLatest" l
      JOIN unnest(${services}::text[], ${components}::text[], ${kinds}::text[]) WITH ORDINALITY AS u(s, c, k, n)
        ON l."serviceId" = u.s AND l.component = u.c AND l.kind = u.k::"RecoveryKind"
      LEFT JOIN "RecoveryEvent" e ON e.id = l."lastId"
     ORDER BY u.n
       FOR UPDATE OF l`;
  return keys.map((k) => {
    const row = rows.find((r) => sameKey(r, k));
    if (!row) throw new Error(`RecoveryLatest row missing for ${k.component}/${k.kind}`);
    return { lastId: row.lastId, lastStatus: row.lastStatus, lastFinishedAt: row.lastFinishedAt, lastNotes: row.lastNotes, okId: row.okId, okFinishedAt: row.okFinishedAt };
  });
}

/**
 * Append a recovery entry with its alert events: `insert` writes the entry inside `tx`; the events of
 * the change it makes are written in the same transaction. `corrected` is the entry it corrects.
 */
export async function withRecoveryAlerts<T extends RecoveryEntryFacts>(
  tx: Prisma.TransactionClient,
  write: { key: RecoveryKey; corrected: RecoveryEntryFacts | null; now: Date },
  insert: () => Promise<T>,
): Promise<T> {
  const { key, corrected, now } = write;
  const keys = [key, ...(corrected && !sameKey(corrected, key) ? [corrected] : [])]
    .map((k) => ({ serviceId: k.serviceId, component: k.component, kind: k.kind }))
    .sort(keyOrder);
  const before = await lockLatest(tx, keys);
  const entry = await insert();
  const after = await lockLatest(tx, keys);
  const components = [...new Set(keys.map((k) => k.component))];
  const [monitors, targets] = await Promise.all([
    tx.backupMonitor.findMany({ where: { serviceId: key.serviceId, component: { in: components } }, select: { component: true, intervalSeconds: true, graceSeconds: true, createdAt: true } }),
    tx.rtoTarget.findMany({ where: { serviceId: key.serviceId, component: { in: components } }, select: { id: true, component: true, rtoSeconds: true } }),
  ]);
  const events = recoveryAlerts({
    entry,
    corrected,
    changes: keys.map((k, i) => ({ key: k, before: before[i]!, after: after[i]! })),
    monitors: new Map(monitors.map((m) => [m.component, m])),
    targets: new Map(targets.map((t) => [t.component, t])),
    now,
  });
  await insertAlertEventsTx(tx, events);
  return entry;
}
