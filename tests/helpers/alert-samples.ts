/**
 * One event of every type with the details its writer would store, for wording and sender tests.
 * The numbers are the awkward ones real data gives (an error rate of 12.903225806451612 %, a latency
 * with decimals), so a test can show they never reach a person unrounded.
 */
import { alertDetailsSchemas, type AlertDetails, type AnyAlertEventType } from "@/lib/alerts/types";
import type { AlertEventForSending } from "@/lib/alerts/senders/types";

const check = { checkId: "chk_1", checkName: "health", url: "https://cryptopulse.example.com/health" };

export const SAMPLE_DETAILS: { [T in AnyAlertEventType]: AlertDetails<T> } = {
  "check.down": { ...check, incidentId: "inc_1", startedAt: "2026-11-26T19:25:03Z", error: "HTTP 503, expected 200-299" },
  "check.up": { ...check, incidentId: "inc_1", startedAt: "2026-11-26T19:25:03Z", endedAt: "2026-11-26T20:30:09Z", durationSeconds: 3906 },
  "check.degraded": { ...check, reason: "slower than 1,000 ms", latencyMs: 1234.5678901 },
  "tls.expiring": { ...check, expiresAt: "2026-12-03T00:00:00Z", daysLeft: 7 },
  "threshold.breached": { thresholdId: "thr_1", metric: "error_rate_percent", label: "Error rate", unit: "%", comparator: "gt", limit: 1, value: 12.903225806451612, since: "2026-11-26T19:20:00Z", severity: "critical" },
  "threshold.cleared": { thresholdId: "thr_1", metric: "error_rate_percent", label: "Error rate", unit: "%", comparator: "gt", limit: 1, value: 0.3333333333333333, since: "2026-11-26T19:20:00Z", durationSeconds: 1830 },
  "backup.overdue": { monitorId: "mon_1", component: "PostgreSQL", lastSuccessAt: "2026-11-24T02:00:00Z", dueAt: "2026-11-26T02:00:00Z" },
  "backup.failed": { component: "PostgreSQL", recoveryEventId: "rec_1", at: "2026-11-26T02:00:00Z", notes: "pg_dump: connection refused" },
  "backup.recovered": { component: "PostgreSQL", recoveryEventId: "rec_2", at: "2026-11-27T02:00:00Z" },
  "drill.missed": { rtoTargetId: "rto_1", component: "PostgreSQL", rtoSeconds: 3600, achievedSeconds: 5432, recoveryEventId: "rec_3" },
  "drill.overdue": { rtoTargetId: "rto_1", component: "PostgreSQL", drillIntervalDays: 90, lastDrillAt: null },
  "review.requested": { reviewId: "rev_1", requestedBy: "Ada Lovelace", reviewer: "Grace Hopper" },
  "review.decided": { reviewId: "rev_1", decision: "changes_requested", decidedBy: "Grace Hopper", comment: "Add a backup drill first.", score: 72 },
  "review.stale": { reviewId: "rev_1", reason: "“Automated backups” is no longer done" },
  "readiness.changed": { from: "at-risk", to: "ready", score: 91 },
  "waiver.expiring": { itemKey: "backups-tested", itemTitle: "Test backup restoration", reason: "No data kept", expiresAt: "2026-03-08T12:00:00.000Z", decidedBy: "Grace Hopper" },
  "agent.offline": { agentTokenId: "agt_1", name: "Frankfurt rack 2", location: "eu-west", lastSeenAt: "2026-03-01T11:58:00.000Z" },
  test: { channelId: "ch_1", requestedBy: "Ada Lovelace" },
};

export const ALL_SAMPLE_TYPES = Object.keys(SAMPLE_DETAILS) as AnyAlertEventType[];

const service = { slug: "cryptopulse", name: "CryptoPulse", tier: 1, url: "https://preflight.example.com/services/cryptopulse" };
const team = { slug: "payments", name: "Payments" };

/** An event as the delivery round hands it to a sender; the test event is team-wide (no service). */
export function sendingEvent<T extends AnyAlertEventType>(type: T, overrides: Partial<AlertEventForSending> & { details?: AlertDetails<T> } = {}): AlertEventForSending {
  const details = alertDetailsSchemas[type].parse(overrides.details ?? SAMPLE_DETAILS[type]) as Record<string, unknown>;
  return {
    id: `evt_${type.replace(".", "_")}`,
    type,
    occurredAt: new Date("2026-11-26T19:25:03Z"),
    team,
    service: type === "test" ? null : service,
    reminder: 0,
    ...overrides,
    details,
  };
}
