/**
 * Threshold states in PostgreSQL. Evaluation runs in batches: one statement summarises the samples of
 * any number of thresholds (bounded to each one's lookback window, on the (serviceId, metric, at)
 * index), one derives the probe metrics from ProbeResult rows, and `decide` in evaluate.ts turns each
 * summary into a state. States are stored on MetricThreshold, so the board and readiness read them
 * without touching samples.
 */
import { insertAlertEvents } from "@/lib/alerts/store";
import { thresholdAlerts, type StoredThresholdState } from "@/lib/alerts/thresholds";
import { markApprovalStale } from "@/lib/reviews/store";
import { sqlPool } from "@/lib/db";
import { inTransaction } from "@/lib/db/transaction";
import type { MetricSource, Severity } from "@/lib/generated/prisma/enums";
import type { ThresholdDefault } from "./defaults";
import {
  NO_DATA_AFTER_SECONDS,
  carryOver,
  decide,
  decideProbe,
  lookbackSeconds,
  probeWindowSeconds,
  type Evaluation,
  type ProbeSummary,
  type SeriesSummary,
  type StoredState,
  type ThresholdState,
} from "./evaluate";
import { baseFactor } from "./units";

/** Metrics Preflight derives from its own probes, with the unit it computes them in. */
export const PROBE_METRICS = { latency_p95_ms: "ms", error_rate_percent: "%" } as const;
export type ProbeMetric = keyof typeof PROBE_METRICS;

export function isProbeMetric(metric: string): metric is ProbeMetric {
  return Object.hasOwn(PROBE_METRICS, metric);
}

/** A threshold: its rule and its stored state. */
export interface ThresholdRow extends ThresholdDefault {
  id: string;
  serviceId: string;
  scrapeSeries: string | null;
  createdAt: Date;
  status: ThresholdState;
  value: number | null;
  valueAt: Date | null;
  since: Date | null;
  evaluatedAt: Date | null;
}

const COLUMNS = `id, "serviceId", metric, label, unit, comparator::text AS comparator, "limit", "sustainedSeconds",
  severity::text AS severity, action, source::text AS source, "scrapeSeries", "createdAt",
  replace(status::text, '_', '-') AS status, value, "valueAt", since, "evaluatedAt"`;

const ORDER = `ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, label, id`;

/** Probe-derived thresholds read ProbeResult rows; every other threshold reads MetricSample rows. */
function readsProbes(t: Pick<ThresholdRow, "source" | "metric">): boolean {
  return t.source === "probe" && isProbeMetric(t.metric);
}

export async function loadThresholds(scope: { serviceIds?: string[]; ids?: string[] } = {}): Promise<ThresholdRow[]> {
  const where = scope.ids ? `WHERE id = ANY($1)` : scope.serviceIds ? `WHERE "serviceId" = ANY($1)` : "";
  const params = scope.ids ? [scope.ids] : scope.serviceIds ? [scope.serviceIds] : [];
  const { rows } = await sqlPool().query<ThresholdRow>(`SELECT ${COLUMNS} FROM "MetricThreshold" ${where} ${ORDER}`, params);
  return rows;
}

/**
 * The `SeriesSummary` of `summarise` (evaluate.ts), in SQL: samples of each threshold's metric within
 * its lookback, one point per instant (the worst value), the newest point, and the first point of the
 * breaching run that ends at it (after the last point that does not breach and not before a gap longer
 * than NO_DATA_AFTER_SECONDS). Values and limits are in base units.
 */
const SERIES_SUMMARY_SQL = `
WITH t AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::int[])
    AS t(id, service_id, metric, comparator, lim, lookback)
),
pts AS (
  SELECT t.id, ms.at,
         CASE WHEN t.comparator IN ('gt', 'gte') THEN max(ms.value) ELSE min(ms.value) END AS value
  FROM t
  JOIN "MetricSample" ms ON ms."serviceId" = t.service_id AND ms.metric = t.metric
   AND ms.at > $7::timestamptz - make_interval(secs => t.lookback) AND ms.at <= $7::timestamptz
  WHERE ms.value NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)
  GROUP BY t.id, t.comparator, ms.at
),
flagged AS (
  SELECT p.id, p.at, p.value,
         CASE t.comparator WHEN 'gt' THEN p.value > t.lim WHEN 'gte' THEN p.value >= t.lim
                           WHEN 'lt' THEN p.value < t.lim ELSE p.value <= t.lim END AS breach,
         p.at - lag(p.at) OVER (PARTITION BY p.id ORDER BY p.at) AS gap
  FROM pts p JOIN t ON t.id = p.id
),
marks AS (
  SELECT id, max(at) AS latest_at,
         max(at) FILTER (WHERE NOT breach) AS last_ok_at,
         max(at) FILTER (WHERE breach AND gap > make_interval(secs => $8)) AS last_gap_at
  FROM flagged GROUP BY id
)
SELECT f.id,
       m.latest_at AS "latestAt",
       max(f.value) FILTER (WHERE f.at = m.latest_at) AS "latestValue",
       min(f.at) FILTER (WHERE f.breach AND f.at > coalesce(m.last_ok_at, '-infinity')
                                        AND f.at >= coalesce(m.last_gap_at, '-infinity')) AS "runStart"
FROM flagged f JOIN marks m ON m.id = f.id
GROUP BY f.id, m.latest_at`;

/**
 * Probe metrics per threshold over its window, from the probe results of the service's enabled
 * checks: p95 latency (percentile_cont over results with a latency) or error rate (down / all × 100),
 * plus the first probe that breached on its own. In base units (ms, %).
 */
const PROBE_SUMMARY_SQL = `
WITH t AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::int[])
    AS t(id, service_id, metric, comparator, lim, win)
),
r AS (
  SELECT t.id, t.metric, t.comparator, t.lim, pr.at, pr."latencyMs" AS latency,
         CASE WHEN pr.outcome = 'down' THEN 100.0 ELSE 0.0 END AS error,
         CASE WHEN t.metric = 'latency_p95_ms' THEN pr."latencyMs"::float8
              ELSE CASE WHEN pr.outcome = 'down' THEN 100.0 ELSE 0.0 END END AS own
  FROM t
  JOIN "HealthCheck" c ON c."serviceId" = t.service_id AND c.enabled
  JOIN "ProbeResult" pr ON pr."checkId" = c.id
   AND pr.at > $7::timestamptz - make_interval(secs => t.win) AND pr.at <= $7::timestamptz
)
SELECT id,
       max(at) AS "latestAt",
       CASE WHEN metric = 'latency_p95_ms' THEN percentile_cont(0.95) WITHIN GROUP (ORDER BY latency)
            ELSE avg(error) END AS value,
       min(at) FILTER (WHERE CASE comparator WHEN 'gt' THEN own > lim WHEN 'gte' THEN own >= lim
                                             WHEN 'lt' THEN own < lim ELSE own <= lim END) AS "firstBreachAt"
FROM r GROUP BY id, metric`;

type BaseSummary = { latestAt: Date | null; latestValue: number | null; runStart: Date | null };
type BaseProbeSummary = { latestAt: Date | null; value: number | null; firstBreachAt: Date | null };

function thresholdArrays(list: ThresholdRow[], window: (t: ThresholdRow) => number) {
  return [
    list.map((t) => t.id),
    list.map((t) => t.serviceId),
    list.map((t) => t.metric),
    list.map((t) => t.comparator),
    list.map((t) => t.limit * baseFactor(t.unit)),
    list.map(window),
  ];
}

export async function seriesSummaries(list: ThresholdRow[], now: Date): Promise<Map<string, SeriesSummary>> {
  if (list.length === 0) return new Map();
  const { rows } = await sqlPool().query<BaseSummary & { id: string }>(SERIES_SUMMARY_SQL, [
    ...thresholdArrays(list, (t) => lookbackSeconds(t)),
    now,
    NO_DATA_AFTER_SECONDS,
  ]);
  const unitOf = new Map(list.map((t) => [t.id, t.unit]));
  return new Map(
    rows.map(({ id, latestValue, ...r }) => [id, { ...r, latestValue: latestValue === null ? null : latestValue / baseFactor(unitOf.get(id)!) }]),
  );
}

export async function probeSummaries(list: ThresholdRow[], now: Date): Promise<Map<string, ProbeSummary>> {
  if (list.length === 0) return new Map();
  const { rows } = await sqlPool().query<BaseProbeSummary & { id: string }>(PROBE_SUMMARY_SQL, [
    ...thresholdArrays(list, (t) => probeWindowSeconds(t)),
    now,
  ]);
  const unitOf = new Map(list.map((t) => [t.id, t.unit]));
  return new Map(rows.map(({ id, value, ...r }) => [id, { ...r, value: value === null ? null : Number(value) / baseFactor(unitOf.get(id)!) }]));
}

const NO_DATA: Evaluation = { status: "no-data", value: null, valueAt: null, since: null };

/**
 * Evaluate thresholds now and store their states: those of some services, some thresholds, or all.
 * Returns the thresholds with their new states.
 *
 * The samples are summarised first, outside any transaction; then one short transaction locks the
 * thresholds' rows (in id order, so overlapping evaluations never deadlock), reads the states stored
 * before, stores the new ones and writes the alert events of the changes between the two
 * (lib/alerts/thresholds.ts). Two evaluations at once (the background round and a page render, two
 * instances) take turns on the rows, and the second sees the first's states: a change makes one event.
 * An evaluation older than the one stored (it waited for the lock while a newer one wrote) stores
 * nothing for that threshold and returns the newer state, so a late evaluation never undoes a newer one.
 */
export async function refreshThresholds(scope: { serviceIds?: string[]; ids?: string[] } = {}, now = new Date()): Promise<ThresholdRow[]> {
  const list = await loadThresholds(scope);
  if (list.length === 0) return [];
  const probes = list.filter(readsProbes);
  const series = list.filter((t) => !readsProbes(t));
  const [fromSeries, fromProbes] = await Promise.all([seriesSummaries(series, now), probeSummaries(probes, now)]);
  const decided = list.map((t) => ({
    t,
    next: readsProbes(t)
      ? decideProbe(fromProbes.get(t.id) ?? { latestAt: null, value: null, firstBreachAt: null }, t)
      : fromSeries.has(t.id)
        ? decide(fromSeries.get(t.id)!, t, now)
        : NO_DATA,
  }));
  return inTransaction(sqlPool(), async (client) => {
    const { rows: stored } = await client.query<StoredState & StoredThresholdState & { id: string; value: number | null; valueAt: Date | null }>(
      `SELECT id, replace(status::text, '_', '-') AS status, since, "evaluatedAt", "alertedBreachSince", value, "valueAt"
         FROM "MetricThreshold" WHERE id = ANY($1) ORDER BY id FOR UPDATE`,
      [list.map((t) => t.id)],
    );
    const before = new Map(stored.map((s) => [s.id, s]));
    // a threshold deleted since it was loaded is gone: nothing to store or raise
    const current = decided.filter(({ t }) => before.has(t.id));
    const isNewer = ({ t }: (typeof current)[number]) => (before.get(t.id)!.evaluatedAt?.getTime() ?? -Infinity) > now.getTime();
    const superseded = current.filter(isNewer).map(({ t }) => {
      const { status, value, valueAt, since, evaluatedAt } = before.get(t.id)!;
      return { ...t, status, value, valueAt, since, evaluatedAt };
    });
    const evaluated = current
      .filter((d) => !isNewer(d))
      .map(({ t, next }) => ({ ...t, ...carryOver(before.get(t.id)!, next), evaluatedAt: now }));
    const { events, alertedBreachSince } = thresholdAlerts(before, evaluated, now);
    await client.query(
      `UPDATE "MetricThreshold" m
       SET status = replace(u.status, '-', '_')::"ThresholdStatus", value = u.value, "valueAt" = u.value_at, since = u.since,
           "alertedBreachSince" = u.alerted, "evaluatedAt" = $7
       FROM unnest($1::text[], $2::text[], $3::float8[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[]) AS u(id, status, value, value_at, since, alerted)
       WHERE m.id = u.id`,
      [
        evaluated.map((t) => t.id),
        evaluated.map((t) => t.status),
        evaluated.map((t) => t.value),
        evaluated.map((t) => t.valueAt),
        evaluated.map((t) => t.since),
        evaluated.map((t) => alertedBreachSince.get(t.id) ?? null),
        now,
      ],
    );
    await insertAlertEvents(client, events);
    // A critical threshold breaching makes the current approval stale, in this transaction (lib/reviews/store.ts).
    for (const e of events) {
      if (e.type === "threshold.breached" && e.details.severity === "critical") {
        await markApprovalStale(client, e.serviceId!, `critical threshold “${e.details.label}” breached`, now);
      }
    }
    const order = new Map(list.map((t, i) => [t.id, i]));
    return [...evaluated, ...superseded].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  });
}

/** The sparkline's span and resolution: the last hour in 30 buckets of 2 min. */
export const HISTORY_MINUTES = 60;
export const HISTORY_POINTS = 30;
export const HISTORY_BUCKET_SECONDS = Math.max(1, Math.round((HISTORY_MINUTES * 60) / HISTORY_POINTS));

export interface SparkPoint {
  at: Date;
  value: number;
}

/**
 * Recent values of each threshold for its sparkline: `points` buckets over the last `minutes`, each the
 * worst sample of the bucket (probe metrics: the bucket's p95 or error rate), in the threshold's unit.
 */
export async function thresholdHistory(list: ThresholdRow[], now: Date, { minutes = HISTORY_MINUTES, points = HISTORY_POINTS } = {}): Promise<Map<string, SparkPoint[]>> {
  const out = new Map<string, SparkPoint[]>(list.map((t) => [t.id, []]));
  if (list.length === 0) return out;
  const bucketSeconds = Math.max(1, Math.round((minutes * 60) / points));
  const from = new Date(now.getTime() - minutes * 60_000);
  const series = list.filter((t) => !readsProbes(t));
  const probes = list.filter(readsProbes);
  const [a, b] = await Promise.all([
    series.length
      ? sqlPool().query<{ id: string; at: Date; value: number }>(
          `SELECT t.id, date_bin(make_interval(secs => $5), ms.at, $3::timestamptz) AS at,
                  CASE WHEN t.worst_max THEN max(ms.value) ELSE min(ms.value) END AS value
           FROM unnest($1::text[], $2::text[], $6::text[], $7::bool[]) AS t(id, service_id, metric, worst_max)
           JOIN "MetricSample" ms ON ms."serviceId" = t.service_id AND ms.metric = t.metric AND ms.at > $3 AND ms.at <= $4
           GROUP BY t.id, t.worst_max, 2 ORDER BY t.id, 2`,
          [series.map((t) => t.id), series.map((t) => t.serviceId), from, now, bucketSeconds, series.map((t) => t.metric), series.map((t) => t.comparator === "gt" || t.comparator === "gte")],
        )
      : { rows: [] },
    probes.length
      ? sqlPool().query<{ id: string; at: Date; value: number }>(
          `SELECT t.id, date_bin(make_interval(secs => $5), pr.at, $3::timestamptz) AS at,
                  CASE WHEN t.metric = 'latency_p95_ms' THEN percentile_cont(0.95) WITHIN GROUP (ORDER BY pr."latencyMs")
                       ELSE 100.0 * count(*) FILTER (WHERE pr.outcome = 'down') / count(*) END AS value
           FROM unnest($1::text[], $2::text[], $6::text[]) AS t(id, service_id, metric)
           JOIN "HealthCheck" c ON c."serviceId" = t.service_id AND c.enabled
           JOIN "ProbeResult" pr ON pr."checkId" = c.id AND pr.at > $3 AND pr.at <= $4
           GROUP BY t.id, t.metric, 2 ORDER BY t.id, 2`,
          [probes.map((t) => t.id), probes.map((t) => t.serviceId), from, now, bucketSeconds, probes.map((t) => t.metric)],
        )
      : { rows: [] },
  ]);
  const unitOf = new Map(list.map((t) => [t.id, t.unit]));
  for (const r of [...a.rows, ...b.rows]) {
    if (r.value === null) continue;
    out.get(r.id)!.push({ at: r.at, value: Number(r.value) / baseFactor(unitOf.get(r.id)!) });
  }
  return out;
}

export interface ThresholdSummary {
  total: number;
  breached: number;
  /** over the limit, not yet for their window (not blockers) */
  pending: number;
  noData: number;
  /** the breached thresholds (few), for readiness blockers */
  breaches: { label: string; severity: Severity; status: "breached"; value: number | null; unit: string; limit: number }[];
}

/**
 * Stored states of the services' thresholds, summed up per service in PostgreSQL: one row per service
 * (not per threshold), so a board of 1,000 services stays cheap. A stored state whose newest sample is
 * `NO_DATA_AFTER_SECONDS` old or older counts as no data (nothing re-evaluated it since).
 */
export async function thresholdStates(serviceIds: string[], now = new Date()): Promise<Map<string, ThresholdSummary>> {
  if (serviceIds.length === 0) return new Map();
  const { rows } = await sqlPool().query<ThresholdSummary & { serviceId: string }>(
    `SELECT "serviceId",
            count(*)::int AS total,
            count(*) FILTER (WHERE state = 'breached')::int AS breached,
            count(*) FILTER (WHERE state = 'pending')::int AS pending,
            count(*) FILTER (WHERE state = 'no_data')::int AS "noData",
            coalesce(json_agg(json_build_object('label', label, 'severity', severity, 'status', 'breached', 'value', value, 'unit', unit, 'limit', "limit")
                              ORDER BY label) FILTER (WHERE state = 'breached'), '[]') AS breaches
     FROM (SELECT "serviceId", label, severity, value, unit, "limit",
                  CASE WHEN status <> 'no_data' AND ("valueAt" IS NULL OR "valueAt" <= $2::timestamptz - make_interval(secs => $3))
                       THEN 'no_data' ELSE status::text END AS state
           FROM "MetricThreshold" WHERE "serviceId" = ANY($1)) t
     GROUP BY "serviceId"`,
    [serviceIds, now, NO_DATA_AFTER_SECONDS],
  );
  return new Map(rows.map(({ serviceId, ...summary }) => [serviceId, summary]));
}

export interface NewSample {
  metric: string;
  /** in the base unit (see units.ts) */
  value: number;
  at: Date;
  known: boolean;
}

/** One statement for the whole batch. */
export async function insertSamples(serviceId: string, source: MetricSource, samples: readonly NewSample[]): Promise<void> {
  if (samples.length === 0) return;
  await sqlPool().query(
    `INSERT INTO "MetricSample" ("serviceId", metric, value, at, source, known)
     SELECT $1, s.metric, s.value, s.at, $2::"MetricSource", s.known
     FROM unnest($3::text[], $4::float8[], $5::timestamptz[], $6::bool[]) AS s(metric, value, at, known)`,
    [serviceId, source, samples.map((s) => s.metric), samples.map((s) => s.value), samples.map((s) => s.at), samples.map((s) => s.known)],
  );
}

/** Metric names received without a threshold that reads them, over the last day (newest first). */
export async function unknownMetrics(serviceId: string, now = new Date()) {
  const { rows } = await sqlPool().query<{ metric: string; samples: number; lastAt: Date }>(
    `SELECT metric, count(*)::int AS samples, max(at) AS "lastAt"
     FROM "MetricSample" WHERE "serviceId" = $1 AND NOT known AND at > $2::timestamptz - interval '1 day'
     GROUP BY metric ORDER BY max(at) DESC LIMIT 50`,
    [serviceId, now],
  );
  return rows;
}
