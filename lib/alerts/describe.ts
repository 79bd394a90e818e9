/**
 * The one wording of alert events, for every channel and the Notifications page: a title
 * ("CryptoPulse: health check down"), a line of facts, and a severity for colour and icon.
 * Pure: it reads only the event's stored facts.
 */
import { formatDateTime, formatDuration } from "@/lib/format/time";
import { describeLevel } from "@/lib/readiness/compute";
import { formatAmount } from "@/lib/thresholds/units";
import { alertDetailsSchemas, type AlertDetails, type AnyAlertEventType } from "./types";

export type AlertSeverity = "critical" | "warning" | "resolved" | "info";

export interface AlertWording {
  /** "CryptoPulse: health check down" */
  title: string;
  /** one or two sentences of facts */
  text: string;
  severity: AlertSeverity;
}

const COMPARATOR_WORDS = { gt: "above", gte: "at or above", lt: "below", lte: "at or below" } as const;

/** The name of an event type for people ("Health check down"), for the channel form and lists. */
export const EVENT_TYPE_LABELS: Record<AnyAlertEventType, string> = {
  "check.down": "Health check down",
  "check.up": "Health check recovered",
  "check.degraded": "Health check degraded",
  "tls.expiring": "TLS certificate expiring",
  "threshold.breached": "Threshold breached",
  "threshold.cleared": "Threshold back within its limit",
  "backup.overdue": "Backup overdue",
  "backup.failed": "Backup failed",
  "backup.recovered": "Backup recovered",
  "drill.missed": "Recovery drill missed its RTO",
  "drill.overdue": "Recovery drill overdue",
  "review.requested": "Review requested",
  "review.decided": "Review decided",
  "readiness.changed": "Readiness level changed",
  test: "Test message",
};

type Wording<T extends AnyAlertEventType> = (d: AlertDetails<T>) => { title: string; text: string; severity: AlertSeverity };

const WORDINGS: { [T in AnyAlertEventType]: Wording<T> } = {
  "check.down": (d) => ({ title: `${d.checkName === "health" ? "health check" : `check “${d.checkName}”`} down`, text: `${d.url} failed: ${d.error}. Down since ${formatDateTime(d.startedAt)}.`, severity: "critical" }),
  "check.up": (d) => ({ title: `${d.checkName === "health" ? "health check" : `check “${d.checkName}”`} recovered`, text: `${d.url} answers again after ${formatDuration(d.durationSeconds)} down.`, severity: "resolved" }),
  "check.degraded": (d) => ({
    title: `${d.checkName === "health" ? "health check" : `check “${d.checkName}”`} degraded`,
    text: `${d.url} answers, degraded${d.reason ? `: ${d.reason}` : ""}${d.latencyMs !== null ? ` (${formatAmount(d.latencyMs, "ms")})` : ""}.`,
    severity: "warning",
  }),
  "tls.expiring": (d) => ({
    title: `TLS certificate expires in ${d.daysLeft === 1 ? "1 day" : `${d.daysLeft} days`}`,
    text: `The certificate of ${d.url} expires on ${formatDateTime(d.expiresAt)}.`,
    severity: d.daysLeft <= 7 ? "critical" : "warning",
  }),
  "threshold.breached": (d) => ({
    title: `${d.label} breached`,
    text: `${d.label} is ${d.value === null ? "unknown" : formatAmount(d.value, d.unit)}, ${COMPARATOR_WORDS[d.comparator]} its limit of ${formatAmount(d.limit, d.unit)} since ${formatDateTime(d.since)}.`,
    severity: d.severity === "critical" || d.severity === "high" ? "critical" : "warning",
  }),
  "threshold.cleared": (d) => ({
    title: `${d.label} back within its limit`,
    text: `${d.label} is ${d.value === null ? "unknown" : formatAmount(d.value, d.unit)} (limit ${formatAmount(d.limit, d.unit)}), after ${formatDuration(d.durationSeconds)} over it.`,
    severity: "resolved",
  }),
  "backup.overdue": (d) => ({
    title: `backup of ${d.component} overdue`,
    text: `No successful backup of ${d.component} since ${d.lastSuccessAt ? formatDateTime(d.lastSuccessAt) : "it was set up"}; one was due by ${formatDateTime(d.dueAt)}.`,
    severity: "critical",
  }),
  "backup.failed": (d) => ({ title: `backup of ${d.component} failed`, text: `A backup of ${d.component} failed at ${formatDateTime(d.at)}${d.notes ? `: ${d.notes}` : "."}`, severity: "critical" }),
  "backup.recovered": (d) => ({ title: `backup of ${d.component} succeeded again`, text: `A backup of ${d.component} succeeded at ${formatDateTime(d.at)}.`, severity: "resolved" }),
  "drill.missed": (d) => ({
    title: `recovery drill of ${d.component} missed its RTO`,
    text: `Recovery took ${formatDuration(d.achievedSeconds)}; the target is ${formatDuration(d.rtoSeconds)}.`,
    severity: "warning",
  }),
  "drill.overdue": (d) => ({
    title: `recovery drill of ${d.component} overdue`,
    text: `${d.lastDrillAt ? `The last drill was on ${formatDateTime(d.lastDrillAt)}` : "No drill has been logged"}; one is due every ${d.drillIntervalDays} days.`,
    severity: "warning",
  }),
  "review.requested": (d) => ({ title: "review requested", text: `${d.requestedBy ?? "Someone"} asked ${d.reviewer ?? "a reviewer"} to review this service for production.`, severity: "info" }),
  "review.decided": (d) => ({
    title: d.decision === "approved" ? "approved for production" : "changes requested",
    text: `${d.decidedBy ?? "A reviewer"} ${d.decision === "approved" ? "approved the service" : "requested changes"}${d.score !== null ? ` at a readiness score of ${d.score}` : ""}${d.comment ? `: “${d.comment}”` : "."}`,
    severity: d.decision === "approved" ? "resolved" : "warning",
  }),
  "readiness.changed": (d) => ({
    title: `readiness ${d.from ? `${describeLevel(d.from)} → ` : ""}${describeLevel(d.to)}`,
    text: `Readiness is now ${describeLevel(d.to)} (score ${d.score}).`,
    severity: d.to === "ready" ? "resolved" : d.to === "at-risk" ? "warning" : "critical",
  }),
  test: (d) => ({ title: "test message", text: `A test from Preflight${d.requestedBy ? `, sent by ${d.requestedBy}` : ""}: this channel works.`, severity: "info" }),
};

/** Title, text and severity of an event; the title starts with the service's name when there is one. */
export function describeEvent(event: { type: AnyAlertEventType; details: unknown; service: { name: string } | null; team?: { name: string }; reminder?: number }): AlertWording {
  const details = alertDetailsSchemas[event.type].parse(event.details);
  const w = (WORDINGS[event.type] as Wording<typeof event.type>)(details as never);
  const subject = event.service?.name ?? event.team?.name ?? "Preflight";
  const reminder = event.reminder ? " (reminder)" : "";
  return { title: `${subject}: ${w.title}${reminder}`, text: w.text, severity: w.severity };
}
