/**
 * A service's health in one line, from the status of its enabled checks: the board card, its
 * announcer and the health badge (lib/badges) say it in the same words and icons as the service page.
 */
import type { HealthStatus } from "@/lib/readiness/compute";
import { CHECK_STATUS, NONE_SET, PAUSED, type StatusWord } from "./present";

export interface HealthCounts {
  /** enabled checks */
  checks: number;
  down: number;
  up: number;
  unknown: number;
  /** paused (disabled) checks */
  paused: number;
}

export function healthCounts(enabled: readonly { status: HealthStatus }[], paused: number): HealthCounts {
  return {
    checks: enabled.length,
    down: enabled.filter((h) => h.status === "down").length,
    up: enabled.filter((h) => h.status === "up").length,
    unknown: enabled.filter((h) => h.status === "unknown").length,
    paused,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function healthStatus(h: HealthCounts): StatusWord {
  const degraded = h.checks - h.down - h.up - h.unknown;
  if (h.checks === 0) return h.paused ? { ...PAUSED, text: `${plural(h.paused, "check")} paused` } : { ...NONE_SET, text: "No check" };
  if (h.down) return { ...CHECK_STATUS.down, text: `${h.down} of ${h.checks} down` };
  if (degraded) return { ...CHECK_STATUS.degraded, text: `${degraded} of ${h.checks} degraded` };
  if (h.up === h.checks) return CHECK_STATUS.up;
  return CHECK_STATUS.unknown;
}
