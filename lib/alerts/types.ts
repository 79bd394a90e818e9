/**
 * The alert events Preflight raises, and the facts each one carries. An event stores facts only
 * (`details`); every channel words them at send time (lib/alerts/describe.ts), so the wording has one home.
 * See docs/alerting.md for when each event is raised.
 */
import { z } from "zod";

export const ALERT_EVENT_TYPES = [
  "check.down",
  "check.up",
  "check.degraded",
  "tls.expiring",
  "threshold.breached",
  "threshold.cleared",
  "backup.overdue",
  "backup.failed",
  "backup.recovered",
  "drill.missed",
  "drill.overdue",
  "review.requested",
  "review.decided",
  "review.stale",
  "readiness.changed",
  "waiver.expiring",
  "agent.offline",
] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];
/** `test` is sent by "Send test" to one channel only; channels never filter it out. */
export type AnyAlertEventType = AlertEventType | "test";

/** Days before an approved waiver's expiry at which waiver.expiring is raised (once per waiver and expiry). */
export const WAIVER_WARNING_DAYS = 7;

/** Days before a certificate's expiry at which tls.expiring is raised (once per step and certificate). */
export const TLS_WARNING_DAYS = [30, 14, 7, 1] as const;

const iso = z.iso.datetime({ offset: true });
const check = { checkId: z.string(), checkName: z.string(), url: z.string() };

/** The details of each event type. Writers build them with these schemas; senders read them back. */
export const alertDetailsSchemas = {
  "check.down": z.object({ ...check, incidentId: z.string(), startedAt: iso, error: z.string() }),
  "check.up": z.object({ ...check, incidentId: z.string(), startedAt: iso, endedAt: iso, durationSeconds: z.number().int().nonnegative() }),
  "check.degraded": z.object({ ...check, reason: z.string().nullable(), latencyMs: z.number().nullable() }),
  "tls.expiring": z.object({ ...check, expiresAt: iso, daysLeft: z.union(TLS_WARNING_DAYS.map((d) => z.literal(d))) }),
  "threshold.breached": z.object({
    thresholdId: z.string(),
    metric: z.string(),
    label: z.string(),
    unit: z.string(),
    comparator: z.enum(["gt", "gte", "lt", "lte"]),
    limit: z.number(),
    value: z.number().nullable(),
    since: iso,
    severity: z.string(),
  }),
  "threshold.cleared": z.object({
    thresholdId: z.string(),
    metric: z.string(),
    label: z.string(),
    unit: z.string(),
    comparator: z.enum(["gt", "gte", "lt", "lte"]),
    limit: z.number(),
    value: z.number().nullable(),
    /** when the breach began */
    since: iso,
    durationSeconds: z.number().int().nonnegative(),
  }),
  "backup.overdue": z.object({ monitorId: z.string(), component: z.string(), lastSuccessAt: iso.nullable(), dueAt: iso }),
  "backup.failed": z.object({ component: z.string(), recoveryEventId: z.string(), at: iso, notes: z.string().nullable() }),
  "backup.recovered": z.object({ component: z.string(), recoveryEventId: z.string(), at: iso }),
  "drill.missed": z.object({ rtoTargetId: z.string(), component: z.string(), rtoSeconds: z.number().int(), achievedSeconds: z.number().int(), recoveryEventId: z.string() }),
  "drill.overdue": z.object({ rtoTargetId: z.string(), component: z.string(), drillIntervalDays: z.number().int(), lastDrillAt: iso.nullable() }),
  "review.requested": z.object({ reviewId: z.string(), requestedBy: z.string().nullable(), reviewer: z.string().nullable() }),
  "review.decided": z.object({
    reviewId: z.string(),
    decision: z.enum(["approved", "changes_requested"]),
    decidedBy: z.string().nullable(),
    comment: z.string().nullable(),
    score: z.number().int().nullable(),
  }),
  /** an approval stopped describing the service (lib/reviews/store.ts); once per approval */
  "review.stale": z.object({ reviewId: z.string(), reason: z.string() }),
  "readiness.changed": z.object({ from: z.enum(["not-ready", "at-risk", "ready"]).nullable(), to: z.enum(["not-ready", "at-risk", "ready"]), score: z.number().int() }),
  "waiver.expiring": z.object({ itemKey: z.string(), itemTitle: z.string(), reason: z.string().nullable(), expiresAt: iso, decidedBy: z.string().nullable() }),
  /** a probe agent stopped polling (lib/agents/offline.ts); team-wide, once per silence */
  "agent.offline": z.object({ agentTokenId: z.string(), name: z.string(), location: z.string(), lastSeenAt: iso }),
  test: z.object({ channelId: z.string(), requestedBy: z.string().nullable() }),
} as const satisfies Record<AnyAlertEventType, z.ZodType>;

export type AlertDetails<T extends AnyAlertEventType> = z.infer<(typeof alertDetailsSchemas)[T]>;

/** An event to write: the facts of one state change, and the key that makes it happen once. */
export type NewAlertEvent = {
  [T in AnyAlertEventType]: {
    type: T;
    /** the service it is about; the team is taken from it (teamId only for team-wide events) */
    serviceId: string | null;
    teamId?: string;
    /** unique per state change, e.g. `check.down:<incident id>` (see docs/alerting.md) */
    dedupeKey: string;
    occurredAt: Date;
    details: AlertDetails<T>;
    /** test events: the one channel to send to */
    channelId?: string;
  };
}[AnyAlertEventType];
