import { describe, expect, it } from "vitest";
import {
  bucketIndex,
  decodeHistogram,
  encodeHistogram,
  histogramOf,
  MAX_BUCKET,
  mergeHistograms,
  percentile,
  PERCENTILE_RELATIVE_ERROR,
} from "@/lib/uptime/histogram";
import { summarizeRange, uptimePercent, type RollupBucket } from "@/lib/uptime/math";

/** Exact nearest-rank percentile, the reference the histogram is held to. */
function exactPercentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

describe("latency histogram", () => {
  it("documents a bound under 5 % relative", () => {
    expect(PERCENTILE_RELATIVE_ERROR).toBeLessThan(0.05);
  });

  it("puts samples in log-spaced buckets", () => {
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(0.9)).toBe(0);
    expect(bucketIndex(1)).toBe(1);
    expect(bucketIndex(1.09)).toBe(1);
    expect(bucketIndex(1.1)).toBe(2);
    expect(bucketIndex(10_000_000)).toBe(MAX_BUCKET);
    expect(bucketIndex(20_000_000)).toBe(MAX_BUCKET);
  });

  it("percentiles stay within the bound of the exact ones, on varied distributions", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const distributions = {
      uniform: Array.from({ length: 5000 }, () => 5 + rand() * 500),
      longTail: Array.from({ length: 5000 }, () => 20 + -Math.log(1 - rand()) * 80),
      bimodal: Array.from({ length: 5000 }, () => (rand() < 0.9 ? 30 + rand() * 10 : 1500 + rand() * 800)),
    };
    for (const [name, samples] of Object.entries(distributions)) {
      const h = histogramOf(samples);
      for (const p of [50, 90, 95, 99, 99.9]) {
        const exact = exactPercentile(samples, p);
        const approx = percentile(h, p)!;
        expect(Math.abs(approx - exact) / exact, `${name} p${p}: ${approx} vs ${exact}`).toBeLessThanOrEqual(PERCENTILE_RELATIVE_ERROR + 1e-9);
      }
    }
  });

  it("merging histograms equals the histogram of all samples, and sparse encoding round-trips", () => {
    const a = [12, 15, 300, 4, 4];
    const b = [1000, 13, 2];
    expect(mergeHistograms(histogramOf(a), histogramOf(b))).toEqual(histogramOf([...a, ...b]));
    const h = histogramOf([...a, ...b]);
    expect(decodeHistogram(encodeHistogram(h))).toEqual(h);
    expect(percentile(new Map(), 50)).toBeNull();
  });

  it("hand-computed case: p50 of 1..100 ms is in the bucket of 50 ms", () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    const p50 = percentile(histogramOf(samples), 50)!;
    // exact nearest-rank p50 = 50; its bucket is [1.1^41, 1.1^42) = [49.8, 54.8), middle 52.2
    expect(p50).toBeCloseTo(1.1 ** 41.5, 5);
    expect(Math.abs(p50 - 50) / 50).toBeLessThan(0.05);
  });
});

describe("uptime", () => {
  const hour = 3_600_000;
  const bucket = (start: number, up: number, down: number, degraded = 0, latencies: number[] = [], maintenance = 0): RollupBucket => ({
    start,
    up,
    down,
    degraded,
    maintenance,
    histogram: histogramOf(latencies),
  });

  it("counts degraded as available, and says so when there is no data", () => {
    expect(uptimePercent({ up: 98, down: 1, degraded: 1 })).toBe(99);
    expect(uptimePercent({ up: 0, down: 0, degraded: 0 })).toBeNull();
  });

  it("hand-computed: 4 hours, one hour without probes is unknown (not up)", () => {
    const from = 0;
    const to = 4 * hour;
    const s = summarizeRange([bucket(0, 60, 0, 0, [10, 20]), bucket(hour, 54, 6), bucket(3 * hour, 60, 0)], from, to, hour);
    // 174 up of 180 observed probes = 96.667 %; the gap does not count as up (it would give 97.5 %)
    expect(s.uptimePercent).toBe(96.667);
    expect(s.probes).toBe(180);
    expect(s.coverage).toBe(0.75);
    expect(s.series).toHaveLength(4);
    expect(s.series[2]).toEqual({ t: 2 * hour, up: 0, down: 0, degraded: 0, maintenance: 0, p50: null, p95: null, p99: null });
    expect(s.series[0]!.p50).toBeCloseTo(1.1 ** (Math.floor(Math.log(10) / Math.log(1.1)) + 0.5), 0);
  });

  it("a range with no data says so", () => {
    const s = summarizeRange([], 0, 24 * hour, hour);
    expect(s.uptimePercent).toBeNull();
    expect(s.coverage).toBe(0);
    expect(s.latency).toEqual({ p50: null, p95: null, p99: null });
    expect(s.series).toHaveLength(24);
  });

  it("ignores buckets outside the range and merges several checks in one slot", () => {
    const s = summarizeRange([bucket(-hour, 0, 60), bucket(0, 30, 0), bucket(0, 29, 1), bucket(2 * hour, 0, 60)], 0, 2 * hour, hour);
    expect(s.probes).toBe(60);
    expect(s.uptimePercent).toBe(98.333);
  });

  it("leaves maintenance probes out of uptime: the figure equals the one without them, and a maintenance-only hour is observed", () => {
    const without = summarizeRange([bucket(0, 60, 0, 0, [10]), bucket(hour, 57, 3, 0, [12])], 0, 3 * hour, hour);
    // the same hours, plus an hour of nothing but maintenance probes (all of them failing, none counted)
    const withMaintenance = summarizeRange([bucket(0, 60, 0, 0, [10]), bucket(hour, 57, 3, 0, [12]), bucket(2 * hour, 0, 0, 0, [], 60)], 0, 3 * hour, hour);
    expect(withMaintenance.uptimePercent).toBe(without.uptimePercent);
    expect(withMaintenance.uptimePercent).toBe(97.5);
    expect(withMaintenance.probes).toBe(120);
    expect(withMaintenance.maintenanceProbes).toBe(60);
    expect(withMaintenance.latency).toEqual(without.latency);
    expect(without.coverage).toBeCloseTo(2 / 3, 6);
    expect(withMaintenance.coverage).toBe(1);
    expect(withMaintenance.series[2]).toMatchObject({ up: 0, down: 0, degraded: 0, maintenance: 60, p50: null });
  });

  it("a range with only maintenance probes has no uptime figure", () => {
    const s = summarizeRange([bucket(0, 0, 0, 0, [], 30)], 0, hour, hour);
    expect(s.uptimePercent).toBeNull();
    expect(s.probes).toBe(0);
    expect(s.maintenanceProbes).toBe(30);
  });
});
