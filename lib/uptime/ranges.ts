/**
 * The time ranges of the uptime page and API, and which rollups answer each one. Pure: no database.
 *
 * | range | rollups read | one point per | points |
 * | --- | --- | --- | --- |
 * | 24h | minute | 15 minutes | 96 |
 * | 7d  | hour   | hour       | 168 |
 * | 30d | day    | day (UTC)  | 30 |
 * | 90d | day    | day (UTC)  | 90 |
 *
 * Each range is read from the finest rollup its retention still covers (minute rollups live 2 days,
 * hour rollups 100 days, day rollups 400 days), so the answer never depends on raw results.
 * Points are aligned to UTC (quarter hours, hours, midnights); the last point is the one in
 * progress, so a range reaches up to now.
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
  points: number;
  /** one bar of the availability strip covers this much (hours, or days for the long ranges) */
  stripMs: number;
  label: string;
}

export const RANGE_SPECS: Record<UptimeRange, RangeSpec> = {
  "24h": { granularity: "minute", stepMs: 15 * MINUTE, points: 96, stripMs: HOUR, label: "24 hours" },
  "7d": { granularity: "hour", stepMs: HOUR, points: 168, stripMs: HOUR, label: "7 days" },
  "30d": { granularity: "day", stepMs: DAY, points: 30, stripMs: DAY, label: "30 days" },
  "90d": { granularity: "day", stepMs: DAY, points: 90, stripMs: DAY, label: "90 days" },
};

export interface RangeWindow {
  range: UptimeRange;
  granularity: Granularity;
  stepMs: number;
  /** start of the first point (ms) */
  from: number;
  /** end of the last point (ms): the last point is in progress, so `end` is at or after `now` */
  end: number;
  now: number;
}

export function rangeWindow(range: UptimeRange, now: number): RangeWindow {
  const { granularity, stepMs, points } = RANGE_SPECS[range];
  // Every step divides a UTC day and the rollup bucket size, so rollup buckets never straddle points.
  if (stepMs % GRANULARITY_MS[granularity] !== 0) throw new Error(`step of ${range} is not a multiple of ${granularity}`);
  const currentStart = Math.floor(now / stepMs) * stepMs;
  const from = currentStart - (points - 1) * stepMs;
  return { range, granularity, stepMs, from, end: currentStart + stepMs, now };
}

/** ?range= and ?check= of the uptime API; an unknown range is a 422. */
export const uptimeQuerySchema = z.object({
  range: z.enum(UPTIME_RANGES).default(DEFAULT_UPTIME_RANGE),
  check: z.string().trim().min(1).max(60).optional(),
});

/** The page is forgiving where the API is strict: an unknown range shows the default one. */
export function pageRange(raw: string | string[] | undefined): UptimeRange {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return (UPTIME_RANGES as readonly string[]).includes(value ?? "") ? (value as UptimeRange) : DEFAULT_UPTIME_RANGE;
}
