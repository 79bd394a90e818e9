/**
 * One vocabulary for statuses across the UI: every domain's states map to one of four tones, and each
 * keeps its own word (capitalised the same way everywhere). components/ui/status.tsx draws a tone as
 * icon + text + colour, so colour is never the only signal.
 *
 * - good: up, ok, met, approved, ready
 * - warning: degraded, at risk, approved with open blockers, pending (a threshold over its limit, not yet for its window)
 * - bad: down, breached, missed, failed, overdue, never drilled / never backed up (those two block
 *   readiness like "overdue" does), changes requested, ongoing incident
 * - neutral: no data yet, paused, waiting for a first backup, nothing set, in progress
 */
import { formatDuration } from "@/lib/format/time";
import type { CheckStatus } from "@/lib/probes/state";
import { describeLevel, type ReadinessLevel, type ReviewStatus } from "@/lib/readiness/compute";
import { approvedNotReadyText } from "@/lib/reviews/blockers";
import type { BackupDisplayStatus, DrillState } from "@/lib/recovery/status";
import type { TokenStatus } from "@/lib/teams/api-tokens";
import type { ThresholdState } from "@/lib/thresholds/evaluate";

export type StatusTone = "good" | "warning" | "bad" | "neutral";

export interface StatusWord {
  tone: StatusTone;
  text: string;
}

/** The icon of each tone (beside the text, hidden from screen readers: the text says it). */
export const TONE_ICON: Record<StatusTone, string> = { good: "✓", warning: "!", bad: "✕", neutral: "○" };

export const CHECK_STATUS: Record<CheckStatus, StatusWord> = {
  up: { tone: "good", text: "Up" },
  degraded: { tone: "warning", text: "Degraded" },
  down: { tone: "bad", text: "Down" },
  unknown: { tone: "neutral", text: "No data yet" },
};

export const PAUSED: StatusWord = { tone: "neutral", text: "Paused" };
export const NONE_SET: StatusWord = { tone: "neutral", text: "None set" };
export const NO_DATA: StatusWord = { tone: "neutral", text: "No data" };
/** An uptime figure that stands on too little of its range (lib/uptime/coverage.ts). */
export const NOT_ENOUGH_DATA_STATUS: StatusWord = { tone: "neutral", text: "Not enough data yet" };
export const ONGOING: StatusWord = { tone: "bad", text: "Ongoing" };

export const THRESHOLD_STATUS: Record<ThresholdState, StatusWord> = {
  ok: { tone: "good", text: "OK" },
  pending: { tone: "warning", text: "Pending" },
  breached: { tone: "bad", text: "Breached" },
  "no-data": NO_DATA,
};

export const DRILL_STATUS: Record<DrillState["status"], StatusWord> = {
  met: { tone: "good", text: "Met" },
  missed: { tone: "bad", text: "Missed" },
  overdue: { tone: "bad", text: "Drill overdue" },
  never: { tone: "bad", text: "Never drilled" },
};

export const BACKUP_STATUS: Record<BackupDisplayStatus, StatusWord> = {
  ok: { tone: "good", text: "OK" },
  waiting: { tone: "neutral", text: "Waiting for the first backup" },
  overdue: { tone: "bad", text: "Overdue" },
  never: { tone: "bad", text: "Never backed up" },
  failing: { tone: "bad", text: "Last backup failed" },
};

/**
 * "Overdue by 1 d 18 h": the one wording of a backup past its due time, on the board, the recovery
 * page's banner and the monitor alike. To the minute: seconds late say nothing more.
 */
export function overdueByText(seconds: number): string {
  return `Overdue by ${formatDuration(Math.max(60, Math.round(seconds / 60) * 60))}`;
}

/**
 * A monitor's status: past due reads "Overdue by …" whatever else holds (the last backup failed, there
 * was none yet), the rest in the words above. The page says why beside it.
 */
export function backupStatusWord(b: { status: BackupDisplayStatus; overdueBySeconds: number | null }): StatusWord {
  return b.overdueBySeconds !== null ? { tone: "bad", text: overdueByText(b.overdueBySeconds) } : BACKUP_STATUS[b.status];
}

/** An entry of the backup and restore log (the same words as the form's "Outcome"). */
export const ENTRY_STATUS: Record<"success" | "failed" | "started", StatusWord> = {
  success: { tone: "good", text: "Succeeded" },
  failed: { tone: "bad", text: "Failed" },
  started: { tone: "neutral", text: "Started" },
};

export const LEVEL_STATUS: Record<ReadinessLevel, StatusWord> = {
  ready: { tone: "good", text: describeLevel("ready") },
  "at-risk": { tone: "warning", text: describeLevel("at-risk") },
  "not-ready": { tone: "bad", text: describeLevel("not-ready") },
};

export const REVIEW_STATUS: Record<ReviewStatus | "withdrawn", StatusWord> = {
  none: { tone: "neutral", text: "Not requested" },
  requested: { tone: "neutral", text: "Requested" },
  approved: { tone: "good", text: "Approved" },
  changes_requested: { tone: "bad", text: "Changes requested" },
  withdrawn: { tone: "neutral", text: "Withdrawn" },
};

/**
 * A review's word. An approval given while the service was not ready is a warning that says with how
 * many open blockers (lib/reviews/blockers.ts), never the plain green "Approved".
 */
export function reviewStatusWord(status: keyof typeof REVIEW_STATUS, approvedNotReady?: { openBlockers: number } | null, staleReason?: string | null): StatusWord {
  // A stale approval (lib/reviews/store.ts) no longer describes the service: that comes first.
  if (status === "approved" && staleReason) return { tone: "warning", text: "Approval stale" };
  return status === "approved" && approvedNotReady ? { tone: "warning", text: approvedNotReadyText(approvedNotReady.openBlockers) } : REVIEW_STATUS[status];
}

export const TOKEN_STATUS: Record<TokenStatus, StatusWord> = {
  active: { tone: "good", text: "Active" },
  revoked: { tone: "neutral", text: "Revoked" },
  expired: { tone: "neutral", text: "Expired" },
};

export const AGENT_STATUS: Record<"online" | "offline" | "never-seen" | "revoked", StatusWord> = {
  online: { tone: "good", text: "Online" },
  offline: { tone: "bad", text: "Offline" },
  "never-seen": { tone: "neutral", text: "Not connected yet" },
  revoked: { tone: "neutral", text: "Revoked" },
};

export const INVITATION_STATUS: Record<"pending" | "expired", StatusWord> = {
  pending: { tone: "neutral", text: "Pending" },
  expired: { tone: "warning", text: "Expired" },
};

/** A delivery of an alert: queued until its first attempt, retrying after a failed one, then delivered or failed. */
export const DELIVERY_STATUS: Record<"queued" | "retrying" | "delivered" | "failed", StatusWord> = {
  queued: { tone: "neutral", text: "Queued" },
  retrying: { tone: "warning", text: "Retrying" },
  delivered: { tone: "good", text: "Delivered" },
  failed: { tone: "bad", text: "Failed" },
};

export const CHANNEL_ENABLED: Record<"enabled" | "disabled", StatusWord> = {
  enabled: { tone: "good", text: "Enabled" },
  disabled: { tone: "neutral", text: "Disabled" },
};
