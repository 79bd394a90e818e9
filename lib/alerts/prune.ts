/**
 * Alert history is kept 90 days: delivered and failed deliveries, and events with nothing left to
 * send, older than that are deleted in bounded batches by the probe-data pruning job
 * (lib/probes/maintenance.ts), so the outbox stays small whatever the traffic.
 */
import type { Pool } from "pg";

export const ALERT_RETENTION_DAYS = 90;

export async function pruneAlertHistory(pool: Pool, batch: number): Promise<{ events: number; deliveries: number }> {
  const deliveries = await pool.query(
    `DELETE FROM "AlertDelivery" WHERE id IN (
       SELECT id FROM "AlertDelivery" WHERE status <> 'pending' AND "createdAt" < now() - make_interval(days => $1) LIMIT $2)`,
    [ALERT_RETENTION_DAYS, batch],
  );
  // An event still being sent (a pending delivery, e.g. a reminder of a long incident) is kept.
  const events = await pool.query(
    `DELETE FROM "AlertEvent" WHERE id IN (
       SELECT e.id FROM "AlertEvent" e
        WHERE e."occurredAt" < now() - make_interval(days => $1)
          AND NOT EXISTS (SELECT 1 FROM "AlertDelivery" d WHERE d."eventId" = e.id AND d.status = 'pending')
        LIMIT $2)`,
    [ALERT_RETENTION_DAYS, batch],
  );
  return { events: events.rowCount ?? 0, deliveries: deliveries.rowCount ?? 0 };
}
