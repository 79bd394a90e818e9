/**
 * How much of a range an uptime figure stands on: a "30-day uptime" of 18.18 % measured over the last
 * ten minutes is not a 30-day uptime. Pure: PostgreSQL supplies the first probe, the number of rollup
 * buckets that hold probes and the last of them (query.ts, one set-based query); this does the math.
 *
 * - observed time runs from the first probe (to the minute while minute rollups are kept, else the
 *   check's creation when it falls inside the first bucket, else that bucket's start) to now, minus the
 *   buckets without any probe (a paused check, an outage of the probe engine): gaps are counted at the
 *   range's rollup resolution (minutes for 24 h, hours for 7 d, days for 30 and 90 d);
 * - `share` is observed time over the range so far (its first bar's start to now);
 * - under `minimumObservedSeconds` (the larger of 1 hour and 1 % of the range) or under `MIN_PROBES`
 *   probes a figure is not enough: the UI writes "Not enough data yet" instead of a percentage, and the
 *   API answers the number with `observed.enough: false` (docs/decisions/0035-uptime-coverage.md).
 */
import { formatDuration } from "@/lib/format/time";
import { NOT_ENOUGH_DATA_STATUS } from "@/lib/status/present";
import { RANGE_SPECS, type UptimeRange } from "./ranges";

/** Under this share of the range observed a figure is not shown… */
export const MIN_COVERAGE_SHARE = 0.01;
/** …nor under this long, whatever the range… */
export const MIN_OBSERVED_SECONDS = 3600;
/** …nor under this many probes, however long ago the first one was. */
export const MIN_PROBES = 10;

export const NOT_ENOUGH_DATA = NOT_ENOUGH_DATA_STATUS.text;

export interface UptimeCoverage {
  /** the first probe counted (null without any) */
  firstProbeAt: Date | null;
  /** time with probes, from the first probe to now, gaps left out */
  observedSeconds: number;
  /** from the range's start to now */
  rangeSeconds: number;
  /** observedSeconds / rangeSeconds, 0–1 */
  share: number;
  probes: number;
  enough: boolean;
}

export interface CoverageInput {
  /** the range's start and now (ms) */
  from: number;
  now: number;
  /** the rollup bucket size the range is read from (ms) */
  bucketMs: number;
  firstProbeAt: Date | null;
  /** buckets (of `bucketMs`) in the range that hold at least one counted probe */
  probedBuckets: number;
  /** the start of the last of them */
  lastProbedBucket: Date | null;
  /** counted probes (up + down + degraded) */
  probes: number;
}

/** The larger of 1 hour and 1 % of the range: 1 h for 24 h, 1 h 40 min for 7 d, 7 h 12 min for 30 d. */
export function minimumObservedSeconds(rangeSeconds: number): number {
  return Math.max(MIN_OBSERVED_SECONDS, Math.ceil(rangeSeconds * MIN_COVERAGE_SHARE));
}

export function uptimeCoverage(input: CoverageInput): UptimeCoverage {
  const { from, now, bucketMs } = input;
  const rangeMs = Math.max(1000, now - from);
  const rangeSeconds = Math.round(rangeMs / 1000);
  let observedMs = 0;
  let first: number | null = null;
  if (input.firstProbeAt && input.probes > 0 && input.probedBuckets > 0) {
    first = Math.min(now, Math.max(from, input.firstProbeAt.getTime()));
    const firstBucket = Math.floor(first / bucketMs) * bucketMs;
    const lastBucket = Math.max(firstBucket, input.lastProbedBucket?.getTime() ?? firstBucket);
    // Whole buckets, less the part of the first one before the first probe and of the last one after now.
    const beforeFirst = first - firstBucket;
    const afterNow = Math.max(0, lastBucket + bucketMs - now);
    observedMs = Math.min(now - first, Math.max(0, input.probedBuckets * bucketMs - beforeFirst - afterNow));
  }
  const observedSeconds = Math.round(observedMs / 1000);
  const share = Math.min(1, observedMs / rangeMs);
  return {
    firstProbeAt: first === null ? null : new Date(first),
    observedSeconds,
    rangeSeconds,
    share,
    probes: input.probes,
    enough: input.probes >= MIN_PROBES && observedSeconds >= minimumObservedSeconds(rangeSeconds),
  };
}

/** A range's nominal length in words, in the duration formatter's units: "24 h", "7 d", "30 d". */
export function rangeLengthText(range: UptimeRange): string {
  const { bars, stripMs } = RANGE_SPECS[range];
  const hours = (bars * stripMs) / 3_600_000;
  return hours <= 48 ? `${hours} h` : formatDuration(hours * 3600);
}

/**
 * How much of the range a figure stands on, in words: "3 h 5 min of 30 d observed", "all of 30 d
 * observed", "nothing of 30 d observed". Durations come from the one duration formatter.
 */
export function coverageText(c: UptimeCoverage, range: UptimeRange): string {
  const of = rangeLengthText(range);
  if (c.observedSeconds === 0) return `nothing of ${of} observed`;
  // The range so far is a little shorter than its name (its last bar is in progress): full is full.
  if (c.share >= 0.999) return `all of ${of} observed`;
  return `${formatDuration(c.observedSeconds)} of ${of} observed`;
}

/** The uptime figure itself, or "Not enough data yet" under the minimum. */
export function uptimeFigure(percentText: string, c: UptimeCoverage): string {
  return c.enough ? percentText : NOT_ENOUGH_DATA;
}
