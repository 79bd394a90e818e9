/**
 * The readiness model: a service's checklist items plus optional live evidence (health checks,
 * thresholds, recovery drills, backups, review) reduced to a score, a level and a list of blockers.
 *
 * Pure: no database, no clock, no I/O. Callers load the data and map it onto these shapes.
 * The rules are described for users in docs/readiness.md; keep the two in step.
 */

import { formatMeasure } from "@/lib/format/amount";
import { itemStanding, reverifyDueAt, type TimedItemFacts } from "./item-status";

export type Severity = "critical" | "high" | "medium" | "low";
export type ItemState = "open" | "done" | "na";

export interface ReadinessItem {
  key: string;
  title: string;
  severity: Severity;
  required: boolean;
  state: ItemState;
  naReason?: string | null;
  /** With `required`: required only at this tier or a more critical one (1 is the most critical); null/absent: every tier. */
  requiredUpToTier?: number | null;
  /** Time-dependent facts (waiver, re-verification, effectiveFrom): see lib/readiness/item-status.ts. */
  waiver?: TimedItemFacts["waiver"];
  verifiedAt?: Date | null;
  reverifyDays?: number | null;
  autoCheck?: TimedItemFacts["autoCheck"];
  effectiveFrom?: Date | null;
}

/** Whether an item is required of a service of `tier` (no tier given: as if the most critical). */
export function requiredAtTier(item: Pick<ReadinessItem, "required" | "requiredUpToTier">, tier: number | undefined): boolean {
  if (!item.required) return false;
  if (item.requiredUpToTier == null || tier === undefined) return true;
  return tier <= item.requiredUpToTier;
}

export type ReadinessLevel = "not-ready" | "at-risk" | "ready";

export const BLOCKER_KINDS = [
  "required-item-open",
  "na-without-reason",
  "health-down",
  "threshold-breached",
  "drill-overdue",
  "drill-missed",
  "backup-overdue",
  "review-changes-requested",
  "review-approval-missing",
  "review-approval-stale",
  "waiver-pending",
  "waiver-rejected",
  "waiver-expired",
  "evidence-stale",
] as const;

export type BlockerKind = (typeof BLOCKER_KINDS)[number];

export interface Blocker {
  kind: BlockerKind;
  message: string;
  /** Set for item blockers (`required-item-open`, `na-without-reason`). */
  itemKey?: string;
}

export type HealthStatus = "up" | "down" | "degraded" | "unknown";
export type ThresholdStatus = "ok" | "pending" | "breached" | "no-data";
export type RecoveryStatus = "met" | "missed" | "never" | "overdue";
export type BackupStatus = "ok" | "overdue" | "never" | "failing";
export type ReviewStatus = "requested" | "approved" | "changes_requested" | "none";

export interface ReadinessSignals {
  health?: readonly { checkName: string; status: HealthStatus }[];
  thresholds?: readonly {
    label: string;
    severity: Severity;
    status: ThresholdStatus;
    value?: number | null;
    unit?: string;
    limit?: number;
  }[];
  recovery?: readonly { component: string; status: RecoveryStatus }[];
  /** `overdueBySeconds`: how long past due without a successful backup (the board words it; readiness needs only the status) */
  backups?: readonly { component: string; status: BackupStatus; overdueBySeconds?: number | null }[];
  /**
   * `approvalRequired`: the team needs an approved, current review at this service's tier;
   * `stale`: why the approval that counts no longer describes the service (lib/reviews/stale.ts), or null.
   */
  review?: { status: ReviewStatus; approvalRequired?: boolean; stale?: string | null };
  /** The service's tier (1 is the most critical): items with `requiredUpToTier` are required only up to it. */
  tier?: number;
}

export interface ReadinessCounts {
  /** All items. `total === done + na + open`. */
  total: number;
  done: number;
  /** N/A items with a (non-blank) reason: excluded from the score. */
  na: number;
  /** Applicable items not done: `open` items plus N/A items without a reason. */
  open: number;
  /** Required items among `open`. */
  requiredOpen: number;
  /** Required items N/A under an approved, current waiver (among `na`). */
  waived: number;
  /** Items whose rule starts later (`effectiveFrom`): not in `total`, not counted at all. */
  upcoming: number;
}

export interface Readiness {
  /** 0–100; see `computeReadiness`. */
  score: number;
  level: ReadinessLevel;
  /** `level === "ready"`. */
  ready: boolean;
  /** Sorted: signal blockers first (health, threshold, backup, drill, review), then item blockers. */
  blockers: Blocker[];
  counts: ReadinessCounts;
}

export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = Object.freeze({
  critical: 8,
  high: 4,
  medium: 2,
  low: 1,
});

/** Below this (rounded) score a service is "not-ready" whatever its blockers. */
export const NOT_READY_BELOW_SCORE = 50;

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Position of each signal blocker kind in the sorted list; item blockers come after all of them. */
const SIGNAL_KIND_RANK: Partial<Record<BlockerKind, number>> = {
  "health-down": 0,
  "threshold-breached": 1,
  "backup-overdue": 2,
  "drill-missed": 3,
  "drill-overdue": 4,
  "review-changes-requested": 5,
  "review-approval-stale": 6,
  "review-approval-missing": 7,
};

const LEVEL_LABELS: Record<ReadinessLevel, string> = {
  "not-ready": "Not ready",
  "at-risk": "At risk",
  ready: "Ready",
};

/** Human label for a level: "Not ready", "At risk", "Ready". */
export function describeLevel(level: ReadinessLevel): string {
  return LEVEL_LABELS[level];
}

/** True when the item is N/A with a reason that is not empty or whitespace. */
function hasNaReason(item: ReadinessItem): boolean {
  return typeof item.naReason === "string" && item.naReason.trim() !== "";
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function thresholdMessage(t: NonNullable<ReadinessSignals["thresholds"]>[number]): string {
  const parts: string[] = [];
  if (typeof t.value === "number") parts.push(`at ${formatMeasure(t.value, t.unit ?? "")}`);
  if (typeof t.limit === "number") parts.push(`limit ${formatMeasure(t.limit, t.unit ?? "")}`);
  const detail = parts.length === 0 ? "" : ` (${parts.join(", ")})`;
  return `Critical threshold breached: ${t.label}${detail}`;
}

interface SortableBlocker {
  blocker: Blocker;
  /** Signal kinds: their rank. Item blockers: after every signal kind. */
  group: number;
  /** Item blockers only. */
  severity: number;
  /** Item title, or the signal's subject (check name, label, component). */
  name: string;
}

function signalBlocker(kind: BlockerKind, name: string, message: string): SortableBlocker {
  return { blocker: { kind, message }, group: SIGNAL_KIND_RANK[kind] ?? 0, severity: 0, name };
}

function itemBlocker(kind: BlockerKind, item: ReadinessItem, message: string): SortableBlocker {
  return {
    blocker: { kind, message, itemKey: item.key },
    group: Object.keys(SIGNAL_KIND_RANK).length,
    severity: SEVERITY_RANK[item.severity],
    name: item.title,
  };
}

function compareBlockers(a: SortableBlocker, b: SortableBlocker): number {
  return (
    a.group - b.group ||
    a.severity - b.severity ||
    compareText(a.name, b.name) ||
    compareText(a.blocker.kind, b.blocker.kind) ||
    compareText(a.blocker.itemKey ?? "", b.blocker.itemKey ?? "")
  );
}

function signalBlockers(signals: ReadinessSignals): SortableBlocker[] {
  const out: SortableBlocker[] = [];

  for (const h of signals.health ?? []) {
    if (h.status === "down") {
      out.push(signalBlocker("health-down", h.checkName, `Health check ${h.checkName} is down`));
    }
  }

  for (const t of signals.thresholds ?? []) {
    if (t.status === "breached" && t.severity === "critical") {
      out.push(signalBlocker("threshold-breached", t.label, thresholdMessage(t)));
    }
  }

  for (const b of signals.backups ?? []) {
    const why =
      b.status === "overdue" ? "last backup older than interval"
      : b.status === "never" ? "never backed up"
      : b.status === "failing" ? "last backup failed"
      : null;
    if (why !== null) {
      out.push(signalBlocker("backup-overdue", b.component, `Backup overdue for ${b.component}: ${why}`));
    }
  }

  for (const r of signals.recovery ?? []) {
    if (r.status === "missed") {
      out.push(
        signalBlocker("drill-missed", r.component, `Recovery drill for ${r.component} missed its recovery time objective`),
      );
    } else if (r.status === "overdue" || r.status === "never") {
      const why = r.status === "never" ? "never drilled" : "last drill older than interval";
      out.push(signalBlocker("drill-overdue", r.component, `Recovery drill overdue for ${r.component}: ${why}`));
    }
  }

  if (signals.review?.status === "changes_requested") {
    out.push(signalBlocker("review-changes-requested", "", "Reviewer requested changes"));
  } else if (signals.review?.approvalRequired) {
    if (signals.review.status === "approved" && signals.review.stale) {
      out.push(signalBlocker("review-approval-stale", "", `Approval is stale: ${signals.review.stale}`));
    } else if (signals.review.status !== "approved") {
      out.push(signalBlocker("review-approval-missing", "", `An approved review is required at tier ${signals.tier ?? 1}`));
    }
  }

  return out;
}

/**
 * Reduce checklist items and optional signals to a readiness verdict.
 *
 * Score: `round(100 × Σ weight(done) / Σ weight(applicable))` with `SEVERITY_WEIGHTS`, where an item is
 * applicable unless it is N/A with a non-blank reason; an N/A item without a reason counts as open.
 * The rounded score is kept off the ends while work remains: it is at most 99 while any applicable item
 * is open and at least 1 once any is done, so 100 always means "everything applicable is done".
 * No applicable items: 100 if every item is N/A with a reason; 0 if there are no items at all (nothing
 * has been assessed).
 *
 * Level, first match wins:
 * - `not-ready`: no items; or an open critical required item (an N/A without a reason counts as open);
 *   or a `health-down` or `threshold-breached` blocker; or score < 50;
 * - `at-risk`: any other blocker;
 * - `ready`: otherwise.
 * Degraded/unknown health, non-critical breached thresholds and "no-data" thresholds are not blockers
 * and do not change the level; they are shown elsewhere.
 */
export function computeReadiness(allItems: readonly ReadinessItem[], signals: ReadinessSignals = {}, now: Date = new Date()): Readiness {
  let applicableWeight = 0;
  let doneWeight = 0;
  const standings = allItems.map((item) => ({ item, standing: itemStanding(item, now) }));
  const items = standings.filter((s) => s.standing !== "upcoming");
  const counts: ReadinessCounts = { total: items.length, done: 0, na: 0, open: 0, requiredOpen: 0, waived: 0, upcoming: allItems.length - items.length };
  let criticalRequiredOpen = false;
  const sortable: SortableBlocker[] = signalBlockers(signals);

  for (const { item, standing } of items) {
    const weight = SEVERITY_WEIGHTS[item.severity];

    if (standing === "counted" && item.state === "na" && hasNaReason(item)) {
      counts.na += 1;
      if (item.required && item.waiver) counts.waived += 1;
      continue;
    }

    applicableWeight += weight;
    if (standing === "counted" && item.state === "done") {
      doneWeight += weight;
      counts.done += 1;
      continue;
    }

    // Open, or N/A without a reason (which counts as open).
    counts.open += 1;
    const required = requiredAtTier(item, signals.tier);
    if (required) {
      counts.requiredOpen += 1;
      if (item.severity === "critical") criticalRequiredOpen = true;
    }
    const timed = timedBlocker(item, standing, required);
    if (timed) {
      sortable.push(timed);
    } else if (item.state === "na") {
      sortable.push(itemBlocker("na-without-reason", item, `Marked N/A without a reason: ${item.title}`));
    } else if (required) {
      sortable.push(itemBlocker("required-item-open", item, `Required item open: ${item.title}`));
    }
  }

  const score = computeScore(items.length, doneWeight, applicableWeight);
  const blockers = sortable.sort(compareBlockers).map((s) => s.blocker);

  const level: ReadinessLevel =
    items.length === 0 ||
    criticalRequiredOpen ||
    blockers.some((b) => b.kind === "health-down" || b.kind === "threshold-breached") ||
    score < NOT_READY_BELOW_SCORE
      ? "not-ready"
      : blockers.length > 0
        ? "at-risk"
        : "ready";

  return { score, level, ready: level === "ready", blockers, counts };
}

const isoDay = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");

/** The blocker of an item that counts as open because of its waiver or its age (`required`: at the service's tier). */
function timedBlocker(item: ReadinessItem, standing: ReturnType<typeof itemStanding>, required: boolean): SortableBlocker | null {
  switch (standing) {
    case "waiver-pending":
      return itemBlocker("waiver-pending", item, `Waiver awaiting approval: ${item.title}`);
    case "waiver-rejected":
      return itemBlocker("waiver-rejected", item, `Waiver rejected: ${item.title}`);
    case "waiver-expired":
      return itemBlocker("waiver-expired", item, `Waiver expired on ${isoDay(item.waiver?.expiresAt)}: ${item.title}`);
    case "stale":
      return required ? itemBlocker("evidence-stale", item, `Needs re-verification since ${isoDay(reverifyDueAt(item))}: ${item.title}`) : null;
    default:
      return null;
  }
}

export function computeScore(itemCount: number, doneWeight: number, applicableWeight: number): number {
  if (applicableWeight === 0) return itemCount === 0 ? 0 : 100;
  const raw = Math.round((100 * doneWeight) / applicableWeight);
  if (doneWeight < applicableWeight && raw > 99) return 99;
  if (doneWeight > 0 && raw < 1) return 1;
  return raw;
}

/**
 * Checklist figures summed by PostgreSQL (see lib/readiness/aggregate.ts), so a board of many services
 * never loads every item. `readinessFromAggregate` gives the same score, level and blocker count as
 * `computeReadiness` over the same items (an integration test checks this on random checklists).
 */
export interface ReadinessAggregate {
  total: number;
  done: number;
  /** N/A with a reason (excluded from the score) */
  na: number;
  doneWeight: number;
  applicableWeight: number;
  /** required open items + N/A without a reason */
  itemBlockers: number;
  /** required critical items that are open or N/A without a reason */
  criticalRequiredOpen: number;
  requiredOpen: number;
  /** required items N/A under an approved, current waiver */
  waived: number;
  /** items whose rule starts later: in none of the figures above */
  upcoming: number;
  /** waivers pending or approved and current (the board's count) */
  waivers: number;
  /** the first start date of an upcoming rule, if any */
  nextEffectiveFrom: Date | null;
}

export interface ReadinessSummary {
  score: number;
  level: ReadinessLevel;
  ready: boolean;
  blockerCount: number;
  counts: ReadinessCounts;
}

export function readinessFromAggregate(agg: ReadinessAggregate, signals: ReadinessSignals = {}): ReadinessSummary {
  const score = computeScore(agg.total, agg.doneWeight, agg.applicableWeight);
  const fromSignals = signalBlockers(signals).map((s) => s.blocker);
  const blockerCount = agg.itemBlockers + fromSignals.length;
  const level: ReadinessLevel =
    agg.total === 0 ||
    agg.criticalRequiredOpen > 0 ||
    fromSignals.some((b) => b.kind === "health-down" || b.kind === "threshold-breached") ||
    score < NOT_READY_BELOW_SCORE
      ? "not-ready"
      : blockerCount > 0
        ? "at-risk"
        : "ready";
  return {
    score,
    level,
    ready: level === "ready",
    blockerCount,
    counts: { total: agg.total, done: agg.done, na: agg.na, open: agg.total - agg.done - agg.na, requiredOpen: agg.requiredOpen, waived: agg.waived, upcoming: agg.upcoming },
  };
}
