/**
 * Probe health crossing processes: a process that runs the scheduler writes its counters (prom-client
 * JSON) to an AppSetting row of its own every few seconds; the export reads the rows written in the last
 * minute. Rows of processes gone for ten minutes are deleted by the next publication.
 */
import { hostname } from "node:os";
import type { Pool } from "pg";
import type { MetricObjectWithValues, MetricValue } from "prom-client";
import { sqlPool } from "@/lib/db";
import { probeHealthRegistry } from "./probe-health";

type MetricJson = MetricObjectWithValues<MetricValue<string>>[];

const KEY_PREFIX = "metrics.probe-health.";
export const PUBLISH_EVERY_MS = 15_000;
/** This process's row: the export adds its own counters live, so it skips its own publication. */
const ownKey = () => `${KEY_PREFIX}${hostname()}.${process.pid}`;

export async function publishProbeHealth(pool: Pool): Promise<void> {
  const value = JSON.stringify(await probeHealthRegistry.getMetricsAsJSON());
  await pool.query(
    `WITH gone AS (DELETE FROM "AppSetting" WHERE key LIKE $3 AND key <> $1 AND "updatedAt" < now() - interval '10 minutes')
     INSERT INTO "AppSetting" (key, value, "updatedAt") VALUES ($1, $2::jsonb, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = now()`,
    [ownKey(), value, `${KEY_PREFIX}%`],
  );
}

/** What the other processes that published in the last minute counted. */
export async function publishedProbeHealth(): Promise<MetricJson[]> {
  const { rows } = await sqlPool().query<{ value: MetricJson }>(
    `SELECT value FROM "AppSetting" WHERE key LIKE $1 AND key <> $2 AND "updatedAt" > now() - interval '1 minute'`,
    [`${KEY_PREFIX}%`, ownKey()],
  );
  return rows.map((r) => r.value);
}
