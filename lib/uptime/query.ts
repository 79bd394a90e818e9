/**
 * Reading uptime: a service's probe rollups over a range, aggregated in PostgreSQL into one row per
 * point (counts summed, sparse latency histograms merged), then percentiles and uptime computed in
 * JavaScript by the pure functions of math.ts and histogram.ts. At most a few hundred rows ever
 * leave the database, whatever the number of probes behind them. See docs/uptime.md.
 */
import { sqlPool } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { decodeHistogram } from "./histogram";
import { summarizeRange, uptimePercent, type Counts, type RangeSummary, type RollupBucket } from "./math";
import { uptimeCoverage, type UptimeCoverage } from "./coverage";
import { ROLLUP_RETENTION_DAYS, rangeWindow, type RangeWindow, type UptimeRange } from "./ranges";
import { GRANULARITY_MS } from "./rollup";

export interface UptimeCheck {
  id: string;
  name: string;
  enabled: boolean;
}

export interface UptimeIncident {
  id: string;
  checkId: string;
  checkName: string;
  startedAt: Date;
  /** null while the incident is open */
  endedAt: Date | null;
  firstError: string;
  lastError: string | null;
}

export interface ServiceUptime extends RangeSummary {
  window: RangeWindow;
  /** every check of the service (for a picker); `checkIds` are the ones summed */
  checks: UptimeCheck[];
  checkIds: string[];
  counts: Counts;
  statusCodes: { code: string; count: number }[];
  errorClasses: { errorClass: string; count: number }[];
  incidents: UptimeIncident[];
  /** how much of the range the figures stand on (coverage.ts) */
  observed: UptimeCoverage;
}

/** Incidents listed for one range at most (newest first); a range with more says so by the count. */
export const MAX_INCIDENTS = 200;

/**
 * One row per point of the range: counts summed over the selected checks, and the latency histogram
 * merged by unnesting each row's [bucket, count, …] pairs and summing per (point, bucket).
 * Set-based merging is used instead of the preflight_hist_sum aggregate: it is about 8× faster per
 * rollup row (docs/decisions/0008-uptime-reads-from-rollups.md).
 */
const SERIES_SQL = `
WITH r AS (
  SELECT date_bin($4::interval, "bucketStart", timestamptz '1970-01-01 00:00:00+00') AS t, up, down, degraded, "latencyHist" AS hist
  FROM "ProbeRollup"
  WHERE "checkId" = ANY($1::text[]) AND granularity = $2::"RollupGranularity" AND "bucketStart" >= $3 AND "bucketStart" < $5
),
counts AS (
  SELECT t, sum(up)::int AS up, sum(down)::int AS down, sum(degraded)::int AS degraded FROM r GROUP BY t
),
buckets AS (
  SELECT r.t, r.hist[2 * k - 1] AS idx, sum(r.hist[2 * k])::int AS cnt
  FROM r, generate_series(1, coalesce(array_length(r.hist, 1), 0) / 2) AS k
  GROUP BY 1, 2
),
hist AS (
  SELECT t, array_agg(idx ORDER BY idx) AS idx, array_agg(cnt ORDER BY idx) AS cnt FROM buckets GROUP BY t
)
SELECT extract(epoch FROM counts.t) * 1000 AS t, counts.up, counts.down, counts.degraded, hist.idx, hist.cnt
FROM counts LEFT JOIN hist USING (t)
ORDER BY counts.t`;

/**
 * Status codes and error classes over the whole range, summed per key in PostgreSQL. The rows are read
 * once into a CTE; that also keeps the planner from starting parallel workers (it guesses 100 keys per
 * jsonb object, and starting workers costs more than this whole query).
 */
const BREAKDOWN_SQL = `
WITH r AS MATERIALIZED (
  SELECT "statusCounts" AS status, "errorCounts" AS errors
  FROM "ProbeRollup"
  WHERE "checkId" = ANY($1::text[]) AND granularity = $2::"RollupGranularity" AND "bucketStart" >= $3 AND "bucketStart" < $4
)
SELECT 'status' AS kind, j.key, sum(j.value::bigint)::int AS count FROM r, jsonb_each_text(r.status) AS j GROUP BY j.key
UNION ALL
SELECT 'error', j.key, sum(j.value::bigint)::int FROM r, jsonb_each_text(r.errors) AS j GROUP BY j.key`;

/**
 * The range's first probe: the earliest rollup bucket of the range's granularity that holds probes,
 * narrowed to the minute by the minute rollups inside that bucket (when they are still kept). Two
 * min() lookups on the rollups' primary key (checkId, granularity, bucketStart).
 */
const FIRST_PROBE_SQL = `
WITH coarse AS (
  SELECT min("bucketStart") AS t FROM "ProbeRollup"
  WHERE "checkId" = ANY($1::text[]) AND granularity = $2::"RollupGranularity" AND "bucketStart" >= $3 AND "bucketStart" < $4
    AND up + down + degraded > 0
)
SELECT coalesce(
  (SELECT min(m."bucketStart") FROM "ProbeRollup" m, coarse
   WHERE m."checkId" = ANY($1::text[]) AND m.granularity = 'minute' AND m."bucketStart" >= coarse.t
     AND m."bucketStart" < coarse.t + $5::interval AND m.up + m.down + m.degraded > 0),
  (SELECT t FROM coarse)) AS "firstProbeAt"`;

const INCIDENTS_SQL = `
SELECT i.id, i."checkId", c.name AS "checkName", i."startedAt", i."endedAt", i."firstError", i."lastError"
FROM "Incident" i JOIN "HealthCheck" c ON c.id = i."checkId"
WHERE i."checkId" = ANY($1::text[]) AND i."startedAt" < $3 AND (i."endedAt" IS NULL OR i."endedAt" > $2)
ORDER BY i."startedAt" DESC
LIMIT ${MAX_INCIDENTS}`;

interface SeriesRow {
  t: string;
  up: number;
  down: number;
  degraded: number;
  idx: number[] | null;
  cnt: number[] | null;
}

function bucketOf(row: SeriesRow): RollupBucket {
  const pairs: number[] = [];
  row.idx?.forEach((i, k) => pairs.push(i, row.cnt![k]!));
  return { start: Number(row.t), up: row.up, down: row.down, degraded: row.degraded, histogram: decodeHistogram(pairs) };
}

/**
 * Uptime of a service over `range`: all its enabled checks summed (all its checks when every one is
 * paused: their history stays meaningful), or only `checkId` (which must be one of the service's
 * checks, enabled or not: 404 otherwise).
 */
export async function loadServiceUptime(serviceId: string, range: UptimeRange, opts: { checkId?: string; now?: Date } = {}): Promise<ServiceUptime> {
  const pool = sqlPool();
  const window = rangeWindow(range, (opts.now ?? new Date()).getTime());
  const { rows: checks } = await pool.query<UptimeCheck>(
    `SELECT id, name, enabled FROM "HealthCheck" WHERE "serviceId" = $1 ORDER BY "createdAt", id`,
    [serviceId],
  );
  let checkIds: string[];
  if (opts.checkId) {
    if (!checks.some((c) => c.id === opts.checkId)) throw new ApiError("not_found", "No such check on this service.");
    checkIds = [opts.checkId];
  } else {
    const enabled = checks.filter((c) => c.enabled);
    checkIds = (enabled.length ? enabled : checks).map((c) => c.id);
  }

  const from = new Date(window.from);
  const end = new Date(window.end);
  const now = new Date(window.now);
  const [series, breakdown, incidents, first] = checkIds.length
    ? await Promise.all([
        pool.query<SeriesRow>(SERIES_SQL, [checkIds, window.granularity, from, `${window.stepMs / 1000} seconds`, end]),
        pool.query<{ kind: "status" | "error"; key: string; count: number }>(BREAKDOWN_SQL, [checkIds, window.granularity, from, end]),
        pool.query<UptimeIncident>(INCIDENTS_SQL, [checkIds, from, now]),
        pool.query<{ firstProbeAt: Date | null }>(FIRST_PROBE_SQL, [checkIds, window.granularity, from, end, `${GRANULARITY_MS[window.granularity] / 1000} seconds`]),
      ])
    : [{ rows: [] }, { rows: [] }, { rows: [] }, { rows: [] }];

  const summary = summarizeRange(series.rows.map(bucketOf), window.from, window.end, window.stepMs);
  const counts = summary.series.reduce((c, p) => ({ up: c.up + p.up, down: c.down + p.down, degraded: c.degraded + p.degraded }), { up: 0, down: 0, degraded: 0 });
  const byCount = (a: { count: number; key: string }, b: { count: number; key: string }) => b.count - a.count || a.key.localeCompare(b.key);
  const status = breakdown.rows.filter((r) => r.kind === "status").sort(byCount);
  const errors = breakdown.rows.filter((r) => r.kind === "error").sort(byCount);
  return {
    ...summary,
    window,
    checks,
    checkIds,
    counts,
    statusCodes: status.map((r) => ({ code: r.key, count: r.count })),
    errorClasses: errors.map((r) => ({ errorClass: r.key, count: r.count })),
    incidents: incidents.rows,
    observed: uptimeCoverage({ firstProbeAt: first.rows[0]?.firstProbeAt ?? null, probes: summary.probes, from: window.from, now: window.now }),
  };
}

export interface ServiceUptime30d {
  /** null when the range has no probe */
  uptimePercent: number | null;
  observed: UptimeCoverage;
}

/**
 * 30-day uptime of each service (the board): day rollups of its enabled checks (all of them when
 * every one is paused, as on the uptime page), summed in one GROUP BY with the first day that has
 * probes. Only services whose first probe falls in the last two days (minute rollups kept) get a
 * second lookup that narrows it to the minute, so a board of long-running services costs one query.
 * Same window as the 30d range of the uptime page.
 */
export async function servicesUptime30d(serviceIds: readonly string[], now = new Date()): Promise<Map<string, ServiceUptime30d>> {
  const window = rangeWindow("30d", now.getTime());
  const none = (): ServiceUptime30d => ({ uptimePercent: null, observed: uptimeCoverage({ firstProbeAt: null, probes: 0, from: window.from, now: window.now }) });
  const out = new Map<string, ServiceUptime30d>(serviceIds.map((id) => [id, none()]));
  if (serviceIds.length === 0) return out;
  const { rows } = await sqlPool().query<Counts & { serviceId: string; firstDay: Date; checkIds: string[] }>(
    `SELECT c."serviceId", sum(r.up)::int AS up, sum(r.down)::int AS down, sum(r.degraded)::int AS degraded,
            min(r."bucketStart") FILTER (WHERE r.up + r.down + r.degraded > 0) AS "firstDay", array_agg(DISTINCT c.id) AS "checkIds"
     FROM "HealthCheck" c
     JOIN "ProbeRollup" r ON r."checkId" = c.id AND r.granularity = 'day' AND r."bucketStart" >= $2 AND r."bucketStart" < $3
     WHERE c."serviceId" = ANY($1::text[])
       AND (c.enabled OR NOT EXISTS (SELECT 1 FROM "HealthCheck" e WHERE e."serviceId" = c."serviceId" AND e.enabled))
     GROUP BY c."serviceId"`,
    [serviceIds, new Date(window.from), new Date(window.end)],
  );
  const minuteKeptFrom = window.now - ROLLUP_RETENTION_DAYS.minute * 86_400_000 - GRANULARITY_MS.day;
  const recent = rows.filter((r) => r.firstDay && r.firstDay.getTime() >= minuteKeptFrom);
  const firstMinute = new Map<string, Date>();
  if (recent.length) {
    const { rows: minutes } = await sqlPool().query<{ serviceId: string; firstProbeAt: Date }>(
      `SELECT s."serviceId", (SELECT min(m."bucketStart") FROM "ProbeRollup" m
                             WHERE m."checkId" = ANY(s.check_ids) AND m.granularity = 'minute' AND m."bucketStart" >= s.first_day
                               AND m."bucketStart" < s.first_day + interval '1 day' AND m.up + m.down + m.degraded > 0) AS "firstProbeAt"
       FROM jsonb_to_recordset($1::jsonb) AS s("serviceId" text, check_ids text[], first_day timestamptz)`,
      [JSON.stringify(recent.map((r) => ({ serviceId: r.serviceId, check_ids: r.checkIds, first_day: r.firstDay.toISOString() })))],
    );
    for (const m of minutes) if (m.firstProbeAt) firstMinute.set(m.serviceId, m.firstProbeAt);
  }
  for (const r of rows) {
    const probes = r.up + r.down + r.degraded;
    const firstProbeAt = firstMinute.get(r.serviceId) ?? r.firstDay ?? null;
    out.set(r.serviceId, { uptimePercent: uptimePercent(r), observed: uptimeCoverage({ firstProbeAt, probes, from: window.from, now: window.now }) });
  }
  return out;
}

/** The service's latest incidents (open ones first), for the service page. */
export async function recentIncidents(serviceId: string, limit = 5): Promise<UptimeIncident[]> {
  const { rows } = await sqlPool().query<UptimeIncident>(
    `SELECT i.id, i."checkId", c.name AS "checkName", i."startedAt", i."endedAt", i."firstError", i."lastError"
     FROM "Incident" i JOIN "HealthCheck" c ON c.id = i."checkId"
     WHERE i."serviceId" = $1
     ORDER BY (i."endedAt" IS NULL) DESC, i."startedAt" DESC
     LIMIT $2`,
    [serviceId, limit],
  );
  return rows;
}
