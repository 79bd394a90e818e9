import type { Pool, PoolClient } from "pg";
import type { RollupRow } from "./rollup";

/**
 * Add rollup rows to what their buckets already hold, in one statement. Counts add up; histograms and
 * status/error counts merge in PostgreSQL. Safe to call with rows of any granularity mix.
 */
export async function upsertRollups(client: Pool | PoolClient, rows: readonly RollupRow[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO "ProbeRollup" ("checkId", granularity, "bucketStart", up, down, degraded, maintenance, "latencyHist", "latencySumMs", "latencyCount", "statusCounts", "errorCounts")
     SELECT r."checkId", r.granularity::"RollupGranularity", r."bucketStart", r.up, r.down, r.degraded, r.maintenance,
            ARRAY(SELECT jsonb_array_elements_text(r.hist)::int), r."sumMs", r."count", r.status, r.errors
     FROM jsonb_to_recordset($1::jsonb) AS r("checkId" text, granularity text, "bucketStart" timestamptz, up int, down int, degraded int, maintenance int,
                                              hist jsonb, "sumMs" bigint, "count" int, status jsonb, errors jsonb)
     ON CONFLICT ("checkId", granularity, "bucketStart") DO UPDATE SET
       up = "ProbeRollup".up + EXCLUDED.up,
       down = "ProbeRollup".down + EXCLUDED.down,
       degraded = "ProbeRollup".degraded + EXCLUDED.degraded,
       maintenance = "ProbeRollup".maintenance + EXCLUDED.maintenance,
       "latencyHist" = preflight_merge_hist("ProbeRollup"."latencyHist", EXCLUDED."latencyHist"),
       "latencySumMs" = "ProbeRollup"."latencySumMs" + EXCLUDED."latencySumMs",
       "latencyCount" = "ProbeRollup"."latencyCount" + EXCLUDED."latencyCount",
       "statusCounts" = preflight_merge_counts("ProbeRollup"."statusCounts", EXCLUDED."statusCounts"),
       "errorCounts" = preflight_merge_counts("ProbeRollup"."errorCounts", EXCLUDED."errorCounts")`,
    [
      JSON.stringify(
        rows.map((r) => ({
          checkId: r.checkId,
          granularity: r.granularity,
          bucketStart: r.bucketStart.toISOString(),
          up: r.up,
          down: r.down,
          degraded: r.degraded,
          maintenance: r.maintenance,
          hist: r.latencyHist,
          sumMs: Math.round(r.latencySumMs),
          count: r.latencyCount,
          status: r.statusCounts,
          errors: r.errorCounts,
        })),
      ),
    ],
  );
}
