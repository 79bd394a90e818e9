/**
 * Housekeeping that rides along with the probe rounds: raw results past their retention, rollups past
 * theirs, expired rate-limit buckets, alert events and deliveries past 90 days (lib/alerts/prune.ts).
 * Deletes are bounded per call so one pass never holds locks long.
 */
import type { Pool } from "pg";
import { pruneAlertHistory } from "@/lib/alerts/prune";
import { ROLLUP_RETENTION_DAYS } from "@/lib/uptime/ranges";
const DELETE_BATCH = 20_000;

export async function pruneProbeData(
  pool: Pool,
  rawRetentionDays: number,
): Promise<{ results: number; rollups: number; rateLimits: number; alertEvents: number; alertDeliveries: number }> {
  const results = await pool.query(
    `DELETE FROM "ProbeResult" WHERE id IN (SELECT id FROM "ProbeResult" WHERE at < now() - make_interval(days => $1) LIMIT $2)`,
    [rawRetentionDays, DELETE_BATCH],
  );
  let rollups = 0;
  for (const [granularity, days] of Object.entries(ROLLUP_RETENTION_DAYS)) {
    const r = await pool.query(
      `DELETE FROM "ProbeRollup" WHERE ctid IN (SELECT ctid FROM "ProbeRollup" WHERE granularity = $1::"RollupGranularity" AND "bucketStart" < now() - make_interval(days => $2) LIMIT $3)`,
      [granularity, days, DELETE_BATCH],
    );
    rollups += r.rowCount ?? 0;
    const perLocation = await pool.query(
      `DELETE FROM "ProbeLocationRollup" WHERE ctid IN (SELECT ctid FROM "ProbeLocationRollup" WHERE granularity = $1::"RollupGranularity" AND "bucketStart" < now() - make_interval(days => $2) LIMIT $3)`,
      [granularity, days, DELETE_BATCH],
    );
    rollups += perLocation.rowCount ?? 0;
  }
  const rateLimits = await pool.query(`DELETE FROM "RateLimitBucket" WHERE "expiresAt" < now()`);
  const alerts = await pruneAlertHistory(pool, DELETE_BATCH);
  return { results: results.rowCount ?? 0, rollups, rateLimits: rateLimits.rowCount ?? 0, alertEvents: alerts.events, alertDeliveries: alerts.deliveries };
}
