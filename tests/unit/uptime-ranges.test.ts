import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/demo/probe-history";
import { decodeHistogram, histogramOf, PERCENTILE_RELATIVE_ERROR } from "@/lib/uptime/histogram";
import { rollupRows, type ProbeSample } from "@/lib/uptime/rollup";
import { summarizeRange, type SeriesPoint } from "@/lib/uptime/math";
import { availabilityLevel, axisTicks, formatMs, formatPercent, formatTick, formatTime, stripBars } from "@/lib/uptime/present";
import { pageRange, rangeWindow, uptimeQuerySchema } from "@/lib/uptime/ranges";

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

describe("range windows", () => {
  const now = Date.UTC(2026, 10, 26, 14, 37, 12);

  it("24h: 24 whole hours of quarter-hour points from minute rollups, up to the quarter in progress", () => {
    const w = rangeWindow("24h", now);
    expect(w.granularity).toBe("minute");
    expect(w.stepMs).toBe(15 * MIN);
    expect(new Date(w.from).toISOString()).toBe("2026-11-25T15:00:00.000Z");
    expect(new Date(w.end).toISOString()).toBe("2026-11-26T14:45:00.000Z");
    expect(new Date(w.axisEnd).toISOString()).toBe("2026-11-26T15:00:00.000Z");
    // 23 whole hours and 3 quarters of the current one: no point lies in the future
    expect((w.end - w.from) / w.stepMs).toBe(95);
    expect((w.axisEnd - w.from) / HOUR).toBe(24);
  });

  it("7d: 168 hourly points from hour rollups; 30d and 90d: UTC days from day rollups", () => {
    const w7 = rangeWindow("7d", now);
    expect([w7.granularity, (w7.end - w7.from) / w7.stepMs]).toEqual(["hour", 168]);
    expect(new Date(w7.from).toISOString()).toBe("2026-11-19T15:00:00.000Z");
    expect(w7.axisEnd).toBe(w7.end);
    const w30 = rangeWindow("30d", now);
    expect([w30.granularity, (w30.end - w30.from) / DAY]).toEqual(["day", 30]);
    expect(new Date(w30.from).toISOString()).toBe("2026-10-28T00:00:00.000Z");
    expect(new Date(w30.end).toISOString()).toBe("2026-11-27T00:00:00.000Z");
    expect((rangeWindow("90d", now).end - rangeWindow("90d", now).from) / DAY).toBe(90);
  });

  it("the API refuses an unknown range; the page falls back to 24h", () => {
    expect(uptimeQuerySchema.parse({}).range).toBe("24h");
    expect(uptimeQuerySchema.parse({ range: "90d" }).range).toBe("90d");
    expect(uptimeQuerySchema.safeParse({ range: "1y" }).success).toBe(false);
    expect(pageRange("7d")).toBe("7d");
    expect(pageRange("1y")).toBe("24h");
    expect(pageRange(["30d", "7d"])).toBe("30d");
    expect(pageRange(undefined)).toBe("24h");
  });
});

describe("presenting uptime", () => {
  it("never rounds a failure up to 100 %", () => {
    expect(formatPercent(100)).toBe("100 %");
    expect(formatPercent(99.996)).toBe("99.99 %");
    expect(formatPercent(99.95)).toBe("99.95 %");
    expect(formatPercent(96.6667)).toBe("96.66 %");
    expect(formatPercent(0)).toBe("0.00 %");
    expect(formatPercent(null)).toBe("no data");
  });

  it("latencies and UTC times", () => {
    expect(formatMs(null)).toBe("–");
    // The one value formatter (lib/format/amount.ts): 3 significant digits below 100, then whole ms.
    expect(formatMs(4.25)).toBe("4.25 ms");
    expect(formatMs(84.6)).toBe("84.6 ms");
    expect(formatMs(1234)).toBe("1,234 ms");
    const t = Date.UTC(2026, 10, 26, 9, 15);
    expect(formatTime(t, 15 * MIN)).toBe("26 Nov 2026, 09:15 UTC");
    expect(formatTime(t, DAY)).toBe("26 Nov 2026");
    expect(formatTick(t, DAY)).toBe("09:15");
    expect(formatTick(t, 7 * DAY)).toBe("26 Nov");
  });

  it("axis ticks fall on round UTC times and never repeat a day", () => {
    const at = (iso: string) => new Date(iso).getTime();
    const day = rangeWindow("24h", at("2026-11-26T14:37:00Z"));
    expect(axisTicks(day.from, day.axisEnd).map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(["15:00", "18:00", "21:00", "00:00", "03:00", "06:00", "09:00", "12:00", "15:00"]);
    const week = rangeWindow("7d", at("2026-11-26T14:37:00Z"));
    expect(axisTicks(week.from, week.axisEnd).map((t) => new Date(t).toISOString().slice(0, 13))).toEqual(
      ["20", "21", "22", "23", "24", "25", "26"].map((d) => `2026-11-${d}T00`),
    );
    const q = rangeWindow("90d", at("2026-11-26T14:37:00Z"));
    const ticks = axisTicks(q.from, q.axisEnd);
    expect(ticks.length).toBeGreaterThanOrEqual(5);
    expect(ticks.every((t) => t % (15 * DAY) === 0)).toBe(true);
  });

  it("availability levels: no probes is unknown, degraded counts as available", () => {
    expect(availabilityLevel({ up: 0, down: 0, degraded: 0 })).toBe("none");
    expect(availabilityLevel({ up: 50, down: 0, degraded: 10 })).toBe("full");
    expect(availabilityLevel({ up: 57, down: 3, degraded: 0 })).toBe("partial"); // 95 %
    expect(availabilityLevel({ up: 56, down: 4, degraded: 0 })).toBe("major"); // 93.3 %
  });

  it("strip bars: four quarter hours make one hour bar, a gap stays a gap", () => {
    const point = (t: number, up: number, down: number): SeriesPoint => ({ t, up, down, degraded: 0, maintenance: 0, p50: null, p95: null, p99: null });
    const series = [point(0, 15, 0), point(15 * MIN, 14, 1), point(30 * MIN, 15, 0), point(45 * MIN, 15, 0), point(HOUR, 0, 0), point(HOUR + 15 * MIN, 0, 0)];
    const bars = stripBars(series, HOUR);
    expect(bars).toHaveLength(2);
    expect(bars[0]).toMatchObject({ t: 0, end: HOUR, up: 59, down: 1, level: "partial" });
    expect(bars[0]!.availability).toBeCloseTo((100 * 59) / 60, 6);
    expect(bars[1]).toMatchObject({ t: HOUR, up: 0, down: 0, availability: null, level: "none" });
  });

  it("strip bars over a summarised range keep one bar per point when the step is the bar", () => {
    const s = summarizeRange([{ start: 0, up: 10, down: 0, degraded: 0, maintenance: 0, histogram: histogramOf([5]) }], 0, 3 * DAY, DAY);
    expect(stripBars(s.series, DAY).map((b) => b.level)).toEqual(["full", "none", "none"]);
  });
});

describe("percentiles through the rollup path", () => {
  it("minute rollups encoded, merged into hour points and a day: within the bound of the exact percentiles", () => {
    const rand = seededRandom("rollup-path");
    const samples: ProbeSample[] = Array.from({ length: 1440 }, (_, i) => ({
      checkId: i % 3 === 0 ? "a" : "b",
      at: new Date(i * MIN),
      outcome: "up",
      latencyMs: Math.round(30 * Math.exp(0.6 * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()))) + 1,
      httpStatus: 200,
      errorClass: null,
    }));
    const buckets = rollupRows(samples, ["minute"]).map((r) => ({ start: r.bucketStart.getTime(), up: r.up, down: r.down, degraded: r.degraded, maintenance: r.maintenance, histogram: decodeHistogram(r.latencyHist) }));
    const s = summarizeRange(buckets, 0, DAY, HOUR);
    expect(s.series).toHaveLength(24);
    expect(s.probes).toBe(1440);
    const sorted = samples.map((x) => x.latencyMs!).sort((a, b) => a - b);
    for (const p of [50, 95, 99] as const) {
      const exact = sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
      // + 0.2 % for the rounding of reported percentiles to 0.1 ms
      expect(Math.abs(s.latency[`p${p}`]! - exact) / exact, `p${p}`).toBeLessThanOrEqual(PERCENTILE_RELATIVE_ERROR + 0.002);
    }
  });
});
