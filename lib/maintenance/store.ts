/**
 * The down alert after a maintenance window. Check events during a window are suppressed (a trigger
 * of the alerting migration), so an outage that outlives the window would go unannounced: when the
 * window ends, each check of the service whose incident is still open gets its check.down raised
 * then, keyed `check.down:<incidentId>:after-maintenance:<windowId>` so it happens once per window.
 *
 * Raised by the ending action (in its transaction) and by `raiseAfterMaintenance`, the sweep the
 * background rounds run for windows that simply ran out. The incident rows are locked while the event
 * is written, so a probe batch closing an incident at that moment waits and a "down" never lands after
 * the "up" that ended it. Incidents a probe batch holds locked are skipped (no waiting, no deadlock
 * with a batch that locks several): the next sweep takes them if they are still open.
 */
import type { Pool } from "pg";
import { insertAlertEvents, insertAlertEventsTx } from "@/lib/alerts/store";
import type { NewAlertEvent } from "@/lib/alerts/types";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Windows that ended this long ago at most are swept (a scheduler that was down catches up within it). */
export const AFTER_MAINTENANCE_LOOKBACK_DAYS = 7;

export const afterMaintenanceKey = (incidentId: string, windowId: string) => `check.down:${incidentId}:after-maintenance:${windowId}`;

interface Candidate {
  windowId: string;
  serviceId: string;
  endsAt: Date;
  incidentId: string;
  startedAt: Date;
  error: string;
  checkId: string;
  checkName: string;
  url: string;
}

/**
 * Incidents open now that began before their window ended, with no after-maintenance event for that
 * window yet and no check.down of the incident delivered since the window ended (the probe path may
 * already have told people about it). `$1`: now; `$2`: one window's id, or null for every window
 * that ended within the lookback.
 */
const CANDIDATES_SQL = `
SELECT w.id AS "windowId", w."serviceId", w."endsAt", i.id AS "incidentId", i."startedAt",
       coalesce(i."lastError", i."firstError") AS error, c.id AS "checkId", c.name AS "checkName", c.url
FROM "MaintenanceWindow" w
JOIN "Incident" i ON i."serviceId" = w."serviceId" AND i."endedAt" IS NULL AND i."startedAt" < w."endsAt"
JOIN "HealthCheck" c ON c.id = i."checkId"
WHERE w."endsAt" <= $1::timestamptz
  AND ($2::text IS NULL OR w.id = $2::text)
  AND ($2::text IS NOT NULL OR w."endsAt" > $1::timestamptz - make_interval(days => ${AFTER_MAINTENANCE_LOOKBACK_DAYS}))
  AND NOT EXISTS (SELECT 1 FROM "AlertEvent" e WHERE e."dedupeKey" = 'check.down:' || i.id || ':after-maintenance:' || w.id)
  AND NOT EXISTS (SELECT 1 FROM "AlertEvent" e
                   WHERE e."serviceId" = w."serviceId" AND e.type = 'check.down' AND e.details->>'incidentId' = i.id
                     AND NOT e.suppressed AND e."occurredAt" >= w."endsAt")
ORDER BY w."endsAt", i."startedAt"
FOR UPDATE OF i SKIP LOCKED`;

function eventsOf(rows: readonly Candidate[]): NewAlertEvent[] {
  return rows.map((r) => ({
    type: "check.down",
    serviceId: r.serviceId,
    dedupeKey: afterMaintenanceKey(r.incidentId, r.windowId),
    // at the window's end: the trigger then sees no open window (unless another one follows on)
    occurredAt: r.endsAt,
    details: { checkId: r.checkId, checkName: r.checkName, url: r.url, incidentId: r.incidentId, startedAt: r.startedAt.toISOString(), error: r.error },
  }));
}

/** The ending action: the after-maintenance events of one window that has just ended, in its transaction. */
export async function raiseAfterMaintenanceTx(tx: Prisma.TransactionClient, windowId: string, now: Date): Promise<number> {
  const rows = await tx.$queryRawUnsafe<Candidate[]>(CANDIDATES_SQL, now, windowId);
  return (await insertAlertEventsTx(tx, eventsOf(rows))).length;
}

/**
 * The sweep: after-maintenance events for every window that ended by `now` (within the lookback).
 * Safe to run from several instances at once (the dedupe key makes each event once). Returns how many
 * events it wrote.
 */
export async function raiseAfterMaintenance(pool: Pool, now: Date = new Date()): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<Candidate>(CANDIDATES_SQL, [now, null]);
    const written = (await insertAlertEvents(client, eventsOf(rows))).length;
    await client.query("COMMIT");
    return written;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Who the audit log names for a window that opened or closed by its own times. */
export const MAINTENANCE_CLOCK = "maintenance schedule";

/**
 * Audit rows for windows that opened or closed by their times, once each: `maintenance.open` for a
 * window that was scheduled ahead and has started (one that starts when scheduled is opened by its
 * `maintenance.schedule` row), `maintenance.close` for one that ran out (one ended early has its
 * `maintenance.end` row). Within the sweep's lookback; a transaction-scoped advisory lock keeps two
 * instances from both writing the same row. `$1`: now.
 */
const TRANSITIONS_SQL = `
WITH due AS (
  SELECT w.*, s."teamId", s.slug || '/' || w.id AS target,
         CASE WHEN w."endsAt" <= $1::timestamptz THEN 'maintenance.close' ELSE 'maintenance.open' END AS action
  FROM "MaintenanceWindow" w JOIN "Service" s ON s.id = w."serviceId"
  WHERE w."startsAt" <= $1::timestamptz AND w."endsAt" > $1::timestamptz - make_interval(days => ${AFTER_MAINTENANCE_LOOKBACK_DAYS})
), wanted AS (
  SELECT due.*, 'maintenance.open' AS act FROM due WHERE due."startsAt" > due."createdAt" + interval '1 minute'
  UNION ALL
  SELECT due.*, 'maintenance.close' AS act FROM due WHERE due.action = 'maintenance.close'
)
INSERT INTO "AuditEvent" ("teamId", "serviceId", "actorEmail", via, action, "targetType", "targetId", after)
SELECT wanted."teamId", wanted."serviceId", '${MAINTENANCE_CLOCK}', 'system'::"AuditVia", wanted.act, 'maintenance', wanted.target,
       jsonb_build_object('startsAt', to_char(wanted."startsAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                          'endsAt', to_char(wanted."endsAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'reason', wanted.reason)
FROM wanted
WHERE NOT EXISTS (SELECT 1 FROM "AuditEvent" a WHERE a."targetId" = wanted.target AND a."targetType" = 'maintenance'
                    AND (a.action = wanted.act OR (wanted.act = 'maintenance.close' AND a.action = 'maintenance.end')))
ORDER BY wanted."startsAt", wanted.act DESC`;

/** The sweep's audit rows of windows that opened or closed by themselves (see TRANSITIONS_SQL). Returns how many. */
export async function auditWindowTransitions(pool: Pool, now: Date = new Date()): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('preflight:maintenance-transitions'))`);
    const { rowCount } = await client.query(TRANSITIONS_SQL, [now]);
    await client.query("COMMIT");
    return rowCount ?? 0;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** One pass of the background rounds: after-maintenance down alerts, then the audit rows of windows that opened or closed. */
export async function maintenanceSweep(pool: Pool, now: Date = new Date()): Promise<{ alerts: number; audited: number }> {
  const alerts = await raiseAfterMaintenance(pool, now);
  return { alerts, audited: await auditWindowTransitions(pool, now) };
}
