/**
 * The demo's pushed metrics, one sample a minute. The seed writes the hour before the first start; in
 * development the scheduler keeps feeding them, so the demo's thresholds stay alive instead of going
 * "no data" ten minutes after seeding (lib/probes/scheduler.ts, `feedDemoMetrics`).
 */
import type { Pool } from "pg";
import { DEMO_SERVICES, DEMO_TEAM } from "./data";
import { stableFraction } from "./stable";

const MINUTE = 60_000;

/** The demo value of `metric` for the minute `minute` (ms since epoch / 60,000): typical ± 3, stable. */
export function demoMetricValue(slug: string, metric: string, typical: number, minute: number): number {
  return Math.round((typical + (stableFraction(`${slug}:${metric}:${minute}`) - 0.5) * 6) * 10) / 10;
}

/** Add this minute's sample of every demo metric that has none yet; returns how many were added. */
export async function feedDemoMetrics(pool: Pool, now = new Date()): Promise<number> {
  const minute = Math.floor(now.getTime() / MINUTE);
  const rows = DEMO_SERVICES.flatMap((s) =>
    Object.entries(s.samples).map(([metric, typical]) => ({ slug: s.slug, metric, value: demoMetricValue(s.slug, metric, typical, minute) })),
  );
  if (rows.length === 0) return 0;
  const { rowCount } = await pool.query(
    `INSERT INTO "MetricSample" ("serviceId", metric, value, at, source)
     SELECT s.id, r.metric, r.value, $3::timestamptz, 'push'
     FROM jsonb_to_recordset($1::jsonb) AS r(slug text, metric text, value float8)
     JOIN "Service" s ON s.slug = r.slug JOIN "Team" t ON t.id = s."teamId" AND t.slug = $2
     WHERE NOT EXISTS (SELECT 1 FROM "MetricSample" m WHERE m."serviceId" = s.id AND m.metric = r.metric AND m.at >= $3::timestamptz)`,
    [JSON.stringify(rows), DEMO_TEAM.slug, new Date(minute * MINUTE)],
  );
  return rowCount ?? 0;
}
