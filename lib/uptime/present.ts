/**
 * How uptime figures are shown: percent and latency text, UTC times, and the bars of the availability
 * strip. Pure, shared by the server page and the client charts (so both render the same text).
 * Times are shown in UTC everywhere (lib/format/time.ts): rollup buckets are UTC hours and days.
 */
import { formatClock, formatDate, formatDateTime, formatDayMonth } from "@/lib/format/time";
import { uptimePercent, type Counts, type SeriesPoint } from "./math";

/** Uptime and latency text come from the one value formatter (lib/format/amount.ts). */
export { formatAvailability as formatPercent, formatLatency as formatMs } from "@/lib/format/amount";

const DAY = 86_400_000;

/**
 * A point's time at its resolution: "26 Nov 2026" for days, "26 Nov 2026, 14:15 UTC" otherwise
 * (the app's one date style, lib/format/time.ts).
 */
export function formatTime(t: number, stepMs: number): string {
  return stepMs >= DAY ? formatDate(t) : formatDateTime(t);
}

/** A short axis label: "14:15" within a day, "26 Nov" across days (the chart's caption says the axis is UTC). */
export function formatTick(t: number, spanMs: number): string {
  return spanMs <= DAY + 3_600_000 ? formatClock(t) : formatDayMonth(t);
}

/**
 * Time-axis ticks on round UTC times inside [from, end]: every 3 hours within a day, then every 1, 5
 * or 15 days, so day labels never repeat and stay few enough for a phone.
 */
export function axisTicks(from: number, end: number): number[] {
  const span = end - from;
  const step = span <= DAY + 3_600_000 ? 3 * 3_600_000 : span <= 8 * DAY ? DAY : span <= 31 * DAY ? 5 * DAY : 15 * DAY;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= end; t += step) ticks.push(t);
  return ticks;
}

/**
 * What a bar of the strip says. `none`: no probe (unknown, not up); `full`: every probe available;
 * `partial`: some failed but at least 95 % available; `major`: less than 95 %; `maintenance`: only
 * probes during a maintenance window (left out of uptime). A bar with counted probes as well takes
 * its level from those.
 */
export type AvailabilityLevel = "none" | "full" | "partial" | "major" | "maintenance";

export const AVAILABILITY_TEXT: Record<AvailabilityLevel, string> = {
  none: "no data",
  full: "all probes up",
  partial: "some probes failed",
  major: "mostly down",
  maintenance: "maintenance",
};

export function availabilityLevel(c: Counts & { maintenance?: number }): AvailabilityLevel {
  const p = uptimePercent(c);
  if (p === null) return c.maintenance ? "maintenance" : "none";
  if (c.down === 0) return "full";
  return p >= 95 ? "partial" : "major";
}

export interface StripBar extends Counts {
  t: number;
  maintenance: number;
  end: number;
  availability: number | null;
  level: AvailabilityLevel;
}

/** Series points grouped into bars of `barMs` (aligned to UTC), counts summed; gaps stay "no data". */
export function stripBars(series: readonly SeriesPoint[], barMs: number): StripBar[] {
  const bars: StripBar[] = [];
  for (const p of series) {
    const t = Math.floor(p.t / barMs) * barMs;
    let bar = bars.at(-1);
    if (!bar || bar.t !== t) {
      bar = { t, end: t + barMs, up: 0, down: 0, degraded: 0, maintenance: 0, availability: null, level: "none" };
      bars.push(bar);
    }
    bar.up += p.up;
    bar.down += p.down;
    bar.degraded += p.degraded;
    bar.maintenance += p.maintenance;
  }
  for (const bar of bars) {
    bar.availability = uptimePercent(bar);
    bar.level = availabilityLevel(bar);
  }
  return bars;
}

/** Probe error classes (enum ProbeErrorClass) in words. */
export const ERROR_CLASS_TEXT: Record<string, string> = {
  timeout: "timeout",
  dns: "DNS lookup failed",
  refused: "connection refused",
  tls: "TLS error",
  status: "unexpected HTTP status",
  body: "body check failed",
  too_large: "response too large",
  blocked: "target blocked",
  other: "other error",
};
