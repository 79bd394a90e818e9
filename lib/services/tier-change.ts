/**
 * What changing a service's tier changes (issue #16): the items required only up to some tier
 * (`requiredUpToTier`) that a new tier adds or drops, and whether the team then wants an approved review.
 * Pure (the settings form shows it before saving).
 */
import { requiredAtTier } from "@/lib/readiness/compute";

export interface TierLimitedItem {
  title: string;
  required: boolean;
  requiredUpToTier: number | null;
}

export interface TierChange {
  adds: string[];
  removes: string[];
  /** the team's setting: tiers up to this need an approved, current review (0: none) */
  approvalNeeded: { before: boolean; after: boolean };
  /** a more critical tier makes the current approval stale (lib/reviews/store.ts) */
  staleApproval: boolean;
}

export function tierChange(items: readonly TierLimitedItem[], from: number, to: number, reviewRequiredUpToTier: number): TierChange {
  const adds = items.filter((i) => requiredAtTier(i, to) && !requiredAtTier(i, from)).map((i) => i.title);
  const removes = items.filter((i) => !requiredAtTier(i, to) && requiredAtTier(i, from)).map((i) => i.title);
  return { adds, removes, approvalNeeded: { before: from <= reviewRequiredUpToTier, after: to <= reviewRequiredUpToTier }, staleApproval: to < from };
}

/** The sentences the form shows: "Tier 1 also requires: …", "Tier 3 no longer requires: …". */
export function tierChangeText(c: TierChange, to: number): string[] {
  const out: string[] = [];
  if (c.adds.length) out.push(`Tier ${to} also requires: ${c.adds.join("; ")}.`);
  if (c.removes.length) out.push(`Tier ${to} no longer requires: ${c.removes.join("; ")}.`);
  if (c.approvalNeeded.after && !c.approvalNeeded.before) out.push(`Tier ${to} also needs an approved, current review (the team's setting).`);
  if (!c.approvalNeeded.after && c.approvalNeeded.before) out.push(`Tier ${to} no longer needs an approved review.`);
  if (c.staleApproval) out.push("A more critical tier makes the current approval stale: ask for a new review after saving.");
  return out;
}
