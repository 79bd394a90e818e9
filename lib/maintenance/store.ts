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
