/**
 * The facts behind GET /api/metrics, read set-based: one statement per kind of fact for every active
 * service at once (readiness by lib/readiness/levels.ts, the board's aggregate and signals), whatever the
 * number of services. Uptime comes from the hour and day rollups, latency from the minute rollups of the
 * last five minutes (lib/uptime), recovery from RecoveryLatest, thresholds from their stored states.
 */
import type { Pool } from "pg";
import { sqlPool } from "@/lib/db";
import type { ReadinessLevel } from "@/lib/readiness/compute";
import { readinessSummaries } from "@/lib/readiness/levels";
import { NO_DATA_AFTER_SECONDS } from "@/lib/thresholds/evaluate";
import { bucketValue } from "@/lib/uptime/histogram";
import { uptimePercent, type Counts } from "@/lib/uptime/math";
import { rangeWindow } from "@/lib/uptime/ranges";
import { GRANULARITY_MS } from "@/lib/uptime/rollup";
import { componentLabels, thresholdMetricLabel } from "./labels";

/** Latency percentiles are over the minute rollups of this many minutes, the one in progress included. */
export const LATENCY_WINDOW_MINUTES = 5;

export interface ServiceFacts {
  team: string;
  service: string;
  score: number;
  ready: boolean;
  blockers: number;
  level: ReadinessLevel;
}

export interface CheckFacts {
  team: string;
  service: string;
  check: string;
  status: "unknown" | "up" | "down" | "degraded";
  /** seconds; null without a probe in the window */
  latency: { p50: number | null; p95: number | null; p99: number | null };
  /** 0..1, as the uptime API's uptimePercent (rounded alike) / 100; null without a probe in the range */
  uptime: { "24h": number | null; "30d": number | null };
  /** Unix seconds; null without a certificate seen */
  tlsExpiresAt: number | null;
}

export interface ThresholdFacts {
  team: string;
  service: string;
  metric: string;
  breached: boolean;
}

export interface RecoveryFacts {
  team: string;
  service: string;
  component: string;
  /** Unix seconds of the newest successful backup (monitors) or newest finished drill (RTO targets); null: none yet */
  at: number | null;
}

export interface MetricsFacts {
  services: ServiceFacts[];
  checks: CheckFacts[];
  thresholds: ThresholdFacts[];
  backups: RecoveryFacts[];
  drills: RecoveryFacts[];
}

/** Read at every scrape (two index lookups), not cached with the service facts. */
export interface HealthFacts {
  /** probes recorded in the last minute, per second (every process that probes) */
  probesPerSecond: number;
  /** AlertDelivery rows still pending: the alert outbox */
  alertOutbox: number;
}

interface ServiceRow {
  id: string;
  slug: string;
  team: string;
}

const SERVICES_SQL = `
SELECT s.id, s.slug, t.slug AS team
FROM "Service" s JOIN "Team" t ON t.id = s."teamId"
WHERE s."archivedAt" IS NULL AND t."archivedAt" IS NULL
ORDER BY t.slug, s.slug`;

const CHECKS_SQL = `
SELECT id, "serviceId", status::text AS status, extract(epoch FROM "tlsExpiresAt")::float8 AS "tlsExpiresAt" FROM "HealthCheck"
WHERE "serviceId" = ANY($1::text[]) AND enabled
ORDER BY "serviceId", id`;

interface CheckRow {
  id: string;
  serviceId: string;
  status: CheckFacts["status"];
  tlsExpiresAt: number | null;
}

/**
 * Probe counts per check of its hour rollups in [$2, $3) and its day rollups in [$4, $5): the 24-hour
 * range of the uptime API is whole hours (rangeWindow), so its hour rollups hold the same probes as its
 * minute rollups, at a sixtieth of the rows. `checks` picks the checks: by service ($1) or by id ($1).
 */
const countsSql = (checks: "services" | "ids") => `
SELECT r."checkId", r.granularity::text AS granularity, sum(r.up)::int AS up, sum(r.down)::int AS down, sum(r.degraded)::int AS degraded
FROM "ProbeRollup" r ${checks === "services" ? `JOIN "HealthCheck" c ON c.id = r."checkId" AND c."serviceId" = ANY($1::text[]) AND c.enabled` : ""}
WHERE ${checks === "ids" ? `r."checkId" = ANY($1::text[]) AND ` : ""}(
  (r.granularity = 'hour' AND r."bucketStart" >= $2 AND r."bucketStart" < $3) OR (r.granularity = 'day' AND r."bucketStart" >= $4 AND r."bucketStart" < $5))
GROUP BY 1, 2`;

type RangeCounts = Record<"24h" | "30d", Counts>;
const ZERO: Counts = { up: 0, down: 0, degraded: 0 };

/**
 * Uptime counts are summed in two parts: the settled buckets of each range (all but the bucket in progress
 * and the one before it, which a probe of a slow target may still land in) are kept per check until the
 * range moves (each hour for 24 h, each day for 30 d) or a check appears that they lack; only the two
 * newest buckets of each range are read at every computation. The sums are the same; the rows read per
 * computation fall from 54 per check to 4.
 */
let settled: { key: string; byCheck: Map<string, RangeCounts> } | undefined;

/** The 24 h and 30 d counts of the services' enabled checks (`checks`: their list, read meanwhile). */
async function rangeCounts(pool: Pool, serviceIds: string[], checks: Promise<CheckRow[]>, now: Date): Promise<Map<string, RangeCounts>> {
  const day = rangeWindow("24h", now.getTime());
  const month = rangeWindow("30d", now.getTime());
  const hourSplit = Math.max(day.from, (Math.floor(now.getTime() / GRANULARITY_MS.hour) - 1) * GRANULARITY_MS.hour);
  const daySplit = Math.max(month.from, (Math.floor(now.getTime() / GRANULARITY_MS.day) - 1) * GRANULARITY_MS.day);
  const key = [day.from, hourSplit, month.from, daySplit].join(" ");
  if (settled?.key !== key) settled = { key, byCheck: new Map() };
  const cache = settled;
  const at = (ms: number) => new Date(ms);
  const [checkRows, live] = await Promise.all([
    checks,
    pool.query<CountsRow>(countsSql("services"), [serviceIds, at(hourSplit), at(day.axisEnd), at(daySplit), at(month.end)]),
  ]);
  const checkIds = checkRows.map((c) => c.id);
  const missing = checkIds.filter((id) => !cache.byCheck.has(id));
  if (missing.length) {
    const old = await pool.query<CountsRow>(countsSql("ids"), [missing, at(day.from), at(hourSplit), at(month.from), at(daySplit)]);
    for (const id of missing) cache.byCheck.set(id, { "24h": ZERO, "30d": ZERO });
    for (const r of old.rows) add(cache.byCheck, r);
  }
  const out = new Map(checkIds.map((id) => [id, cache.byCheck.get(id)!]));
  for (const r of live.rows) if (out.has(r.checkId)) add(out, r);
  return out;
}

function add(into: Map<string, RangeCounts>, r: CountsRow) {
  const range = r.granularity === "hour" ? "24h" : "30d";
  const was = into.get(r.checkId) ?? { "24h": ZERO, "30d": ZERO };
  into.set(r.checkId, { ...was, [range]: { up: was[range].up + r.up, down: was[range].down + r.down, degraded: was[range].degraded + r.degraded } });
}

interface CountsRow extends Counts {
  checkId: string;
  granularity: "hour" | "day";
}

/**
 * Per enabled check, the histogram bucket of its p50, p95 and p99 over the minute rollups since $2: the
 * rollups' sparse [bucket, count, …] histograms summed per bucket, then the nearest rank found on the
 * running count, as `percentile` in lib/uptime/histogram.ts does it (ranks in float8, as JavaScript
 * computes them). Only bucket numbers leave the database.
 */
const LATENCY_SQL = `
WITH b AS (
  SELECT r."checkId", r."latencyHist"[2 * k - 1] AS idx, sum(r."latencyHist"[2 * k])::bigint AS cnt
  FROM "ProbeRollup" r
  JOIN "HealthCheck" c ON c.id = r."checkId" AND c."serviceId" = ANY($1::text[]) AND c.enabled,
  generate_series(1, cardinality(r."latencyHist") / 2) AS k
  WHERE r.granularity = 'minute' AND r."bucketStart" >= $2
  GROUP BY 1, 2
),
cum AS (
  SELECT "checkId", idx, sum(cnt) OVER (PARTITION BY "checkId" ORDER BY idx) AS seen, sum(cnt) OVER (PARTITION BY "checkId") AS total FROM b
)
SELECT "checkId",
  min(idx) FILTER (WHERE seen >= greatest(1, ceil((50::float8 / 100) * total))) AS p50,
  min(idx) FILTER (WHERE seen >= greatest(1, ceil((95::float8 / 100) * total))) AS p95,
  min(idx) FILTER (WHERE seen >= greatest(1, ceil((99::float8 / 100) * total))) AS p99
FROM cum GROUP BY 1`;

interface LatencyRow {
  checkId: string;
  p50: number;
  p95: number;
  p99: number;
}

/** Breached as thresholdStates (lib/thresholds/store.ts) counts it: a stored breach whose newest sample is not too old. */
const THRESHOLDS_SQL = `
SELECT id, "serviceId", metric,
  (status = 'breached' AND "valueAt" IS NOT NULL AND "valueAt" > $2::timestamptz - make_interval(secs => $3)) AS breached
FROM "MetricThreshold" WHERE "serviceId" = ANY($1::text[])
ORDER BY "serviceId", metric`;

/** Per backup monitor or RTO target: one time of its RecoveryLatest row (`kind`). */
const recoverySql = (table: "BackupMonitor" | "RtoTarget", kind: "backup" | "drill", column: "okFinishedAt" | "lastFinishedAt") => `
SELECT x.id, x."serviceId", x.component, extract(epoch FROM l."${column}")::float8 AS at
FROM "${table}" x
LEFT JOIN "RecoveryLatest" l ON l."serviceId" = x."serviceId" AND l.component = x.component AND l.kind = '${kind}'
WHERE x."serviceId" = ANY($1::text[])
ORDER BY x."serviceId", x.component`;

/** Newest successful backup per monitor; newest finished drill, whatever its outcome, per RTO target. */
const BACKUPS_SQL = recoverySql("BackupMonitor", "backup", "okFinishedAt");
const DRILLS_SQL = recoverySql("RtoTarget", "drill", "lastFinishedAt");

const HEALTH_SQL = `
SELECT (SELECT count(*)::int FROM "ProbeResult" WHERE at > $1::timestamptz - interval '1 minute' AND at <= $1::timestamptz) AS "lastMinute",
       (SELECT count(*)::int FROM "AlertDelivery" WHERE status = 'pending') AS outbox`;

interface RecoveryRow {
  id: string;
  serviceId: string;
  component: string;
  at: number | null;
}

/** The uptime API's figure (rounded to 3 decimals of a percent, lib/uptime/math.ts) as a ratio. */
function ratio(counts: Counts): number | null {
  const pct = uptimePercent(counts);
  return pct === null ? null : Math.round(pct * 1000) / 1000 / 100;
}

/** A percentile's bucket as the value `percentile` reports (its geometric middle), in seconds. */
const bucketSeconds = (bucket: number | undefined) => (bucket === undefined ? null : bucketValue(bucket) / 1000);

function recoveryFacts(rows: RecoveryRow[], services: Map<string, ServiceRow>): RecoveryFacts[] {
  const byService = new Map<string, RecoveryRow[]>();
  for (const r of rows) byService.set(r.serviceId, [...(byService.get(r.serviceId) ?? []), r]);
  const out: RecoveryFacts[] = [];
  for (const [serviceId, list] of byService) {
    const labels = componentLabels(list);
    const s = services.get(serviceId)!;
    for (const r of list) out.push({ team: s.team, service: s.slug, component: labels.get(r.id)!, at: r.at });
  }
  return out;
}

async function checksAndCounts(pool: Pool, serviceIds: string[], now: Date) {
  const checks = pool.query<CheckRow>(CHECKS_SQL, [serviceIds]).then((r) => r.rows);
  return Promise.all([checks, rangeCounts(pool, serviceIds, checks, now)]);
}

export async function loadMetricsFacts(now: Date = new Date()): Promise<MetricsFacts> {
  const pool = sqlPool();
  const { rows: serviceRows } = await pool.query<ServiceRow>(SERVICES_SQL);
  const ids = serviceRows.map((s) => s.id);
  const services = new Map(serviceRows.map((s) => [s.id, s]));
  const latencyFrom = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - (LATENCY_WINDOW_MINUTES - 1) * 60_000);

  const [readiness, [checks, counts], latency, thresholds, backups, drills] = await Promise.all([
    readinessSummaries(ids, now),
    checksAndCounts(pool, ids, now),
    pool.query<LatencyRow>(LATENCY_SQL, [ids, latencyFrom]),
    pool.query<{ id: string; serviceId: string; metric: string; breached: boolean }>(THRESHOLDS_SQL, [ids, now, NO_DATA_AFTER_SECONDS]),
    pool.query<RecoveryRow>(BACKUPS_SQL, [ids]),
    pool.query<RecoveryRow>(DRILLS_SQL, [ids]),
  ]);

  const latencies = new Map(latency.rows.map((r) => [r.checkId, r]));

  return {
    services: serviceRows.map((s) => {
      const r = readiness.get(s.id)!;
      return { team: s.team, service: s.slug, score: r.score, ready: r.ready, blockers: r.blockerCount, level: r.level };
    }),
    checks: checks.map((c) => {
      const s = services.get(c.serviceId)!;
      const l = latencies.get(c.id);
      return {
        team: s.team,
        service: s.slug,
        check: c.id,
        status: c.status,
        latency: { p50: bucketSeconds(l?.p50), p95: bucketSeconds(l?.p95), p99: bucketSeconds(l?.p99) },
        uptime: { "24h": ratio(counts.get(c.id)!["24h"]), "30d": ratio(counts.get(c.id)!["30d"]) },
        tlsExpiresAt: c.tlsExpiresAt,
      };
    }),
    thresholds: thresholds.rows.map((t) => {
      const s = services.get(t.serviceId)!;
      return { team: s.team, service: s.slug, metric: thresholdMetricLabel(t.metric, t.id), breached: t.breached };
    }),
    backups: recoveryFacts(backups.rows, services),
    drills: recoveryFacts(drills.rows, services),
  };
}

export async function loadHealthFacts(now: Date = new Date()): Promise<HealthFacts> {
  const { rows } = await sqlPool().query<{ lastMinute: number; outbox: number }>(HEALTH_SQL, [now]);
  return { probesPerSecond: rows[0]!.lastMinute / 60, alertOutbox: rows[0]!.outbox };
}
