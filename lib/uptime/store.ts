import type { Pool, PoolClient } from "pg";
import type { RollupRow } from "./rollup";

/**
 * Add rollup rows to what their buckets already hold, in one statement. Counts add up; histograms and
 * status/error counts merge in PostgreSQL. Safe to call with rows of any granularity mix.
 */
/** The merge of a new row into its bucket, for either rollup table. */
const mergeSet = (t: string) => `
       up = "${t}".up + EXCLUDED.up,
       down = "${t}".down + EXCLUDED.down,
       degraded = "${t}".degraded + EXCLUDED.degraded,
       maintenance = "${t}".maintenance + EXCLUDED.maintenance,
       "latencyHist" = preflight_merge_hist("${t}"."latencyHist", EXCLUDED."latencyHist"),
       "latencySumMs" = "${t}"."latencySumMs" + EXCLUDED."latencySumMs",
       "latencyCount" = "${t}"."latencyCount" + EXCLUDED."latencyCount",
       "statusCounts" = preflight_merge_counts("${t}"."statusCounts", EXCLUDED."statusCounts"),
       "errorCounts" = preflight_merge_counts("${t}"."errorCounts", EXCLUDED."errorCounts")`;

const ROWS = `
     FROM jsonb_to_recordset($1::jsonb) AS r("checkId" text, granularity text, "bucketStart" timestamptz, up int, down int, degraded int, maintenance int,
                                              hist jsonb, "sumMs" bigint, "count" int, status jsonb, errors jsonb)`;
const VALUES = `r.granularity::"RollupGranularity", r."bucketStart", r.up, r.down, r.degraded, r.maintenance,
            ARRAY(SELECT jsonb_array_elements_text(r.hist)::int), r."sumMs", r."count", r.status, r.errors`;
const COLUMNS = `granularity, "bucketStart", up, down, degraded, maintenance, "latencyHist", "latencySumMs", "latencyCount", "statusCounts", "errorCounts"`;

const COMBINED_SQL = `INSERT INTO "ProbeRollup" ("checkId", ${COLUMNS})
     SELECT r."checkId", ${VALUES} ${ROWS}
     ON CONFLICT ("checkId", granularity, "bucketStart") DO UPDATE SET ${mergeSet("ProbeRollup")}`;

/** Per agent location (ProbeLocationRollup), $2 the location: the same rows beside the combined ones. */
const LOCATION_SQL = `INSERT INTO "ProbeLocationRollup" ("checkId", location, ${COLUMNS})
     SELECT r."checkId", $2, ${VALUES} ${ROWS}
     ON CONFLICT ("checkId", location, granularity, "bucketStart") DO UPDATE SET ${mergeSet("ProbeLocationRollup")}`;

export async function upsertRollups(client: Pool | PoolClient, rows: readonly RollupRow[], location?: string): Promise<void> {
  if (rows.length === 0) return;
  const json = rollupJson(rows);
  await client.query(COMBINED_SQL, [json]);
  if (location) await client.query(LOCATION_SQL, [json, location]);
}

function rollupJson(rows: readonly RollupRow[]): string {
  return JSON.stringify(
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
      );
}
