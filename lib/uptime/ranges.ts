/**
 * The time ranges of the uptime page and API, and which rollups answer each one. Pure: no database.
 *
 * | range | rollups read | one point per | strip bars | points |
 * | --- | --- | --- | --- | --- |
 * | 24h | minute | 15 minutes | 24 hours | 93–96 |
 * | 7d  | hour   | hour       | 168 hours | 168 |
 * | 30d | day    | day (UTC)  | 30 days  | 30 |
 * | 90d | day    | day (UTC)  | 90 days  | 90 |
 *
 * Each range is read from the finest rollup its retention still covers (minute rollups live 2 days,
 * hour rollups 100 days, day rollups 400 days), so the answer never depends on raw results.
 * A range is whole strip bars aligned to UTC (hours, or midnights), the last one in progress; points
 * run up to the one in progress, never into the future (so "24h" has 93 to 96 quarter hours).
 */
import { z } from "zod";
import { GRANULARITY_MS, type Granularity } from "./rollup";

export const UPTIME_RANGES = ["24h", "7d", "30d", "90d"] as const;
export type UptimeRange = (typeof UPTIME_RANGES)[number];
export const DEFAULT_UPTIME_RANGE: UptimeRange = "24h";

/** How long the probe engine keeps each rollup granularity (days). Raw results: PROBE_RAW_RETENTION_DAYS. */
export const ROLLUP_RETENTION_DAYS: Record<Granularity, number> = { minute: 2, hour: 100, day: 400 };

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface RangeSpec {
  granularity: Granularity;
  stepMs: number;
  /** one bar of the availability strip covers this much (hours, or days for the long ranges) */
  stripMs: number;
  bars: number;
  label: string;
}

export const RANGE_SPECS: Record<UptimeRange, RangeSpec> = {
  "24h": { granularity: "minute", stepMs: 15 * MINUTE, stripMs: HOUR, bars: 24, label: "24 hours" },
  "7d": { granularity: "hour", stepMs: HOUR, stripMs: HOUR, bars: 168, label: "7 days" },
  "30d": { granularity: "day", stepMs: DAY, stripMs: DAY, bars: 30, label: "30 days" },
  "90d": { granularity: "day", stepMs: DAY, stripMs: DAY, bars: 90, label: "90 days" },
};

export interface RangeWindow {
  range: UptimeRange;
  granularity: Granularity;
  stepMs: number;
  /** start of the first point and strip bar (ms) */
  from: number;
  /** end of the point in progress (ms): at or after `now` */
  end: number;
  /** end of the strip bar in progress (ms): the chart's time axis ends here */
  axisEnd: number;
  now: number;
}

export function rangeWindow(range: UptimeRange, now: number): RangeWindow {
  const { granularity, stepMs, stripMs, bars } = RANGE_SPECS[range];
  // Steps divide strip bars, and are whole rollup buckets, so no bucket straddles two points.
  if (stepMs % GRANULARITY_MS[granularity] !== 0 || stripMs % stepMs !== 0) throw new Error(`inconsistent range ${range}`);
  const barStart = Math.floor(now / stripMs) * stripMs;
  return {
    range,
    granularity,
    stepMs,
    from: barStart - (bars - 1) * stripMs,
    end: Math.floor(now / stepMs) * stepMs + stepMs,
    axisEnd: barStart + stripMs,
    now,
  };
}

/** ?range= and ?check= of the uptime API; an unknown range is a 400 (lib/http/api-query.ts). */
export const uptimeQuerySchema = z.object({
  range: z.enum(UPTIME_RANGES).default(DEFAULT_UPTIME_RANGE),
  check: z.string().trim().min(1).max(60).optional(),
  /** one location's figures ("central" or an agent location); without it, every location combined */
  location: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "A location is lower-case letters, digits and dashes.").optional(),
});

/** The page is forgiving where the API is strict: an unknown range shows the default one. */
export function pageRange(raw: string | string[] | undefined): UptimeRange {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return (UPTIME_RANGES as readonly string[]).includes(value ?? "") ? (value as UptimeRange) : DEFAULT_UPTIME_RANGE;
}
