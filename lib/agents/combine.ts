/**
 * A check probed from several locations is down when it is down from at least N of them (its
 * `downQuorum`; default a majority). Pure; lib/agents/record.ts applies it after each batch.
 */
import type { CheckStatus } from "@/lib/probes/state";

export interface LocationStatus {
  location: string;
  status: CheckStatus;
  /** first failure of the location's current run of failures */
  streakStartedAt: Date | null;
}

/** Locations needed down for the check to be down: the quorum, clamped to 1…n; a majority without one. */
export function downQuorumOf(locationCount: number, downQuorum: number | null): number {
  const n = Math.max(1, locationCount);
  return Math.min(n, Math.max(1, downQuorum ?? Math.floor(n / 2) + 1));
}

/**
 * The combined status, and when the check went down: the moment the N-th location (by the start of its
 * failures) began failing, so the incident starts when the quorum was first reached.
 */
export function combineLocationStatus(
  states: readonly LocationStatus[],
  locations: readonly string[],
  downQuorum: number | null,
): { status: CheckStatus; downSince: Date | null } {
  const mine = states.filter((s) => locations.includes(s.location));
  const needed = downQuorumOf(locations.length, downQuorum);
  const down = mine.filter((s) => s.status === "down").sort((a, b) => (a.streakStartedAt?.getTime() ?? 0) - (b.streakStartedAt?.getTime() ?? 0));
  if (down.length >= needed) return { status: "down", downSince: down[needed - 1]!.streakStartedAt };
  if (mine.some((s) => s.status === "degraded")) return { status: "degraded", downSince: null };
  if (mine.some((s) => s.status === "up")) return { status: "up", downSince: null };
  return { status: "unknown", downSince: null };
}
