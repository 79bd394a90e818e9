/**
 * Rebuilds a service's past checklist readiness from its items as they are now and its checklist
 * audit entries (pure; lib/history/backfill.ts loads both). Walking back from now, each entry newer
 * than the moment asked for is undone from its `before` values; what the log cannot tell (probe
 * signals, reviews, tier changes, ticks older than the log) is listed in docs/decisions/0043.
 */
import { computeReadiness, type ItemState, type ReadinessItem, type ReadinessLevel, type Severity } from "@/lib/readiness/compute";
import { timedFactsOf, type TimedItemColumns, type WaiverStatus } from "@/lib/readiness/item-status";

export interface ReplayItem extends TimedItemColumns {
  key: string;
  title: string;
  severity: Severity;
  required: boolean;
  requiredUpToTier: number | null;
  state: ItemState;
  naReason: string | null;
  archivedAt: Date | null;
}

/** A checklist audit entry: `key` is the item's key (the end of its target id). */
export interface ReplayEntry {
  at: Date;
  action: string;
  key: string;
  before: unknown;
  after: unknown;
}

export interface ReplayMoment {
  date: string;
  asOf: Date;
}

export interface ReplayPoint {
  date: string;
  score: number;
  level: ReadinessLevel;
  blockers: number;
  waivers: number;
}

const STATE_ACTIONS = new Set(["checklist.update", "checklist.auto_verified", "checklist.auto_unverified"]);
const ITEM_STATES = new Set<string>(["open", "done", "na"]);
const WAIVER_STATUSES = new Set<string>(["pending", "approved", "rejected"]);

const record = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

interface Replayed extends ReplayItem {
  /** added (checklist.add) after the moment being rebuilt */
  absent: boolean;
  /** an undone change: the tick's time is looked up in the log */
  verifiedUnknown: boolean;
}

/** Undoes one entry on the item it names (unknown items and actions are left alone). */
function undo(item: Replayed, entry: ReplayEntry): void {
  const before = record(entry.before);
  if (STATE_ACTIONS.has(entry.action)) {
    if (typeof before.state === "string" && ITEM_STATES.has(before.state)) item.state = before.state as ItemState;
    if ("naReason" in before) item.naReason = typeof before.naReason === "string" ? before.naReason : null;
    if (entry.action === "checklist.update") {
      // jsonb_strip_nulls leaves `waiver` out of `before` when the item had none
      item.waiverStatus = typeof before.waiver === "string" && WAIVER_STATUSES.has(before.waiver) ? (before.waiver as WaiverStatus) : null;
      item.waiverExpiresAt = typeof before.waiverExpiresAt === "string" ? new Date(before.waiverExpiresAt) : null;
    }
    item.verifiedUnknown = true;
  } else if (entry.action === "waiver.approve" || entry.action === "waiver.reject") {
    item.waiverStatus = "pending";
  } else if (entry.action === "checklist.add") {
    item.absent = true;
  }
}

/** When the item was last ticked (or re-verified) at or before `asOf`, from the log; null when the log does not say. */
function verifiedAtFromLog(entries: readonly ReplayEntry[], asOf: Date): Date | null {
  let found: Date | null = null;
  for (const e of entries) {
    if (e.at.getTime() > asOf.getTime() || !STATE_ACTIONS.has(e.action)) continue;
    const after = record(e.after);
    if (after.state === "done" && (record(e.before).state !== "done" || after.reverified === true)) {
      if (!found || e.at.getTime() > found.getTime()) found = e.at;
    }
  }
  return found;
}

function waiverCounts(item: Replayed, asOf: Date): boolean {
  if (item.state !== "na" || !item.required) return false;
  if (item.waiverStatus === "pending") return true;
  return item.waiverStatus === "approved" && (item.waiverExpiresAt === null || item.waiverExpiresAt.getTime() > asOf.getTime());
}

/**
 * The checklist readiness at each moment (any order; answered in the order given). Entries may come in
 * any order; ties in time are undone newest-listed first, as the log lists them by id descending.
 */
export function replayChecklist(items: readonly ReplayItem[], entries: readonly ReplayEntry[], moments: readonly ReplayMoment[], tier: number): ReplayPoint[] {
  const current = new Map<string, Replayed>(items.map((i) => [i.key, { ...i, absent: false, verifiedUnknown: false }]));
  const newestFirst = entries.map((e, index) => ({ e, index })).sort((a, b) => b.e.at.getTime() - a.e.at.getTime() || a.index - b.index).map((x) => x.e);
  const byKey = new Map<string, ReplayEntry[]>();
  for (const e of entries) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  const order = moments.map((m, index) => ({ m, index })).sort((a, b) => b.m.asOf.getTime() - a.m.asOf.getTime());
  const out: ReplayPoint[] = new Array(moments.length);
  let next = 0;
  for (const { m, index } of order) {
    while (next < newestFirst.length && newestFirst[next]!.at.getTime() > m.asOf.getTime()) {
      const entry = newestFirst[next++]!;
      const item = current.get(entry.key);
      if (item) undo(item, entry);
    }
    const present = [...current.values()].filter((i) => !i.absent && (i.archivedAt === null || i.archivedAt.getTime() > m.asOf.getTime()));
    const readinessItems: ReadinessItem[] = present.map((i) => {
      const verifiedAt = i.verifiedUnknown ? verifiedAtFromLog(byKey.get(i.key) ?? [], m.asOf) : i.verifiedAt;
      return {
        key: i.key, title: i.title, severity: i.severity, required: i.required, requiredUpToTier: i.requiredUpToTier, state: i.state, naReason: i.naReason,
        ...timedFactsOf({ ...i, verifiedAt }),
      };
    });
    const r = computeReadiness(readinessItems, { tier }, m.asOf);
    const counted = present.filter((i) => !i.effectiveFrom || i.effectiveFrom.getTime() <= m.asOf.getTime());
    out[index] = { date: m.date, score: r.score, level: r.level, blockers: r.blockers.length, waivers: counted.filter((i) => waiverCounts(i, m.asOf)).length };
  }
  return out;
}
