/**
 * A check's status from its run of results: it turns "down" after `failuresBeforeDown` failures in a
 * row and back "up" after `successesBeforeUp` successes in a row, so one lost packet is not an outage.
 * The incident starts at the first failure of the run and ends at the first success of the run
 * that closed it: the times the service actually failed and recovered, within one interval.
 * Degraded probes count as successes (the service answered).
 */
import type { ProbeOutcome } from "./evaluate";

export type CheckStatus = "unknown" | "up" | "down" | "degraded";

export interface CheckRunState {
  status: CheckStatus;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  streakStartedAt: Date | null;
}

export type IncidentChange =
  | { kind: "open"; startedAt: Date; firstError: string }
  | { kind: "close"; endedAt: Date }
  | { kind: "still-down"; lastError: string }
  | null;

export function nextCheckState(
  prev: CheckRunState,
  rules: { failuresBeforeDown: number; successesBeforeUp: number },
  probe: { at: Date; outcome: ProbeOutcome; errorMessage: string | null },
): { state: CheckRunState; incident: IncidentChange } {
  if (probe.outcome === "down") {
    const failures = prev.consecutiveFailures + 1;
    const streakStartedAt = prev.consecutiveFailures === 0 || !prev.streakStartedAt ? probe.at : prev.streakStartedAt;
    const state = { status: prev.status, consecutiveFailures: failures, consecutiveSuccesses: 0, streakStartedAt };
    const error = probe.errorMessage ?? "probe failed";
    if (prev.status === "down") return { state, incident: { kind: "still-down", lastError: error } };
    if (failures >= rules.failuresBeforeDown) {
      return { state: { ...state, status: "down" }, incident: { kind: "open", startedAt: streakStartedAt, firstError: error } };
    }
    return { state, incident: null };
  }
  const successes = prev.consecutiveSuccesses + 1;
  const streakStartedAt = prev.consecutiveSuccesses === 0 || !prev.streakStartedAt ? probe.at : prev.streakStartedAt;
  const state = { status: prev.status, consecutiveFailures: 0, consecutiveSuccesses: successes, streakStartedAt };
  if (prev.status === "down") {
    if (successes >= rules.successesBeforeUp) return { state: { ...state, status: probe.outcome }, incident: { kind: "close", endedAt: streakStartedAt } };
    return { state, incident: null };
  }
  return { state: { ...state, status: probe.outcome }, incident: null };
}
