/**
 * Turning probe results into rollup rows. Every batch of results is folded into one row per
 * (check, granularity, bucket) and upserted; PostgreSQL adds it to what the bucket already holds
 * (preflight_merge_hist / preflight_merge_counts, see the probe_state migration).
 */
import { addSample, encodeHistogram, type Histogram } from "./histogram";

export type Granularity = "minute" | "hour" | "day";
export const GRANULARITIES: readonly Granularity[] = ["minute", "hour", "day"];
export const GRANULARITY_MS: Record<Granularity, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export interface ProbeSample {
  checkId: string;
  at: Date;
  outcome: "up" | "down" | "degraded";
  latencyMs: number | null;
  httpStatus: number | null;
  errorClass: string | null;
  /** probed while its service had an open maintenance window: counted as maintenance only (no outcome, latency, status or error counts) */
  inMaintenance?: boolean;
}

export interface RollupRow {
  checkId: string;
  granularity: Granularity;
  bucketStart: Date;
  up: number;
  down: number;
  degraded: number;
  /** probes during a maintenance window, left out of every other figure of the row */
  maintenance: number;
  /** sparse [bucket, count, …] pairs */
  latencyHist: number[];
  latencySumMs: number;
  latencyCount: number;
  statusCounts: Record<string, number>;
  errorCounts: Record<string, number>;
}

/** Start of the UTC bucket that holds `at`. */
export function bucketStartOf(at: Date, granularity: Granularity): Date {
  const size = GRANULARITY_MS[granularity];
  return new Date(Math.floor(at.getTime() / size) * size);
}

export function rollupRows(samples: readonly ProbeSample[], granularities: readonly Granularity[] = GRANULARITIES): RollupRow[] {
  const rows = new Map<string, RollupRow & { hist: Histogram }>();
  for (const s of samples) {
    for (const g of granularities) {
      const start = bucketStartOf(s.at, g);
      const key = `${s.checkId}\u0000${g}\u0000${start.getTime()}`;
      let row = rows.get(key);
      if (!row) {
        row = { checkId: s.checkId, granularity: g, bucketStart: start, up: 0, down: 0, degraded: 0, maintenance: 0, latencyHist: [], hist: new Map(), latencySumMs: 0, latencyCount: 0, statusCounts: {}, errorCounts: {} };
        rows.set(key, row);
      }
      if (s.inMaintenance) {
        row.maintenance++;
        continue;
      }
      row[s.outcome]++;
      if (s.latencyMs !== null) {
        addSample(row.hist, s.latencyMs);
        row.latencySumMs += s.latencyMs;
        row.latencyCount++;
      }
      if (s.httpStatus !== null) row.statusCounts[s.httpStatus] = (row.statusCounts[s.httpStatus] ?? 0) + 1;
      if (s.errorClass !== null) row.errorCounts[s.errorClass] = (row.errorCounts[s.errorClass] ?? 0) + 1;
    }
  }
  return [...rows.values()].map(({ hist, ...row }) => ({ ...row, latencyHist: encodeHistogram(hist) }));
}
