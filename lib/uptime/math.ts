/**
 * Uptime maths over rollup buckets. Gaps (buckets without probes) are unknown, never "up": uptime is
 * measured over observed probes only, and `coverage` says how much of the range was observed.
 * Availability counts `degraded` probes as available (the service answered, slowly or partially).
 * Probes during a maintenance window are counted apart (`maintenance`) and left out of uptime and
 * latency; a point holding only those is observed (not a gap) but has no availability.
 */
import { mergeHistograms, percentile, type Histogram } from "./histogram";

export interface Counts {
  up: number;
  down: number;
  degraded: number;
}

export interface RollupBucket extends Counts {
  /** bucket start (ms since epoch) */
  start: number;
  maintenance: number;
  histogram: Histogram;
}

export interface SeriesPoint extends Counts {
  t: number;
  maintenance: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface RangeSummary {
  /** null when the range has no probe outside maintenance */
  uptimePercent: number | null;
  /** probes outside maintenance (the ones uptime counts) */
  probes: number;
  /** probes during maintenance windows, left out of uptime and latency */
  maintenanceProbes: number;
  /** observed buckets / buckets in the range, 0–1 */
  coverage: number;
  latency: { p50: number | null; p95: number | null; p99: number | null };
  series: SeriesPoint[];
}

export function uptimePercent(c: Counts): number | null {
  const total = c.up + c.down + c.degraded;
  return total === 0 ? null : (100 * (c.up + c.degraded)) / total;
}

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/**
 * Summarise buckets of `bucketMs` over [from, to): one series point per bucket slot, gaps included
 * as points with zero counts and null percentiles.
 */
export function summarizeRange(buckets: readonly RollupBucket[], from: number, to: number, bucketMs: number): RangeSummary {
  const slots = Math.max(1, Math.ceil((to - from) / bucketMs));
  const bySlot = new Map<number, RollupBucket[]>();
  for (const b of buckets) {
    if (b.start < from || b.start >= to) continue;
    const slot = Math.floor((b.start - from) / bucketMs);
    bySlot.set(slot, [...(bySlot.get(slot) ?? []), b]);
  }
  const series: SeriesPoint[] = [];
  const total: Counts = { up: 0, down: 0, degraded: 0 };
  const all: Histogram[] = [];
  let observed = 0;
  let maintenance = 0;
  for (let slot = 0; slot < slots; slot++) {
    const list = bySlot.get(slot) ?? [];
    const c = list.reduce(
      (acc, b) => ({ up: acc.up + b.up, down: acc.down + b.down, degraded: acc.degraded + b.degraded, maintenance: acc.maintenance + b.maintenance }),
      { up: 0, down: 0, degraded: 0, maintenance: 0 },
    );
    const h = mergeHistograms(...list.map((b) => b.histogram));
    if (c.up + c.down + c.degraded + c.maintenance > 0) observed++;
    maintenance += c.maintenance;
    total.up += c.up;
    total.down += c.down;
    total.degraded += c.degraded;
    all.push(h);
    series.push({ t: from + slot * bucketMs, ...c, p50: round1(percentile(h, 50)), p95: round1(percentile(h, 95)), p99: round1(percentile(h, 99)) });
  }
  const merged = mergeHistograms(...all);
  const up = uptimePercent(total);
  return {
    uptimePercent: up === null ? null : Math.round(up * 1000) / 1000,
    probes: total.up + total.down + total.degraded,
    maintenanceProbes: maintenance,
    coverage: observed / slots,
    latency: { p50: round1(percentile(merged, 50)), p95: round1(percentile(merged, 95)), p99: round1(percentile(merged, 99)) },
    series,
  };
}
