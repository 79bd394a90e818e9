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
import { rangeWindow, type RangeWindow, type UptimeRange } from "./ranges";
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

/** A maintenance window of the service that overlaps the range (shown on the charts). */
export interface UptimeMaintenance {
  id: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
}

export interface ServiceUptime extends RangeSummary {
  window: RangeWindow;
  /** every check of the service (for a picker); `checkIds` are the ones summed */
  checks: UptimeCheck[];
  checkIds: string[];
  counts: Counts & { maintenance: number };
  statusCodes: { code: string; count: number }[];
  errorClasses: { errorClass: string; count: number }[];
  incidents: UptimeIncident[];
  maintenance: UptimeMaintenance[];
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
const seriesSql = (source: string) => `
WITH r AS (
  SELECT date_bin($4::interval, "bucketStart", timestamptz '1970-01-01 00:00:00+00') AS t, up, down, degraded, maintenance, "latencyHist" AS hist
  FROM ${source}
  WHERE "checkId" = ANY($1::text[]) AND granularity = $2::"RollupGranularity" AND "bucketStart" >= $3 AND "bucketStart" < $5
),
counts AS (
  SELECT t, sum(up)::int AS up, sum(down)::int AS down, sum(degraded)::int AS degraded, sum(maintenance)::int AS maintenance FROM r GROUP BY t
),
buckets AS (
  SELECT r.t, r.hist[2 * k - 1] AS idx, sum(r.hist[2 * k])::int AS cnt
  FROM r, generate_series(1, coalesce(array_length(r.hist, 1), 0) / 2) AS k
  GROUP BY 1, 2
),
hist AS (
  SELECT t, array_agg(idx ORDER BY idx) AS idx, array_agg(cnt ORDER BY idx) AS cnt FROM buckets GROUP BY t
)
SELECT extract(epoch FROM counts.t) * 1000 AS t, counts.up, counts.down, counts.degraded, counts.maintenance, hist.idx, hist.cnt
FROM counts LEFT JOIN hist USING (t)
ORDER BY counts.t`;

/**
 * Status codes and error classes over the whole range, summed per key in PostgreSQL. The rows are read
 * once into a CTE; that also keeps the planner from starting parallel workers (it guesses 100 keys per
 * jsonb object, and starting workers costs more than this whole query).
 */
const breakdownSql = (source: string) => `
WITH r AS MATERIALIZED (
  SELECT "statusCounts" AS status, "errorCounts" AS errors
  FROM ${source}
  WHERE "checkId" = ANY($1::text[]) AND granularity = $2::"RollupGranularity" AND "bucketStart" >= $3 AND "bucketStart" < $4
)
SELECT 'status' AS kind, j.key, sum(j.value::bigint)::int AS count FROM r, jsonb_each_text(r.status) AS j GROUP BY j.key
UNION ALL
SELECT 'error', j.key, sum(j.value::bigint)::int FROM r, jsonb_each_text(r.errors) AS j GROUP BY j.key`;

/**
 * Per group (`key`: a service, or one group for the uptime page) of rollups of the range: counted
 * probes, how many buckets hold any, the last of them, and the first probe: the earliest bucket of each
 * check, narrowed to the minute by the minute rollups inside it while they are kept, else to the
 * check's creation when that falls inside it (the input of coverage.ts). One statement; the narrowing is
 * a min() on the rollups' primary key (checkId, granularity, bucketStart) per check, not per bucket.
 * $1 ids (see `where`), $2 granularity, $3 from, $4 end, $5 the bucket size as an interval.
 */
function coverageSql(key: string, where: string, source = `"ProbeRollup"`): string {
  return `
WITH r AS (
  SELECT ${key} AS key, c.id AS "checkId", c."createdAt", r."bucketStart", r.up, r.down, r.degraded
  FROM "HealthCheck" c
  JOIN ${source} r ON r."checkId" = c.id AND r.granularity = $2::"RollupGranularity" AND r."bucketStart" >= $3 AND r."bucketStart" < $4
  WHERE ${where}
),
firsts AS (
  SELECT key, "checkId", min("bucketStart") AS bucket, min("createdAt") AS created FROM r WHERE up + down + degraded > 0 GROUP BY 1, 2
),
first_probe AS (
  SELECT f.key, min(coalesce(
    (SELECT min(m."bucketStart") FROM ${source} m
     WHERE m."checkId" = f."checkId" AND m.granularity = 'minute' AND m."bucketStart" >= f.bucket AND m."bucketStart" < f.bucket + $5::interval
       AND m.up + m.down + m.degraded > 0),
    CASE WHEN f.created > f.bucket AND f.created < f.bucket + $5::interval THEN f.created ELSE f.bucket END)) AS "firstProbeAt"
  FROM firsts f GROUP BY 1
)
SELECT t.*, fp."firstProbeAt"
FROM (
  SELECT key, sum(up)::int AS up, sum(down)::int AS down, sum(degraded)::int AS degraded,
         count(DISTINCT "bucketStart") FILTER (WHERE up + down + degraded > 0)::int AS "probedBuckets",
         max("bucketStart") FILTER (WHERE up + down + degraded > 0) AS "lastProbedBucket"
  FROM r GROUP BY key
) t LEFT JOIN first_probe fp USING (key)`;
}

interface CoverageRow extends Counts {
  key: string;
  probedBuckets: number;
  lastProbedBucket: Date | null;
  firstProbeAt: Date | null;
}

/** The checks of the uptime page (by id). */
const PAGE_COVERAGE_SQL = coverageSql("''", "c.id = ANY($1::text[])");
const SERIES_SQL = seriesSql(`"ProbeRollup"`);
const BREAKDOWN_SQL = breakdownSql(`"ProbeRollup"`);

/**
 * The same reads of one agent location's rollups (ProbeLocationRollup); the location is the parameter
 * after each statement's own.
 */
const atLocation = (n: number) => `(SELECT * FROM "ProbeLocationRollup" WHERE location = $${n})`;
const LOCATION_SQL = {
  series: seriesSql(atLocation(6)),
  breakdown: breakdownSql(atLocation(5)),
  coverage: coverageSql("''", "c.id = ANY($1::text[])", atLocation(6)),
};

/** The board's services: their enabled checks, or all of them when every one is paused (as on the uptime page). */
const BOARD_COVERAGE_SQL = coverageSql(`c."serviceId"`, `c."serviceId" = ANY($1::text[])
    AND (c.enabled OR NOT EXISTS (SELECT 1 FROM "HealthCheck" e WHERE e."serviceId" = c."serviceId" AND e.enabled))`);

function coverageOf(row: CoverageRow | undefined, window: RangeWindow) {
  return uptimeCoverage({
    from: window.from,
    now: window.now,
    bucketMs: GRANULARITY_MS[window.granularity],
    firstProbeAt: row?.firstProbeAt ?? null,
    probedBuckets: row?.probedBuckets ?? 0,
    lastProbedBucket: row?.lastProbedBucket ?? null,
    probes: row ? row.up + row.down + row.degraded : 0,
  });
}

const bucketInterval = (window: RangeWindow) => `${GRANULARITY_MS[window.granularity] / 1000} seconds`;

const INCIDENTS_SQL = `
SELECT i.id, i."checkId", c.name AS "checkName", i."startedAt", i."endedAt", i."firstError", i."lastError"
FROM "Incident" i JOIN "HealthCheck" c ON c.id = i."checkId"
WHERE i."checkId" = ANY($1::text[]) AND i."startedAt" < $3 AND (i."endedAt" IS NULL OR i."endedAt" > $2)
ORDER BY i."startedAt" DESC
LIMIT ${MAX_INCIDENTS}`;

const MAINTENANCE_SQL = `
SELECT id, "startsAt", "endsAt", reason FROM "MaintenanceWindow"
WHERE "serviceId" = $1 AND "startsAt" < $3 AND "endsAt" > $2
ORDER BY "startsAt" DESC
LIMIT ${MAX_INCIDENTS}`;

interface SeriesRow {
  t: string;
  up: number;
  down: number;
  degraded: number;
  maintenance: number;
  idx: number[] | null;
  cnt: number[] | null;
}

function bucketOf(row: SeriesRow): RollupBucket {
  const pairs: number[] = [];
  row.idx?.forEach((i, k) => pairs.push(i, row.cnt![k]!));
  return { start: Number(row.t), up: row.up, down: row.down, degraded: row.degraded, maintenance: row.maintenance, histogram: decodeHistogram(pairs) };
}

/**
 * Uptime of a service over `range`: all its enabled checks summed (all its checks when every one is
 * paused: their history stays meaningful), or only `checkId` (which must be one of the service's
 * checks, enabled or not: 404 otherwise).
 */
/**
 * `location`: one location's figures (an agent location, or "central" for the central server's own,
 * which are the combined rollups of checks probed from nowhere else); incidents stay the check's.
 */
export async function loadServiceUptime(serviceId: string, range: UptimeRange, opts: { checkId?: string; now?: Date; location?: string } = {}): Promise<ServiceUptime> {
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
  const agent = opts.location && opts.location !== "central" ? [opts.location] : [];
  if (opts.location === "central" && checkIds.length) {
    // Central figures are those of checks the central server probes (agents' checks have none).
    const { rows } = await pool.query<{ id: string }>(`SELECT id FROM "HealthCheck" WHERE id = ANY($1::text[]) AND locations = '{central}'`, [checkIds]);
    checkIds = rows.map((r) => r.id);
  }
  const [[series, breakdown, incidents, coverage], maintenance] = await Promise.all([
    checkIds.length
      ? Promise.all([
          pool.query<SeriesRow>(agent.length ? LOCATION_SQL.series : SERIES_SQL, [checkIds, window.granularity, from, `${window.stepMs / 1000} seconds`, end, ...agent]),
          pool.query<{ kind: "status" | "error"; key: string; count: number }>(agent.length ? LOCATION_SQL.breakdown : BREAKDOWN_SQL, [checkIds, window.granularity, from, end, ...agent]),
          pool.query<UptimeIncident>(INCIDENTS_SQL, [checkIds, from, now]),
          pool.query<CoverageRow>(agent.length ? LOCATION_SQL.coverage : PAGE_COVERAGE_SQL, [checkIds, window.granularity, from, end, bucketInterval(window), ...agent]),
        ])
      : [{ rows: [] }, { rows: [] }, { rows: [] }, { rows: [] }],
    pool.query<UptimeMaintenance>(MAINTENANCE_SQL, [serviceId, from, now]),
  ]);

  const summary = summarizeRange(series.rows.map(bucketOf), window.from, window.end, window.stepMs);
  const counts = summary.series.reduce(
    (c, p) => ({ up: c.up + p.up, down: c.down + p.down, degraded: c.degraded + p.degraded, maintenance: c.maintenance + p.maintenance }),
    { up: 0, down: 0, degraded: 0, maintenance: 0 },
  );
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
    maintenance: maintenance.rows,
    observed: coverageOf(coverage.rows[0], window),
  };
}

export interface ServiceUptime30d {
  /** null when the range has no probe */
  uptimePercent: number | null;
  observed: UptimeCoverage;
}

/**
 * 30-day uptime of each service (the board) and how much of the 30 days it stands on: day rollups of
 * its enabled checks (all of them when every one is paused, as on the uptime page), in one statement
 * for all the services (coverageSql). Same window as the 30d range of the uptime page.
 */
export async function servicesUptime30d(serviceIds: readonly string[], now = new Date()): Promise<Map<string, ServiceUptime30d>> {
  const window = rangeWindow("30d", now.getTime());
  const out = new Map<string, ServiceUptime30d>(serviceIds.map((id) => [id, { uptimePercent: null, observed: coverageOf(undefined, window) }]));
  if (serviceIds.length === 0) return out;
  const { rows } = await sqlPool().query<CoverageRow>(BOARD_COVERAGE_SQL, [
    serviceIds,
    window.granularity,
    new Date(window.from),
    new Date(window.end),
    bucketInterval(window),
  ]);
  for (const r of rows) out.set(r.key, { uptimePercent: uptimePercent(r), observed: coverageOf(r, window) });
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
