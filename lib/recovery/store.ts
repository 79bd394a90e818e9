/**
 * Reading recovery data: each RTO target with its newest drills, each backup monitor with its newest
 * backups, and the backup/restore log. Status rules are the pure functions of ./status.ts.
 *
 * "Effective" entries: an entry that a later entry corrects (`correctsId`) no longer counts; the
 * correction stands in its place. The newest effective entries per component and kind are kept in
 * RecoveryLatest by a database trigger on every insert, so status needs no scan of the log.
 */
import { z } from "zod";
import { db, sqlPool } from "@/lib/db";
import { publicUrl } from "@/lib/env";
import { openSecret } from "@/lib/checks/header-secrets";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReadinessSignals } from "@/lib/readiness/compute";
import { EVENT_KINDS, EVENT_STATUSES, fromDbKind, toDbKind, type EventFilter } from "./schemas";
import type { RecoveryEntryName } from "./entry-name";
import { backupState, drillState, readinessBackupStatus, type BackupRecord, type BackupState, type DrillRecord, type DrillState } from "./status";

type Status = "success" | "failed" | "started";

interface TargetRow {
  id: string;
  serviceId: string;
  component: string;
  rtoSeconds: number;
  rpoSeconds: number | null;
  drillIntervalDays: number;
  procedure: string;
  lastId: string | null;
  lastStatus: Status | null;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastRestoredToAt: Date | null;
  okId: string | null;
  okStartedAt: Date | null;
  okFinishedAt: Date | null;
  okRestoredToAt: Date | null;
}

interface MonitorRow {
  id: string;
  serviceId: string;
  component: string;
  intervalSeconds: number;
  graceSeconds: number;
  createdAt: Date;
  runStartedAt: Date | null;
  lastPingAt: Date | null;
  pingTokenSealed: string;
  lastStatus: Status | null;
  lastFinishedAt: Date | null;
  okFinishedAt: Date | null;
}

// The board asks for up to 1,000 services' rows at once: plain pg (the pool Prisma also uses) decodes
// thousands of rows several times faster than $queryRaw (see docs/decisions/0005-…).
async function targetRows(serviceIds: string[]): Promise<TargetRow[]> {
  const { rows } = await sqlPool().query<TargetRow>(
    `SELECT t.id, t."serviceId", t.component, t."rtoSeconds", t."rpoSeconds", t."drillIntervalDays", t.procedure,
       l."lastId", l."lastStatus"::text AS "lastStatus", l."lastStartedAt", l."lastFinishedAt", l."lastRestoredToAt",
       l."okId", l."okStartedAt", l."okFinishedAt", l."okRestoredToAt"
     FROM "RtoTarget" t
     LEFT JOIN "RecoveryLatest" l ON l."serviceId" = t."serviceId" AND l.component = t.component AND l.kind = 'drill'
     WHERE t."serviceId" = ANY($1)
     ORDER BY t."serviceId", t.position, t.component`,
    [serviceIds],
  );
  return rows;
}

async function monitorRows(serviceIds: string[]): Promise<MonitorRow[]> {
  const { rows } = await sqlPool().query<MonitorRow>(
    `SELECT m.id, m."serviceId", m.component, m."intervalSeconds", m."graceSeconds", m."createdAt", m."runStartedAt", m."lastPingAt", m."pingTokenSealed",
       l."lastStatus"::text AS "lastStatus", l."lastFinishedAt", l."okFinishedAt"
     FROM "BackupMonitor" m
     LEFT JOIN "RecoveryLatest" l ON l."serviceId" = m."serviceId" AND l.component = m.component AND l.kind = 'backup'
     WHERE m."serviceId" = ANY($1)
     ORDER BY m."serviceId", m.component`,
    [serviceIds],
  );
  return rows;
}

/** The drills behind a target's status: its RecoveryLatest row (the newest drill, the newest successful one). */
export type LatestDrills = Pick<TargetRow, "lastId" | "lastStatus" | "lastStartedAt" | "lastFinishedAt" | "lastRestoredToAt" | "okId" | "okStartedAt" | "okFinishedAt" | "okRestoredToAt">;
/** The backups behind a monitor's status: its RecoveryLatest row. */
export type LatestBackups = Pick<MonitorRow, "lastStatus" | "lastFinishedAt" | "okFinishedAt">;

export function drillsOf(r: LatestDrills): DrillRecord[] {
  const out: DrillRecord[] = [];
  if (r.lastStatus) out.push({ status: r.lastStatus, startedAt: r.lastStartedAt, finishedAt: r.lastFinishedAt, restoredToAt: r.lastRestoredToAt });
  if (r.okId && r.okId !== r.lastId) out.push({ status: "success", startedAt: r.okStartedAt, finishedAt: r.okFinishedAt, restoredToAt: r.okRestoredToAt });
  return out;
}

export function backupsOf(r: LatestBackups): BackupRecord[] {
  const out: BackupRecord[] = [];
  if (r.lastStatus) out.push({ status: r.lastStatus, finishedAt: r.lastFinishedAt });
  if (r.okFinishedAt) out.push({ status: "success", finishedAt: r.okFinishedAt });
  return out;
}

/**
 * Drill and backup signals for readiness, for many services at once: two queries whatever the number
 * of services, one summary row joined per target and monitor (the board shows up to 1,000 services).
 */
export async function recoverySignals(serviceIds: string[], now: Date = new Date()): Promise<Map<string, Pick<ReadinessSignals, "recovery" | "backups">>> {
  const out = new Map<
    string,
    { recovery: { component: string; status: DrillState["status"] }[]; backups: { component: string; status: ReturnType<typeof readinessBackupStatus>; overdueBySeconds: number | null }[] }
  >();
  if (serviceIds.length === 0) return out;
  const [targets, monitors] = await Promise.all([targetRows(serviceIds), monitorRows(serviceIds)]);
  const entry = (id: string) => {
    let e = out.get(id);
    if (!e) out.set(id, (e = { recovery: [], backups: [] }));
    return e;
  };
  for (const t of targets) entry(t.serviceId).recovery.push({ component: t.component, status: drillState(t, drillsOf(t), now).status });
  for (const m of monitors) {
    const state = backupState(m, backupsOf(m), now);
    entry(m.serviceId).backups.push({ component: m.component, status: readinessBackupStatus(state.status), overdueBySeconds: state.overdueBySeconds });
  }
  return out;
}

export function pingUrlFor(token: string): string {
  return `${publicUrl()}/api/ping/${token}`;
}

export interface TargetView {
  id: string;
  component: string;
  rtoSeconds: number;
  rpoSeconds: number | null;
  drillIntervalDays: number;
  procedure: string;
  drill: DrillState;
}

export interface MonitorView {
  id: string;
  component: string;
  intervalSeconds: number;
  graceSeconds: number;
  createdAt: Date;
  /** a start ping without its success/fail yet */
  runStartedAt: Date | null;
  lastPingAt: Date | null;
  backup: BackupState;
  /** only for callers allowed to see it (editors and owners) */
  pingUrl?: string;
  /** the token was sealed under another NEXTAUTH_SECRET: only a new ping URL helps */
  pingUrlUnavailable?: boolean;
}

/** One service's targets and monitors with their states; ping URLs only when `revealPingUrls`. */
export async function recoveryOverview(serviceId: string, opts: { now?: Date; revealPingUrls: boolean }): Promise<{ targets: TargetView[]; monitors: MonitorView[] }> {
  const now = opts.now ?? new Date();
  const [targets, monitors] = await Promise.all([targetRows([serviceId]), monitorRows([serviceId])]);
  return {
    targets: targets.map((t) => ({
      id: t.id,
      component: t.component,
      rtoSeconds: t.rtoSeconds,
      rpoSeconds: t.rpoSeconds,
      drillIntervalDays: t.drillIntervalDays,
      procedure: t.procedure,
      drill: drillState(t, drillsOf(t), now),
    })),
    monitors: monitors.map((m) => {
      const token = opts.revealPingUrls ? openSecret(m.pingTokenSealed) : null;
      return {
        id: m.id,
        component: m.component,
        intervalSeconds: m.intervalSeconds,
        graceSeconds: m.graceSeconds,
        createdAt: m.createdAt,
        runStartedAt: m.runStartedAt,
        lastPingAt: m.lastPingAt,
        backup: backupState(m, backupsOf(m), now),
        ...(token ? { pingUrl: pingUrlFor(token) } : opts.revealPingUrls ? { pingUrlUnavailable: true } : {}),
      };
    }),
  };
}

const eventSelect = {
  id: true,
  component: true,
  kind: true,
  status: true,
  startedAt: true,
  finishedAt: true,
  sizeBytes: true,
  location: true,
  checksum: true,
  restoredToAt: true,
  reportedBy: true,
  source: true,
  notes: true,
  logExcerpt: true,
  correctsId: true,
  createdAt: true,
  correctedBy: { select: { id: true }, orderBy: { createdAt: "desc" }, take: 1 },
} satisfies Prisma.RecoveryEventSelect;

type EventRow = Prisma.RecoveryEventGetPayload<{ select: typeof eventSelect }>;

const instant = z.iso.datetime().nullable();

/** An entry of the backup/restore log as the API answers it (`publicEvent` builds it). */
export const recoveryEventOutput = z.strictObject({
  id: z.string(),
  component: z.string(),
  kind: z.enum(EVENT_KINDS),
  status: z.enum(EVENT_STATUSES),
  startedAt: instant,
  finishedAt: instant,
  durationSeconds: z.number().int().nullable(),
  sizeBytes: z.number().int().nullable(),
  location: z.string().nullable(),
  checksum: z.string().nullable(),
  restoredToAt: instant,
  achievedRpoSeconds: z.number().int().nullable().describe("restore tests and drills: startedAt − restoredToAt"),
  reportedBy: z.string(),
  source: z.enum(["ui", "api", "ping", "seed"]),
  notes: z.string().nullable(),
  logExcerpt: z.string().nullable(),
  correctsId: z.string().nullable(),
  correctedById: z.string().nullable().describe("set when a later entry corrects this one; it then no longer counts"),
  createdAt: z.iso.datetime(),
});
export type PublicRecoveryEvent = z.infer<typeof recoveryEventOutput>;

/** A page of the log (GET …/recovery-events), built by `listRecoveryEvents`. */
export const eventPageOutput = z.strictObject({
  events: z.array(recoveryEventOutput),
  total: z.number().int(),
  page: z.number().int(),
  pages: z.number().int(),
  perPage: z.number().int(),
});

/** An RTO/RPO target as the API answers it (`publicTarget` builds it). */
export const rtoTargetOutput = z.strictObject({
  component: z.string(),
  rtoSeconds: z.number().int(),
  rpoSeconds: z.number().int().nullable(),
  drillIntervalDays: z.number().int(),
  procedure: z.string().describe("Markdown"),
  status: z.enum(["met", "missed", "never", "overdue"]),
  reasons: z.array(z.enum(["failed", "rto", "rpo"])).describe("why the newest drill is `missed`"),
  lastDrill: z
    .strictObject({
      status: z.enum(["success", "failed"]),
      startedAt: instant,
      finishedAt: instant,
      restoredToAt: instant,
      achievedRtoSeconds: z.number().int().nullable(),
      achievedRpoSeconds: z.number().int().nullable(),
    })
    .nullable(),
  lastSuccessfulDrillAt: instant,
  nextDrillDueAt: instant,
});

/** A backup monitor as the API answers it (`publicMonitor` builds it). */
export const backupMonitorOutput = z.strictObject({
  component: z.string(),
  intervalSeconds: z.number().int(),
  graceSeconds: z.number().int(),
  status: z.enum(["ok", "waiting", "overdue", "never", "failing"]),
  lastBackupAt: instant,
  lastSuccessAt: instant,
  dueAt: instant,
  runStartedAt: instant.describe("a /start ping not yet closed by success or fail"),
  pingUrl: z.string().optional().describe("editors and owners only"),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const diff = (a: Date | null, b: Date | null) => (a && b ? Math.round((b.getTime() - a.getTime()) / 1000) : null);

export function publicEvent(e: EventRow): PublicRecoveryEvent {
  return {
    id: e.id,
    component: e.component,
    kind: fromDbKind(e.kind),
    status: e.status,
    startedAt: iso(e.startedAt),
    finishedAt: iso(e.finishedAt),
    durationSeconds: diff(e.startedAt, e.finishedAt),
    sizeBytes: e.sizeBytes === null ? null : Number(e.sizeBytes),
    location: e.location,
    checksum: e.checksum,
    restoredToAt: iso(e.restoredToAt),
    achievedRpoSeconds: e.kind === "backup" ? null : diff(e.restoredToAt, e.startedAt),
    reportedBy: e.reportedBy,
    source: e.source,
    notes: e.notes,
    logExcerpt: e.logExcerpt,
    correctsId: e.correctsId,
    correctedById: e.correctedBy[0]?.id ?? null,
    createdAt: e.createdAt.toISOString(),
  };
}

export async function getRecoveryEvent(id: string): Promise<PublicRecoveryEvent> {
  return publicEvent(await db.recoveryEvent.findUniqueOrThrow({ where: { id }, select: eventSelect }));
}

/** The log, newest first (by when it happened, then when it was recorded), filtered and paginated. */
export async function listRecoveryEvents(serviceId: string, filter: EventFilter): Promise<z.infer<typeof eventPageOutput>> {
  const where: Prisma.RecoveryEventWhereInput = {
    serviceId,
    ...(filter.component ? { component: filter.component } : {}),
    ...(filter.kind ? { kind: toDbKind(filter.kind) } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  };
  const total = await db.recoveryEvent.count({ where });
  const pages = Math.max(1, Math.ceil(total / filter.perPage));
  const page = Math.min(filter.page, pages);
  const rows = await db.recoveryEvent.findMany({
    where,
    select: eventSelect,
    orderBy: [{ finishedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * filter.perPage,
    take: filter.perPage,
  });
  return { events: rows.map(publicEvent), total, page, pages, perPage: filter.perPage };
}

/** Components the service has an RTO target for. */
export async function rtoTargetComponents(serviceId: string): Promise<Set<string>> {
  const rows = await db.rtoTarget.findMany({ where: { serviceId }, select: { component: true } });
  return new Set(rows.map((t) => t.component));
}

/** Components named in the service's targets, monitors and log (for filters and forms). */
export async function recoveryComponents(serviceId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ component: string }[]>`
    SELECT component FROM "RtoTarget" WHERE "serviceId" = ${serviceId}
    UNION SELECT component FROM "BackupMonitor" WHERE "serviceId" = ${serviceId}
    UNION SELECT DISTINCT component FROM "RecoveryEvent" WHERE "serviceId" = ${serviceId}
    ORDER BY 1`;
  return rows.map((r) => r.component);
}

export interface BackupPoint {
  component: string;
  at: string;
  durationSeconds: number | null;
  sizeBytes: number | null;
}

/** Successful, uncorrected backups of the last `days` days, oldest first, for the chart. */
export async function backupHistory(serviceId: string, days = 120, now: Date = new Date()): Promise<BackupPoint[]> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const rows = await db.recoveryEvent.findMany({
    where: { serviceId, kind: "backup", status: "success", finishedAt: { gte: since }, correctedBy: { none: {} } },
    select: { component: true, startedAt: true, finishedAt: true, sizeBytes: true },
    orderBy: { finishedAt: "asc" },
    take: 2000,
  });
  return rows.map((r) => ({
    component: r.component,
    at: r.finishedAt!.toISOString(),
    durationSeconds: diff(r.startedAt, r.finishedAt),
    sizeBytes: r.sizeBytes === null ? null : Number(r.sizeBytes),
  }));
}

/** An RTO target as the API shows it: with its newest drill and status (met, missed, never, overdue). */
export function publicTarget(t: TargetView): z.infer<typeof rtoTargetOutput> {
  const d = t.drill;
  return {
    component: t.component,
    rtoSeconds: t.rtoSeconds,
    rpoSeconds: t.rpoSeconds,
    drillIntervalDays: t.drillIntervalDays,
    procedure: t.procedure,
    status: d.status,
    reasons: d.reasons,
    lastDrill: d.lastDrill
      ? {
          // lastDrill is a finished drill (status.ts skips started ones).
          status: d.lastDrill.status === "failed" ? "failed" : "success",
          startedAt: iso(d.lastDrill.startedAt),
          finishedAt: iso(d.lastDrill.finishedAt),
          restoredToAt: iso(d.lastDrill.restoredToAt),
          achievedRtoSeconds: d.achievedRtoSeconds,
          achievedRpoSeconds: d.achievedRpoSeconds,
        }
      : null,
    lastSuccessfulDrillAt: iso(d.lastSuccessfulDrill?.finishedAt ?? null),
    nextDrillDueAt: iso(d.dueAt),
  };
}

/** A backup monitor as the API shows it; `pingUrl` only when the view carries it (editors, owners). */
export function publicMonitor(m: MonitorView): z.infer<typeof backupMonitorOutput> {
  return {
    component: m.component,
    intervalSeconds: m.intervalSeconds,
    graceSeconds: m.graceSeconds,
    status: m.backup.status,
    lastBackupAt: iso(m.backup.lastBackupAt),
    lastSuccessAt: iso(m.backup.lastSuccessAt),
    dueAt: iso(m.backup.dueAt),
    runStartedAt: iso(m.runStartedAt),
    ...(m.pingUrl ? { pingUrl: m.pingUrl } : {}),
  };
}

/** What the given entries of the service's log are (kind, component, end), by id: to name them, never by id. */
export async function recoveryEntryNames(serviceId: string, ids: readonly string[]): Promise<Map<string, RecoveryEntryName>> {
  if (ids.length === 0) return new Map();
  const rows = await db.recoveryEvent.findMany({ where: { serviceId, id: { in: [...new Set(ids)] } }, select: { id: true, kind: true, component: true, finishedAt: true } });
  return new Map(rows.map((r) => [r.id, { kind: r.kind, component: r.component, finishedAt: r.finishedAt }]));
}
