/**
 * What each badge says (pure): readiness (level and score), health (the board card's health line) and
 * uptime over a range, which writes "Not enough data yet" under the coverage minimum of
 * docs/decisions/0035 like every other uptime figure. The title repeats it as a sentence with the
 * service's name, for screen readers and as the tooltip.
 */
import { formatAvailability } from "@/lib/format/amount";
import type { ReadinessLevel } from "@/lib/readiness/compute";
import { healthStatus, type HealthCounts } from "@/lib/status/health";
import { LEVEL_STATUS, NOT_ENOUGH_DATA_STATUS, type StatusTone } from "@/lib/status/present";
import { coverageText, rangeLengthText, type UptimeCoverage } from "@/lib/uptime/coverage";
import type { UptimeRange } from "@/lib/uptime/ranges";
import type { BadgeSpec } from "./svg";

export const BADGE_KINDS = ["readiness", "health", "uptime"] as const;
export type BadgeKind = (typeof BADGE_KINDS)[number];

/** Uptime from this much is good, from `UPTIME_WARNING_FROM` a warning, below it bad (percent). */
export const UPTIME_GOOD_FROM = 99.9;
export const UPTIME_WARNING_FROM = 99;

export function readinessBadge(serviceName: string, r: { level: ReadinessLevel; score: number }): BadgeSpec {
  const status = LEVEL_STATUS[r.level];
  return {
    label: "readiness",
    message: `${status.text} · ${r.score}/100`,
    tone: status.tone,
    title: `${serviceName} readiness: ${status.text}, score ${r.score} of 100`,
  };
}

export function healthBadge(serviceName: string, h: HealthCounts): BadgeSpec {
  const status = healthStatus(h);
  return { label: "health", message: status.text, tone: status.tone, title: `${serviceName} health: ${status.text}` };
}

export function uptimeTone(percent: number): StatusTone {
  return percent >= UPTIME_GOOD_FROM ? "good" : percent >= UPTIME_WARNING_FROM ? "warning" : "bad";
}

export function uptimeBadge(serviceName: string, range: UptimeRange, u: { uptimePercent: number | null; observed: UptimeCoverage }): BadgeSpec {
  const label = `uptime ${range}`;
  const observed = coverageText(u.observed, range);
  const of = rangeLengthText(range);
  if (u.uptimePercent === null || !u.observed.enough) {
    const text = NOT_ENOUGH_DATA_STATUS.text;
    return { label, message: text, tone: NOT_ENOUGH_DATA_STATUS.tone, title: `${serviceName} uptime over ${of}: ${text} (${observed})` };
  }
  const figure = formatAvailability(u.uptimePercent);
  return { label, message: figure, tone: uptimeTone(u.uptimePercent), title: `${serviceName} uptime over ${of}: ${figure} (${observed})` };
}
