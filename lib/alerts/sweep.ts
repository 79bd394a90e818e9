/**
 * The alert sweep: events that time raises rather than a write. Run by the background scheduler every
 * 30 s and by the cron round (lib/probes/scheduler.ts, lib/cron/round.ts); any number of sweeps may
 * overlap (two instances, a slow one): each event has one dedupe key per state change, and the
 * readiness update is conditional, so overlapping sweeps raise each change once.
 *
 * - backup.overdue: a backup monitor's due moment (newest successful backup, or the monitor's creation,
 *   plus interval + grace; status.ts `backupState`) has passed; once per monitor and due moment.
 * - drill.overdue: an RTO target's newest successful drill is older than its drill interval (status.ts
 *   `drillState`); once per target and due moment. A target never drilled has no due moment.
 * - waiver.expiring: an approved waiver expires within WAIVER_WARNING_DAYS; once per waiver and expiry.
 *   An approved waiver past its expiry gets its `waiver.expire` audit entry once (a marker column set by
 *   a conditional update: of two sweeps, one changes the row).
 * - agent.offline: a probe agent has not polled for three poll times (lib/agents/offline.ts); once per silence.
 * - readiness.changed: a service's level (the board's rules, lib/readiness/levels.ts) differs from the
 *   one stored on the service (Service.readinessLevel); the level is stored and the event written in one
 *   transaction.
 */
import type { Pool } from "pg";
import { sweepAgentsOffline } from "@/lib/agents/offline";
import { inTransaction } from "@/lib/db/transaction";
import type { ReadinessLevel } from "@/lib/readiness/compute";
import { readinessSummaries } from "@/lib/readiness/levels";
import { backupState, drillState } from "@/lib/recovery/status";
import { backupsOf, drillsOf, type LatestBackups, type LatestDrills } from "@/lib/recovery/store";
import { insertAlertEvents } from "./store";
import { WAIVER_WARNING_DAYS, type NewAlertEvent } from "./types";

export interface AlertSweepSummary {
  backupsOverdue: number;
  drillsOverdue: number;
  /** services whose stored level changed (a first level is stored without an event) */
  readinessChanged: number;
  readinessEvents: number;
  waiversExpiring: number;
  /** approved waivers whose expiry was written to the audit log by this sweep */
  waiversExpired: number;
  agentsOffline: number;
}

/** A timestamptz as JavaScript's toISOString() writes it, so SQL can build the same dedupe keys. */
const isoSql = (column: string) => `to_char((${column}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const ACTIVE_SERVICE = `JOIN "Service" s ON s.id = x."serviceId" AND s."archivedAt" IS NULL
  JOIN "Team" t ON t.id = s."teamId" AND t."archivedAt" IS NULL`;

const BACKUP_DUE = `coalesce(l."okFinishedAt", x."createdAt") + make_interval(secs => x."intervalSeconds" + x."graceSeconds")`;
const DRILL_DUE = `l."okFinishedAt" + make_interval(secs => x."drillIntervalDays" * 86400)`;

/**
 * Overdue monitors not yet raised for their due moment. Their RecoveryLatest rows are read FOR SHARE
 * SKIP LOCKED: a row that a recovery write holds (a backup being logged, lib/alerts/recovery.ts) is left
 * to the next sweep, which sees the write's outcome, so a success never crosses an "overdue" for the
 * state it replaced.
 */
async function sweepBackups(pool: Pool, now: Date): Promise<number> {
  // A monitor without any backup has no summary row yet; a blank one (as the log's trigger makes) gives
  // the sweep a row to lock.
  await pool.query(
    `INSERT INTO "RecoveryLatest" ("serviceId", component, kind)
     SELECT m."serviceId", m.component, 'backup' FROM "BackupMonitor" m
      WHERE NOT EXISTS (SELECT 1 FROM "RecoveryLatest" l WHERE l."serviceId" = m."serviceId" AND l.component = m.component AND l.kind = 'backup')
     ON CONFLICT DO NOTHING`,
  );
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<LatestBackups & { id: string; serviceId: string; component: string; intervalSeconds: number; graceSeconds: number; createdAt: Date }>(
      `SELECT x.id, x."serviceId", x.component, x."intervalSeconds", x."graceSeconds", x."createdAt",
              l."lastStatus"::text AS "lastStatus", l."lastFinishedAt", l."okFinishedAt"
         FROM "BackupMonitor" x
         ${ACTIVE_SERVICE}
         JOIN "RecoveryLatest" l ON l."serviceId" = x."serviceId" AND l.component = x.component AND l.kind = 'backup'
        WHERE $1::timestamptz > ${BACKUP_DUE}
          AND NOT EXISTS (SELECT 1 FROM "AlertEvent" e WHERE e."dedupeKey" = 'backup.overdue:' || x.id || ':' || ${isoSql(BACKUP_DUE)})
          FOR SHARE OF l SKIP LOCKED`,
      [now],
    );
    const events: NewAlertEvent[] = [];
    for (const m of rows) {
      const state = backupState(m, backupsOf(m), now);
      if (now.getTime() <= state.dueAt.getTime()) continue;
      events.push({
        type: "backup.overdue",
        serviceId: m.serviceId,
        dedupeKey: `backup.overdue:${m.id}:${state.dueAt.toISOString()}`,
        occurredAt: now,
        details: { monitorId: m.id, component: m.component, lastSuccessAt: state.lastSuccessAt?.toISOString() ?? null, dueAt: state.dueAt.toISOString() },
      });
    }
    return (await insertAlertEvents(client, events)).length;
  });
}

/** RTO targets past their drill interval, not yet raised for their due moment (locking as above). */
async function sweepDrills(pool: Pool, now: Date): Promise<number> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<LatestDrills & { id: string; serviceId: string; component: string; rtoSeconds: number; rpoSeconds: number | null; drillIntervalDays: number }>(
      `SELECT x.id, x."serviceId", x.component, x."rtoSeconds", x."rpoSeconds", x."drillIntervalDays",
              l."lastId", l."lastStatus"::text AS "lastStatus", l."lastStartedAt", l."lastFinishedAt", l."lastRestoredToAt",
              l."okId", l."okStartedAt", l."okFinishedAt", l."okRestoredToAt"
         FROM "RtoTarget" x
         ${ACTIVE_SERVICE}
         JOIN "RecoveryLatest" l ON l."serviceId" = x."serviceId" AND l.component = x.component AND l.kind = 'drill'
        WHERE ${DRILL_DUE} < $1::timestamptz
          AND NOT EXISTS (SELECT 1 FROM "AlertEvent" e WHERE e."dedupeKey" = 'drill.overdue:' || x.id || ':' || ${isoSql(DRILL_DUE)})
          FOR SHARE OF l SKIP LOCKED`,
      [now],
    );
    const events: NewAlertEvent[] = [];
    for (const t of rows) {
      const { dueAt, lastSuccessfulDrill } = drillState(t, drillsOf(t), now);
      if (!dueAt || dueAt.getTime() >= now.getTime()) continue;
      events.push({
        type: "drill.overdue",
        serviceId: t.serviceId,
        dedupeKey: `drill.overdue:${t.id}:${dueAt.toISOString()}`,
        occurredAt: now,
        details: { rtoTargetId: t.id, component: t.component, drillIntervalDays: t.drillIntervalDays, lastDrillAt: lastSuccessfulDrill?.finishedAt?.toISOString() ?? null },
      });
    }
    return (await insertAlertEvents(client, events)).length;
  });
}

/**
 * Approved waivers expiring within the warning period, not yet raised for their expiry; the event's
 * dedupe key (waiver.expiring:<item id>:<expiry>) makes a racing sweep's insert a no-op. A waiver
 * renewed with a new expiry has a new key and warns again.
 */
async function sweepWaiversExpiring(pool: Pool, now: Date): Promise<number> {
  const { rows } = await pool.query<{ id: string; serviceId: string; key: string; title: string; naReason: string | null; waiverExpiresAt: Date; decidedBy: string | null }>(
    `SELECT x.id, x."serviceId", x.key, x.title, x."naReason", x."waiverExpiresAt", coalesce(u.name, u.email) AS "decidedBy"
       FROM "ServiceChecklistItem" x
       ${ACTIVE_SERVICE}
       LEFT JOIN "User" u ON u.id = x."waiverDecidedById"
      WHERE x."waiverStatus" = 'approved' AND x.state = 'na' AND x."archivedAt" IS NULL
        AND x."waiverExpiresAt" > $1::timestamptz AND x."waiverExpiresAt" <= $1::timestamptz + make_interval(days => $2::int)
        AND NOT EXISTS (SELECT 1 FROM "AlertEvent" e WHERE e."dedupeKey" = 'waiver.expiring:' || x.id || ':' || ${isoSql('x."waiverExpiresAt"')})`,
    [now, WAIVER_WARNING_DAYS],
  );
  const events: NewAlertEvent[] = rows.map((w) => ({
    type: "waiver.expiring",
    serviceId: w.serviceId,
    dedupeKey: `waiver.expiring:${w.id}:${w.waiverExpiresAt.toISOString()}`,
    occurredAt: now,
    details: { itemKey: w.key, itemTitle: w.title, reason: w.naReason, expiresAt: w.waiverExpiresAt.toISOString(), decidedBy: w.decidedBy },
  }));
  return (await insertAlertEvents(pool, events)).length;
}

/** Approved waivers past their expiry: one `waiver.expire` audit entry each (the marker column makes it once). */
async function sweepWaiversExpired(pool: Pool, now: Date): Promise<number> {
  const { rowCount } = await pool.query(
    `WITH expired AS (
       UPDATE "ServiceChecklistItem" x SET "waiverExpiryLoggedAt" = $1
         FROM "Service" s
        WHERE s.id = x."serviceId" AND x."waiverStatus" = 'approved' AND x.state = 'na' AND x."waiverExpiresAt" <= $1::timestamptz AND x."waiverExpiryLoggedAt" IS NULL
       RETURNING x."serviceId", s."teamId", s.slug, x.key, x.title, x."waiverExpiresAt"
     )
     INSERT INTO "AuditEvent" (at, "teamId", "serviceId", "actorEmail", via, action, "targetType", "targetId", before, after)
     SELECT $1, e."teamId", e."serviceId", 'alert-sweep', 'system', 'waiver.expire', 'checklist_item', e.slug || '/' || e.key,
            jsonb_build_object('item', e.title, 'waiver', 'approved'),
            jsonb_build_object('item', e.title, 'waiver', 'expired', 'expiresAt', e."waiverExpiresAt")
       FROM expired e`,
    [now],
  );
  return rowCount ?? 0;
}

const READINESS_BATCH = 200;

/**
 * Levels are computed by the board's rules (lib/readiness/levels.ts), outside any transaction; then
 * each service whose computed level differs from its stored one is updated only if its stored level
 * is still the one read (compare and set), and its event is written in that transaction. Two sweeps
 * that see the same change race on the row: the second finds the level already stored and changes
 * nothing. A service's first level (stored level null) is stored without an event. Archived services
 * and services of archived teams get no level and no event; their stored level is cleared, so a
 * restored service starts again from a silent first level.
 */
async function sweepReadiness(pool: Pool, now: Date): Promise<{ changed: number; raised: number }> {
  await pool.query(
    `UPDATE "Service" s SET "readinessLevel" = NULL FROM "Team" t
      WHERE t.id = s."teamId" AND s."readinessLevel" IS NOT NULL AND (s."archivedAt" IS NOT NULL OR t."archivedAt" IS NOT NULL)`,
  );
  const { rows: services } = await pool.query<{ id: string; level: ReadinessLevel | null }>(
    `SELECT s.id, s."readinessLevel" AS level FROM "Service" s JOIN "Team" t ON t.id = s."teamId"
      WHERE s."archivedAt" IS NULL AND t."archivedAt" IS NULL ORDER BY s.id`,
  );
  let changed = 0;
  let raised = 0;
  for (let i = 0; i < services.length; i += READINESS_BATCH) {
    const batch = services.slice(i, i + READINESS_BATCH);
    const computed = await readinessSummaries(batch.map((s) => s.id), now);
    const todo = batch.flatMap((s) => {
      const next = computed.get(s.id);
      return next && next.level !== s.level ? [{ id: s.id, before: s.level, level: next.level, score: next.score }] : [];
    });
    if (todo.length === 0) continue;
    const result = await inTransaction(pool, async (client) => {
      const { rows } = await client.query<{ id: string; before: ReadinessLevel | null; level: ReadinessLevel; score: number }>(
        `UPDATE "Service" s SET "readinessLevel" = u.level
           FROM jsonb_to_recordset($1::jsonb) AS u(id text, before text, level text, score int)
          WHERE s.id = u.id AND s."readinessLevel" IS NOT DISTINCT FROM u.before AND s."archivedAt" IS NULL
         RETURNING s.id, u.before, u.level, u.score`,
        [JSON.stringify(todo)],
      );
      const events: NewAlertEvent[] = rows.flatMap((r) =>
        r.before === null
          ? []
          : [
              {
                type: "readiness.changed" as const,
                serviceId: r.id,
                dedupeKey: `readiness.changed:${r.id}:${r.before}:${r.level}:${now.toISOString()}`,
                occurredAt: now,
                details: { from: r.before, to: r.level, score: r.score },
              },
            ],
      );
      return { changed: rows.length, raised: (await insertAlertEvents(client, events)).length };
    });
    changed += result.changed;
    raised += result.raised;
  }
  return { changed, raised };
}

/** One sweep at `now`. */
export async function runAlertSweep(pool: Pool, now: Date = new Date()): Promise<AlertSweepSummary> {
  const backupsOverdue = await sweepBackups(pool, now);
  const drillsOverdue = await sweepDrills(pool, now);
  const waiversExpiring = await sweepWaiversExpiring(pool, now);
  const waiversExpired = await sweepWaiversExpired(pool, now);
  const agentsOffline = await sweepAgentsOffline(pool, now);
  const readiness = await sweepReadiness(pool, now);
  return { backupsOverdue, drillsOverdue, readinessChanged: readiness.changed, readinessEvents: readiness.raised, waiversExpiring, waiversExpired, agentsOffline };
}
