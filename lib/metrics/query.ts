/**
 * The facts behind GET /api/metrics, read set-based: one statement per kind of fact for every active
 * service at once (readiness by lib/readiness/levels.ts, the board's aggregate and signals), whatever the
 * number of services. Uptime comes from the hour and day rollups, latency from the minute rollups of the
 * last five minutes (lib/uptime), recovery from RecoveryLatest, thresholds from their stored states.
 */
import { sqlPool } from "@/lib/db";
import type { ReadinessLevel } from "@/lib/readiness/compute";
import { readinessSummaries } from "@/lib/readiness/levels";
import { NO_DATA_AFTER_SECONDS } from "@/lib/thresholds/evaluate";
import { decodeHistogram, mergeHistograms, percentile, type Histogram } from "@/lib/uptime/histogram";
import { uptimePercent } from "@/lib/uptime/math";
import { rangeWindow } from "@/lib/uptime/ranges";
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
  tlsExpiresAt: Date | null;
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
  /** newest successful backup (monitors) or newest finished drill (RTO targets); null: none yet */
  at: Date | null;
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

/** Counts of one check's rollups of one granularity in [$from, $to), per check, beside the check itself. */
const rollupCounts = (alias: string, granularity: string, from: string, to: string) => `
${alias} AS (
  SELECT r."checkId", sum(r.up)::int AS up, sum(r.down)::int AS down, sum(r.degraded)::int AS degraded
  FROM "ProbeRollup" r JOIN c ON c.id = r."checkId"
  WHERE r.granularity = '${granularity}' AND r."bucketStart" >= ${from} AND r."bucketStart" < ${to}
  GROUP BY 1
)`;

/**
 * Enabled checks of the services with their 24-hour and 30-day counts. The 24-hour range of the uptime
 * API is whole hours (rangeWindow), so its hour rollups hold the same probes as its minute rollups at a
 * sixtieth of the rows.
 */
const CHECKS_SQL = `
WITH c AS (SELECT id, "serviceId", status::text AS status, "tlsExpiresAt" FROM "HealthCheck" WHERE "serviceId" = ANY($1::text[]) AND enabled),
${rollupCounts("d", "hour", "$2", "$3")},
${rollupCounts("m", "day", "$4", "$5")}
SELECT c.id, c."serviceId", c.status, c."tlsExpiresAt",
  d.up AS "dUp", d.down AS "dDown", d.degraded AS "dDegraded", m.up AS "mUp", m.down AS "mDown", m.degraded AS "mDegraded"
FROM c LEFT JOIN d ON d."checkId" = c.id LEFT JOIN m ON m."checkId" = c.id
ORDER BY c."serviceId", c.id`;

interface CheckRow {
  id: string;
  serviceId: string;
  status: CheckFacts["status"];
  tlsExpiresAt: Date | null;
  dUp: number | null;
  dDown: number | null;
  dDegraded: number | null;
  mUp: number | null;
  mDown: number | null;
  mDegraded: number | null;
}

const LATENCY_SQL = `
SELECT r."checkId", r."latencyHist" AS hist
FROM "ProbeRollup" r JOIN "HealthCheck" c ON c.id = r."checkId"
WHERE c."serviceId" = ANY($1::text[]) AND c.enabled AND r.granularity = 'minute' AND r."bucketStart" >= $2 AND cardinality(r."latencyHist") > 0`;

/** Breached as thresholdStates (lib/thresholds/store.ts) counts it: a stored breach whose newest sample is not too old. */
const THRESHOLDS_SQL = `
SELECT id, "serviceId", metric,
  (status = 'breached' AND "valueAt" IS NOT NULL AND "valueAt" > $2::timestamptz - make_interval(secs => $3)) AS breached
FROM "MetricThreshold" WHERE "serviceId" = ANY($1::text[])
ORDER BY "serviceId", metric`;

/** Per backup monitor or RTO target: one time of its RecoveryLatest row (`kind`). */
const recoverySql = (table: "BackupMonitor" | "RtoTarget", kind: "backup" | "drill", column: "okFinishedAt" | "lastFinishedAt") => `
SELECT x.id, x."serviceId", x.component, l."${column}" AS at
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
  at: Date | null;
}

/** The uptime API's figure (rounded to 3 decimals of a percent, lib/uptime/math.ts) as a ratio. */
function ratio(up: number | null, down: number | null, degraded: number | null): number | null {
  const pct = uptimePercent({ up: up ?? 0, down: down ?? 0, degraded: degraded ?? 0 });
  return pct === null ? null : Math.round(pct * 1000) / 1000 / 100;
}

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

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

export async function loadMetricsFacts(now: Date = new Date()): Promise<MetricsFacts> {
  const pool = sqlPool();
  const { rows: serviceRows } = await pool.query<ServiceRow>(SERVICES_SQL);
  const ids = serviceRows.map((s) => s.id);
  const services = new Map(serviceRows.map((s) => [s.id, s]));
  const day = rangeWindow("24h", now.getTime());
  const month = rangeWindow("30d", now.getTime());
  const latencyFrom = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - (LATENCY_WINDOW_MINUTES - 1) * 60_000);

  const [readiness, checks, latency, thresholds, backups, drills] = await Promise.all([
    readinessSummaries(ids, now),
    pool.query<CheckRow>(CHECKS_SQL, [ids, new Date(day.from), new Date(day.axisEnd), new Date(month.from), new Date(month.end)]),
    pool.query<{ checkId: string; hist: number[] }>(LATENCY_SQL, [ids, latencyFrom]),
    pool.query<{ id: string; serviceId: string; metric: string; breached: boolean }>(THRESHOLDS_SQL, [ids, now, NO_DATA_AFTER_SECONDS]),
    pool.query<RecoveryRow>(BACKUPS_SQL, [ids]),
    pool.query<RecoveryRow>(DRILLS_SQL, [ids]),
  ]);

  const histograms = new Map<string, Histogram>();
  for (const r of latency.rows) histograms.set(r.checkId, mergeHistograms(histograms.get(r.checkId) ?? new Map(), decodeHistogram(r.hist)));

  return {
    services: serviceRows.map((s) => {
      const r = readiness.get(s.id)!;
      return { team: s.team, service: s.slug, score: r.score, ready: r.ready, blockers: r.blockerCount, level: r.level };
    }),
    checks: checks.rows.map((c) => {
      const s = services.get(c.serviceId)!;
      const h = histograms.get(c.id) ?? new Map<number, number>();
      return {
        team: s.team,
        service: s.slug,
        check: c.id,
        status: c.status,
        latency: { p50: seconds(percentile(h, 50)), p95: seconds(percentile(h, 95)), p99: seconds(percentile(h, 99)) },
        uptime: { "24h": ratio(c.dUp, c.dDown, c.dDegraded), "30d": ratio(c.mUp, c.mDown, c.mDegraded) },
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
