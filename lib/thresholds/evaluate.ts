/**
 * Threshold evaluation: samples over time + a rule → ok / pending (over the limit, not yet for the
 * "sustained for" window) / breached (since when) / no-data.
 *
 * Pure: no database, no clock. The rules are spelled out for people in docs/thresholds.md; keep the
 * two in step. Batch evaluation (lib/thresholds/store.ts) computes the same `SeriesSummary` in SQL
 * and hands it to `decide`, so the decision itself lives only here (an integration test checks the
 * SQL summary against `summarise` on random series).
 */

import { formatMeasure } from "@/lib/format/amount";
import { formatDuration } from "@/lib/format/time";
import type { ThresholdStatus } from "@/lib/readiness/compute";

export type Comparator = "gt" | "gte" | "lt" | "lte";
/** The same states readiness weighs (pending is not a blocker, see docs/thresholds.md). */
export type ThresholdState = ThresholdStatus;

export interface Rule {
  comparator: Comparator;
  limit: number;
  /** 0: a single breaching sample is enough */
  sustainedSeconds: number;
}

export interface Sample {
  at: Date;
  value: number;
}

export interface Evaluation {
  status: ThresholdState;
  /** latest value (probe metrics: the window's aggregate); null when there is no data */
  value: number | null;
  /** time of the newest sample behind `value` */
  valueAt: Date | null;
  /** breached: when the breach began; pending: when the run over the limit began; null otherwise */
  since: Date | null;
}

/**
 * The newest sample must be younger than this, or the threshold has no data; a gap this long between
 * two samples also breaks a breaching run (nobody saw what happened in between).
 */
export const NO_DATA_AFTER_SECONDS = 600;

/** Probe metrics are aggregated over the "sustained for" window, or this many seconds when it is 0. */
export const DEFAULT_PROBE_WINDOW_SECONDS = 300;

/**
 * How far back a series is read: the sustained window plus twice the staleness limit, which is enough
 * to see a run of at least `sustainedSeconds` behind any newest sample that is still fresh.
 */
export function lookbackSeconds(rule: Pick<Rule, "sustainedSeconds">): number {
  return rule.sustainedSeconds + 2 * NO_DATA_AFTER_SECONDS;
}

export function probeWindowSeconds(rule: Pick<Rule, "sustainedSeconds">): number {
  return rule.sustainedSeconds > 0 ? rule.sustainedSeconds : DEFAULT_PROBE_WINDOW_SECONDS;
}

export function breaches(value: number, rule: Pick<Rule, "comparator" | "limit">): boolean {
  switch (rule.comparator) {
    case "gt":
      return value > rule.limit;
    case "gte":
      return value >= rule.limit;
    case "lt":
      return value < rule.limit;
    case "lte":
      return value <= rule.limit;
  }
}

/** Of several values for one instant, the one that counts: the most breaching (max for >, min for <). */
export function worstOf(a: number, b: number, comparator: Comparator): number {
  return comparator === "gt" || comparator === "gte" ? Math.max(a, b) : Math.min(a, b);
}

/** What `decide` needs to know about a series. */
export interface SeriesSummary {
  latestAt: Date | null;
  latestValue: number | null;
  /** first sample of the unbroken run of breaching samples that ends with the newest; null if the newest is fine */
  runStart: Date | null;
}

/**
 * Summarise the samples within the lookback window `(now − lookback, now]`: samples at the same
 * instant count as one (the worst value); the run ends at the newest sample and goes back over
 * breaching samples until a sample that does not breach or a gap longer than `NO_DATA_AFTER_SECONDS`.
 */
export function summarise(samples: readonly Sample[], rule: Rule, now: Date): SeriesSummary {
  const from = now.getTime() - lookbackSeconds(rule) * 1000;
  const byInstant = new Map<number, number>();
  for (const s of samples) {
    const t = s.at.getTime();
    if (t <= from || t > now.getTime() || !Number.isFinite(s.value)) continue;
    const seen = byInstant.get(t);
    byInstant.set(t, seen === undefined ? s.value : worstOf(seen, s.value, rule.comparator));
  }
  const points = [...byInstant.entries()].sort((a, b) => a[0] - b[0]);
  const latest = points.at(-1);
  if (!latest) return { latestAt: null, latestValue: null, runStart: null };
  let runStart: number | null = null;
  for (let i = points.length - 1; i >= 0; i--) {
    const [t, v] = points[i]!;
    if (!breaches(v, rule)) break;
    if (runStart !== null && runStart - t > NO_DATA_AFTER_SECONDS * 1000) break;
    runStart = t;
  }
  return { latestAt: new Date(latest[0]), latestValue: latest[1], runStart: runStart === null ? null : new Date(runStart) };
}

/**
 * - no-data: no sample, or the newest is `NO_DATA_AFTER_SECONDS` old or older;
 * - breached: the run of breaching samples ending at the newest spans at least `sustainedSeconds`
 *   (newest − first of the run); breached since the run's first sample;
 * - pending: a breaching run that is still shorter than `sustainedSeconds`, since the run's first sample
 *   (never with `sustainedSeconds` 0: one breaching sample is then a breach);
 * - ok: otherwise.
 */
export function decide(summary: SeriesSummary, rule: Rule, now: Date): Evaluation {
  const { latestAt, latestValue, runStart } = summary;
  if (latestAt === null || latestValue === null || now.getTime() - latestAt.getTime() >= NO_DATA_AFTER_SECONDS * 1000) {
    return { status: "no-data", value: null, valueAt: null, since: null };
  }
  if (runStart !== null && latestAt.getTime() - runStart.getTime() >= rule.sustainedSeconds * 1000) {
    return { status: "breached", value: latestValue, valueAt: latestAt, since: runStart };
  }
  if (runStart !== null) return { status: "pending", value: latestValue, valueAt: latestAt, since: runStart };
  return { status: "ok", value: latestValue, valueAt: latestAt, since: null };
}

export function evaluateSamples(samples: readonly Sample[], rule: Rule, now: Date): Evaluation {
  return decide(summarise(samples, rule, now), rule, now);
}

/** Probe metrics over the probe window: the aggregate (p95 latency, error rate) and the probes behind it. */
export interface ProbeSummary {
  /** newest probe result in the window; null when there is none */
  latestAt: Date | null;
  /** the aggregate, in the threshold's unit; null when no probe in the window had a value */
  value: number | null;
  /** first probe in the window whose own value breaches (a slow probe, a failed probe) */
  firstBreachAt: Date | null;
}

/**
 * A probe metric is already an aggregate over its window (`probeWindowSeconds`): breached when the
 * aggregate breaches, since the first probe in the window that breached on its own (or the newest
 * probe, when no single probe did: e.g. an error rate of 2 % made of successes and failures).
 */
export function decideProbe(summary: ProbeSummary, rule: Rule): Evaluation {
  const { latestAt, value } = summary;
  if (latestAt === null || value === null) return { status: "no-data", value: null, valueAt: null, since: null };
  if (breaches(value, rule)) return { status: "breached", value, valueAt: latestAt, since: summary.firstBreachAt ?? latestAt };
  return { status: "ok", value, valueAt: latestAt, since: null };
}

export interface StoredState {
  status: ThresholdState;
  since: Date | null;
  evaluatedAt: Date | null;
}

/**
 * A breach seen again keeps the start time recorded earlier, when the earlier evaluation saw the same
 * run (it happened after the run's first sample visible now). This lets a breach that began before the
 * lookback window keep its real start.
 */
export function carryOver(previous: StoredState | null, next: Evaluation): Evaluation {
  if (
    next.status === "breached" &&
    next.since &&
    previous?.status === "breached" &&
    previous.since &&
    previous.evaluatedAt &&
    previous.since < next.since &&
    previous.evaluatedAt >= next.since
  ) {
    return { ...next, since: previous.since };
  }
  return next;
}

const SYMBOL: Record<Comparator, string> = { gt: ">", gte: "≥", lt: "<", lte: "≤" };
const WORDS: Record<Comparator, string> = { gt: "above", gte: "at or above", lt: "below", lte: "at or below" };

export function comparatorSymbol(c: Comparator): string {
  return SYMBOL[c];
}

export function comparatorWords(c: Comparator): string {
  return WORDS[c];
}

/**
 * How far a pending threshold is into its window: "over the limit for 2 of 5 min" (the run from its
 * first sample to the newest, against "sustained for"), or null when the threshold is not pending.
 */
export function pendingProgress(t: Pick<Evaluation, "status" | "since" | "valueAt"> & Pick<Rule, "sustainedSeconds">): string | null {
  if (t.status !== "pending" || !t.since || !t.valueAt) return null;
  const elapsed = formatDuration(Math.min(t.sustainedSeconds, Math.max(0, (t.valueAt.getTime() - t.since.getTime()) / 1000)));
  const window = formatDuration(t.sustainedSeconds);
  // "2 of 5 min" rather than "2 min of 5 min" when both are a count of the same unit.
  const a = /^(\d+) (s|min|h|d)$/.exec(elapsed);
  const b = /^(\d+) (s|min|h|d)$/.exec(window);
  const span = a && b && a[2] === b[2] ? `${a[1]} of ${window}` : `${elapsed} of ${window}`;
  return `over the limit for ${span}`;
}

/** The condition in words: "> 80 % for 5 min", "> 85 %". */
export function describeCondition(rule: Rule, unit: string): string {
  const amount = formatMeasure(rule.limit, unit);
  const sustained = rule.sustainedSeconds > 0 ? ` for ${formatDuration(rule.sustainedSeconds)}` : "";
  return `${SYMBOL[rule.comparator]} ${amount}${sustained}`;
}
