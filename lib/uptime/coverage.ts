/**
 * How much of a range an uptime figure stands on: a 30-day uptime of 18.18 % measured over the last
 * few minutes is not a 30-day uptime. Pure: the first probe time comes from the rollups (query.ts).
 *
 * - observed: from the range's first probe to now (precise to the minute while minute rollups are
 *   kept, 2 days; to the range's step before that);
 * - share: observed / the range so far (its start to now);
 * - enough: at least `MIN_PROBES` probes and at least `MIN_COVERAGE_SHARE` of the range observed;
 *   below that the figure is shown as "Not enough data yet" (the API still answers the number).
 * Gaps after the first probe (a paused check) are not subtracted here: the uptime page's per-point
 * `coverage` and its availability strip show them.
 */
import { formatMeasure } from "@/lib/format/amount";
import { formatDuration } from "@/lib/format/time";

/** Under 1 % of the range observed (about 14 min of 24 hours, 7 h of 30 days), a figure is not shown. */
export const MIN_COVERAGE_SHARE = 0.01;
/** …nor under this many probes, however long ago the first one was. */
export const MIN_PROBES = 10;

export const NOT_ENOUGH_DATA = "Not enough data yet";

export interface UptimeCoverage {
  firstProbeAt: Date | null;
  /** seconds from the first probe to now */
  observedSeconds: number;
  /** seconds from the range's start to now */
  rangeSeconds: number;
  /** observedSeconds / rangeSeconds, 0–1 */
  share: number;
  probes: number;
  enough: boolean;
}

export function uptimeCoverage(input: { firstProbeAt: Date | null; probes: number; from: number; now: number }): UptimeCoverage {
  const rangeSeconds = Math.max(1, Math.round((input.now - input.from) / 1000));
  const first = input.firstProbeAt && input.probes > 0 ? Math.max(input.firstProbeAt.getTime(), input.from) : null;
  const observedSeconds = first === null ? 0 : Math.min(rangeSeconds, Math.max(0, Math.round((input.now - first) / 1000)));
  const share = observedSeconds / rangeSeconds;
  return {
    firstProbeAt: first === null ? null : new Date(first),
    observedSeconds,
    rangeSeconds,
    share,
    probes: input.probes,
    enough: input.probes >= MIN_PROBES && share >= MIN_COVERAGE_SHARE,
  };
}

/** "over 2 h 5 min of 30 days (coverage 0.289 %)", "over all 30 days"; `rangeLabel` is the range's name. */
export function coverageText(c: UptimeCoverage, rangeLabel: string): string {
  if (c.observedSeconds === 0) return `no probe in ${rangeLabel}`;
  // The range so far is a little shorter than its name (it starts at a whole bar): full is full.
  if (c.share >= 0.999) return `over all ${rangeLabel}`;
  return `over ${formatDuration(c.observedSeconds)} of ${rangeLabel} (coverage ${formatMeasure(c.share * 100, "%")})`;
}
