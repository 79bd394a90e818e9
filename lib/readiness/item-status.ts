/**
 * What an item counts as at a moment, beyond its stored state (pure; `now` is the caller's clock):
 * - upcoming: its rule starts later (`effectiveFrom` after now): it does not count at all;
 * - waiver-pending / waiver-rejected / waiver-expired: a required item N/A without a current approved
 *   waiver (docs/decisions/0037): counts as open;
 * - stale: ticked longer ago than `reverifyDays` (auto-checked items are exempt): counts as open;
 * - otherwise its stored state.
 * lib/readiness/aggregate.ts states the same rules in SQL; keep the two in step.
 */
export type WaiverStatus = "pending" | "approved" | "rejected";
export type WaiverView = "pending" | "approved" | "rejected" | "expired";

export interface TimedItemFacts {
  state: "open" | "done" | "na";
  required: boolean;
  waiver?: { status: WaiverStatus; expiresAt: Date | null } | null;
  verifiedAt?: Date | null;
  reverifyDays?: number | null;
  /** auto-checked items are verified from live probes: their ticks never go stale */
  autoCheck?: string | boolean | null;
  effectiveFrom?: Date | null;
}

export type ItemStanding = "counted" | "upcoming" | "waiver-pending" | "waiver-rejected" | "waiver-expired" | "stale";

const DAY_MS = 86_400_000;

/** The waiver as people see it: an approved waiver past its expiry is "expired". */
export function waiverView(waiver: NonNullable<TimedItemFacts["waiver"]>, now: Date): WaiverView {
  if (waiver.status === "approved" && waiver.expiresAt && waiver.expiresAt.getTime() <= now.getTime()) return "expired";
  return waiver.status;
}

/** When a tick needs re-verification, or null when it never does. */
export function reverifyDueAt(item: TimedItemFacts): Date | null {
  if (item.state !== "done" || !item.reverifyDays || item.autoCheck || !item.verifiedAt) return null;
  return new Date(item.verifiedAt.getTime() + item.reverifyDays * DAY_MS);
}

export function itemStanding(item: TimedItemFacts, now: Date): ItemStanding {
  if (item.effectiveFrom && item.effectiveFrom.getTime() > now.getTime()) return "upcoming";
  if (item.state === "na" && item.required && item.waiver) {
    const view = waiverView(item.waiver, now);
    if (view !== "approved") return `waiver-${view}`;
  }
  const due = reverifyDueAt(item);
  if (due && due.getTime() <= now.getTime()) return "stale";
  return "counted";
}

/** The columns of a ServiceChecklistItem row that the time-dependent rules read. */
export interface TimedItemColumns {
  waiverStatus: WaiverStatus | null;
  waiverExpiresAt: Date | null;
  verifiedAt: Date | null;
  reverifyDays: number | null;
  autoCheck: string | null;
  effectiveFrom: Date | null;
}

/** A stored row's time-dependent facts, in the readiness model's shape. */
export function timedFactsOf(row: TimedItemColumns): Required<Omit<TimedItemFacts, "state" | "required">> {
  return {
    waiver: row.waiverStatus ? { status: row.waiverStatus, expiresAt: row.waiverExpiresAt } : null,
    verifiedAt: row.verifiedAt,
    reverifyDays: row.reverifyDays,
    autoCheck: row.autoCheck !== null,
    effectiveFrom: row.effectiveFrom,
  };
}

/** The same facts from an item as the API answers it (ISO strings; "expired" is an approved waiver past its date). */
export function timedFactsOfPublic(item: {
  waiver: { status: WaiverView; expiresAt: string | null } | null;
  verifiedAt: string | null;
  reverifyDays: number | null;
  autoCheck: string | null;
  effectiveFrom: string | null;
}): Required<Omit<TimedItemFacts, "state" | "required">> {
  const date = (v: string | null) => (v ? new Date(v) : null);
  return {
    waiver: item.waiver ? { status: item.waiver.status === "expired" ? "approved" : item.waiver.status, expiresAt: date(item.waiver.expiresAt) } : null,
    verifiedAt: date(item.verifiedAt),
    reverifyDays: item.reverifyDays,
    autoCheck: item.autoCheck !== null,
    effectiveFrom: date(item.effectiveFrom),
  };
}
