/**
 * The one wording of alert events, for every channel and the Notifications page: a title
 * ("CryptoPulse: health check down"), a sentence or two of facts, the facts as label/value pairs (Slack
 * fields, a Teams FactSet, an email's table), and a severity for colour and icon.
 * Pure: it reads only the event's stored facts. Numbers are rounded for people by lib/format/amount.ts (never 12.903225806451612),
 * moments are "26 Nov 2026, 19:25 UTC" and durations "1 h 5 min" (lib/format/time.ts).
 */
import { formatMeasure } from "@/lib/format/amount";
import { formatDateTime, formatDuration } from "@/lib/format/time";
import { describeLevel } from "@/lib/readiness/compute";
import { alertDetailsSchemas, type AlertDetails, type AnyAlertEventType } from "./types";

export type AlertSeverity = "critical" | "warning" | "resolved" | "info";

export interface AlertFact {
  label: string;
  value: string;
}

export interface AlertWording {
  /** "CryptoPulse: health check down" */
  title: string;
  /** one or two sentences of facts */
  text: string;
  /** the same facts, one per line: "Error" → "HTTP 503, expected 200-299" */
  facts: AlertFact[];
  severity: AlertSeverity;
}

const COMPARATOR_WORDS = { gt: "above", gte: "at or above", lt: "below", lte: "at or below" } as const;
const LEVEL_ORDER = { "not-ready": 0, "at-risk": 1, ready: 2 } as const;

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
  "review.stale": "Approval became stale",
  "readiness.changed": "Readiness level changed",
  "waiver.expiring": "Waiver expiring",
  "agent.offline": "Probe agent offline",
  test: "Test message",
};

type Wording<T extends AnyAlertEventType> = (d: AlertDetails<T>) => AlertWording;

/** "health check" for the check named health, otherwise `check “Login page”`. */
const checkName = (name: string) => (name === "health" ? "health check" : `check “${name}”`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** A sentence ends with one full stop, whatever the stored text ends with ("timed out." stays one). */
const sentence = (s: string) => (/[.!?…]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/** A measured value with its unit, by the one value formatter (lib/format/amount.ts). */
function amount(value: number | null, unit: string): string {
  return value === null ? "no recent value" : formatMeasure(value, unit);
}

const checkFacts = (d: { checkName: string; url: string }) => [
  { label: "Check", value: d.checkName },
  { label: "URL", value: d.url },
];

const WORDINGS: { [T in AnyAlertEventType]: Wording<T> } = {
  "check.down": (d) => ({
    title: `${checkName(d.checkName)} down`,
    text: `${d.url} failed: ${sentence(d.error)} Down since ${formatDateTime(d.startedAt)}.`,
    facts: [...checkFacts(d), { label: "Error", value: d.error }, { label: "Down since", value: formatDateTime(d.startedAt) }],
    severity: "critical",
  }),
  "check.up": (d) => ({
    title: `${checkName(d.checkName)} recovered`,
    text: `${d.url} answers again after ${formatDuration(d.durationSeconds)} down.`,
    facts: [...checkFacts(d), { label: "Down for", value: formatDuration(d.durationSeconds) }, { label: "Down from", value: `${formatDateTime(d.startedAt)} to ${formatDateTime(d.endedAt)}` }],
    severity: "resolved",
  }),
  "check.degraded": (d) => ({
    title: `${checkName(d.checkName)} degraded`,
    text: `${d.url} answers, but degraded${d.reason ? `: ${d.reason}` : ""}${d.latencyMs !== null ? ` (${amount(d.latencyMs, "ms")})` : ""}.`,
    facts: [...checkFacts(d), ...(d.reason ? [{ label: "Reason", value: d.reason }] : []), ...(d.latencyMs !== null ? [{ label: "Latency", value: amount(d.latencyMs, "ms") }] : [])],
    severity: "warning",
  }),
  "tls.expiring": (d) => ({
    title: `TLS certificate expires in ${plural(d.daysLeft, "day")}`,
    text: `The certificate of ${d.url} expires on ${formatDateTime(d.expiresAt)}. Renew it before then.`,
    facts: [...checkFacts(d), { label: "Expires", value: formatDateTime(d.expiresAt) }, { label: "Days left", value: String(d.daysLeft) }],
    severity: d.daysLeft <= 7 ? "critical" : "warning",
  }),
  "threshold.breached": (d) => ({
    title: `${d.label} ${COMPARATOR_WORDS[d.comparator]} ${amount(d.limit, d.unit)}`,
    text: `${d.label} is ${amount(d.value, d.unit)}, ${COMPARATOR_WORDS[d.comparator]} its limit of ${amount(d.limit, d.unit)}, since ${formatDateTime(d.since)}.`,
    facts: [
      { label: "Value", value: amount(d.value, d.unit) },
      { label: "Breach when", value: `${COMPARATOR_WORDS[d.comparator]} ${amount(d.limit, d.unit)}` },
      { label: "Since", value: formatDateTime(d.since) },
      { label: "Severity", value: d.severity },
    ],
    severity: d.severity === "critical" || d.severity === "high" ? "critical" : "warning",
  }),
  "threshold.cleared": (d) => ({
    title: `${d.label} back within its limit`,
    text:
      d.value === null
        ? `${d.label} is no longer reported, after ${formatDuration(d.durationSeconds)} in breach of its limit of ${amount(d.limit, d.unit)}.`
        : `${d.label} is ${amount(d.value, d.unit)} again, within its limit of ${amount(d.limit, d.unit)}, after ${formatDuration(d.durationSeconds)} in breach.`,
    facts: [
      { label: "Value", value: amount(d.value, d.unit) },
      { label: "Breach when", value: `${COMPARATOR_WORDS[d.comparator]} ${amount(d.limit, d.unit)}` },
      { label: "In breach for", value: formatDuration(d.durationSeconds) },
    ],
    severity: "resolved",
  }),
  "backup.overdue": (d) => ({
    title: `backup of ${d.component} overdue`,
    text: `No successful backup of ${d.component} since ${d.lastSuccessAt ? formatDateTime(d.lastSuccessAt) : "it was set up"}; one was due by ${formatDateTime(d.dueAt)}.`,
    facts: [
      { label: "Component", value: d.component },
      { label: "Last success", value: d.lastSuccessAt ? formatDateTime(d.lastSuccessAt) : "never" },
      { label: "Due by", value: formatDateTime(d.dueAt) },
    ],
    severity: "critical",
  }),
  "backup.failed": (d) => ({
    title: `backup of ${d.component} failed`,
    text: `A backup of ${d.component} failed at ${formatDateTime(d.at)}${d.notes ? `: ${sentence(d.notes)}` : "."}`,
    facts: [{ label: "Component", value: d.component }, { label: "Failed at", value: formatDateTime(d.at) }, ...(d.notes ? [{ label: "Notes", value: d.notes }] : [])],
    severity: "critical",
  }),
  "backup.recovered": (d) => ({
    title: `backup of ${d.component} succeeded again`,
    text: `A backup of ${d.component} succeeded at ${formatDateTime(d.at)}.`,
    facts: [{ label: "Component", value: d.component }, { label: "Succeeded at", value: formatDateTime(d.at) }],
    severity: "resolved",
  }),
  "drill.missed": (d) => ({
    title: `recovery drill of ${d.component} missed its RTO`,
    text: `Recovering ${d.component} took ${formatDuration(d.achievedSeconds)}; the target (RTO) is ${formatDuration(d.rtoSeconds)}.`,
    facts: [{ label: "Component", value: d.component }, { label: "Recovery took", value: formatDuration(d.achievedSeconds) }, { label: "RTO target", value: formatDuration(d.rtoSeconds) }],
    severity: "warning",
  }),
  "drill.overdue": (d) => ({
    title: `recovery drill of ${d.component} overdue`,
    text: `${d.lastDrillAt ? `The last drill of ${d.component} was on ${formatDateTime(d.lastDrillAt)}` : `No drill of ${d.component} has been logged`}; one is due every ${plural(d.drillIntervalDays, "day")}.`,
    facts: [
      { label: "Component", value: d.component },
      { label: "Last drill", value: d.lastDrillAt ? formatDateTime(d.lastDrillAt) : "never" },
      { label: "Due", value: `every ${plural(d.drillIntervalDays, "day")}` },
    ],
    severity: "warning",
  }),
  "waiver.expiring": (d) => ({
    title: `waiver for “${d.itemTitle}” expires soon`,
    text: `The waiver that takes “${d.itemTitle}” out of readiness expires on ${formatDateTime(d.expiresAt)}; after that the item counts as open again unless it is done or a new waiver is approved.`,
    facts: [
      { label: "Item", value: d.itemTitle },
      { label: "Expires", value: formatDateTime(d.expiresAt) },
      ...(d.reason ? [{ label: "Reason", value: d.reason }] : []),
      { label: "Approved by", value: d.decidedBy ?? "nobody (approved when waivers were introduced)" },
    ],
    severity: "warning",
  }),
  "agent.offline": (d) => ({
    title: `probe agent “${d.name}” offline`,
    text: `The probe agent at ${d.location} has not polled since ${formatDateTime(d.lastSeenAt)}: checks probed from ${d.location} are not probed there until it is back.`,
    facts: [
      { label: "Agent", value: d.name },
      { label: "Location", value: d.location },
      { label: "Last poll", value: formatDateTime(d.lastSeenAt) },
    ],
    severity: "warning",
  }),
  "review.requested": (d) => ({
    title: "production review requested",
    text: `${d.requestedBy ?? "Someone"} asked ${d.reviewer ?? "a reviewer"} to review this service for production.`,
    facts: [
      { label: "Requested by", value: d.requestedBy ?? "someone" },
      { label: "Reviewer", value: d.reviewer ?? "any reviewer" },
    ],
    severity: "info",
  }),
  "review.decided": (d) => ({
    title: d.decision === "approved" ? "approved for production" : "changes requested before production",
    text: `${d.decidedBy ?? "A reviewer"} ${d.decision === "approved" ? "approved the service" : "requested changes"}${d.score !== null ? ` at a readiness score of ${d.score}` : ""}${d.comment ? `: “${d.comment}”` : "."}`,
    facts: [
      { label: "Decision", value: d.decision === "approved" ? "approved" : "changes requested" },
      { label: "By", value: d.decidedBy ?? "a reviewer" },
      ...(d.score !== null ? [{ label: "Readiness score", value: String(d.score) }] : []),
      ...(d.comment ? [{ label: "Comment", value: d.comment }] : []),
    ],
    severity: d.decision === "approved" ? "resolved" : "warning",
  }),
  "review.stale": (d) => ({
    title: "approval is stale",
    text: `The approval no longer describes the service: ${sentence(d.reason)} Ask for a new review.`,
    facts: [{ label: "Why", value: d.reason }],
    severity: "warning",
  }),
  "readiness.changed": (d) => {
    const to = describeLevel(d.to);
    const direction = d.from === null ? "is" : LEVEL_ORDER[d.to] > LEVEL_ORDER[d.from] ? "up to" : "down to";
    return {
      title: `readiness ${direction} ${to}`,
      text: d.from ? `Readiness went from ${describeLevel(d.from)} to ${to} (score ${d.score}).` : `Readiness is ${to} (score ${d.score}).`,
      facts: [...(d.from ? [{ label: "Was", value: describeLevel(d.from) }] : []), { label: "Now", value: to }, { label: "Score", value: String(d.score) }],
      severity: d.to === "ready" ? "resolved" : d.to === "at-risk" ? "warning" : "critical",
    };
  },
  test: (d) => ({
    title: "test message",
    text: `A test from Preflight${d.requestedBy ? `, sent by ${d.requestedBy}` : ""}: this channel works.`,
    facts: d.requestedBy ? [{ label: "Sent by", value: d.requestedBy }] : [],
    severity: "info",
  }),
};

/**
 * Title, text, facts and severity of an event; the title starts with the service's name when there is
 * one (the team's for team-wide events). A reminder (n ≥ 1) says so in the title and the text.
 */
export function describeEvent(event: { type: AnyAlertEventType; details: unknown; service: { name: string } | null; team?: { name: string }; reminder?: number }): AlertWording {
  const details = alertDetailsSchemas[event.type].parse(event.details);
  const w = (WORDINGS[event.type] as Wording<typeof event.type>)(details as never);
  const subject = event.service?.name ?? event.team?.name ?? "Preflight";
  const n = event.reminder ?? 0;
  if (n === 0) return { ...w, title: `${subject}: ${w.title}` };
  return {
    title: `${subject}: ${w.title} (reminder${n > 1 ? ` ${n}` : ""})`,
    text: `Reminder: this is still the case. ${w.text}`,
    facts: [...w.facts, { label: "Reminder", value: n === 1 ? "first reminder" : `reminder ${n}` }],
    severity: w.severity,
  };
}
