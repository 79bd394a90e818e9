/**
 * The evidence a review decision was made on (issue #16): every item's state, note, evidence and
 * verification, the health, thresholds and recovery statuses, and the tier — kept as JSON on the review
 * (`snapshotAtDecision`). The score, level and blockers are kept beside it in their own columns
 * (scoreAtDecision, levelAtDecision, blockersAtDecision). `diffSnapshots` says what changed since: the
 * service page's "approved on … — changes since". Pure: no database, nothing server-only.
 */
import { z } from "zod";

const itemSnapshot = z.object({
  key: z.string(),
  title: z.string(),
  state: z.string(),
  note: z.string().nullable(),
  naReason: z.string().nullable(),
  evidenceUrl: z.string().nullable(),
  /** required at the service's tier then */
  required: z.boolean(),
  /** set while the item was done because probe evidence verified it */
  autoVerifiedAt: z.string().nullable(),
});

const componentStatus = z.object({ component: z.string(), status: z.string() });

export const decisionSnapshotSchema = z.object({
  v: z.literal(1),
  tier: z.number().int(),
  items: z.array(itemSnapshot),
  health: z.array(z.object({ name: z.string(), status: z.string() })),
  thresholds: z.array(z.object({ label: z.string(), severity: z.string(), status: z.string(), value: z.number().nullable() })),
  recovery: z.array(componentStatus),
  backups: z.array(componentStatus),
});
export type DecisionSnapshot = z.infer<typeof decisionSnapshotSchema>;
export type ItemSnapshot = z.infer<typeof itemSnapshot>;

/** The kept snapshot of a decision, or null (open reviews, decisions from before snapshots were kept). */
export function keptSnapshot(json: unknown): DecisionSnapshot | null {
  return decisionSnapshotSchema.safeParse(json).data ?? null;
}

/** The item fields compared; `title` is not (rewording an item does not change what was signed off). */
export const ITEM_FIELDS = ["state", "note", "naReason", "evidenceUrl", "required", "autoVerifiedAt"] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

export interface FieldChange {
  field: ItemField;
  from: string | boolean | null;
  to: string | boolean | null;
}

export interface ItemChange {
  key: string;
  title: string;
  change: "added" | "removed" | "changed";
  /** for "changed": the fields that differ, in ITEM_FIELDS order */
  fields: FieldChange[];
}

/** A signal (health check, threshold, drill, backup) whose status differs; null: absent on that side. */
export interface StatusChange {
  kind: "health" | "threshold" | "recovery" | "backup";
  name: string;
  from: string | null;
  to: string | null;
}

export interface SnapshotDiff {
  tier: { from: number; to: number } | null;
  items: ItemChange[];
  statuses: StatusChange[];
}

function statusChanges(kind: StatusChange["kind"], then: Map<string, string>, now: Map<string, string>): StatusChange[] {
  const out: StatusChange[] = [];
  for (const [name, from] of then) {
    const to = now.get(name) ?? null;
    if (to !== from) out.push({ kind, name, from, to });
  }
  for (const [name, to] of now) if (!then.has(name)) out.push({ kind, name, from: null, to });
  return out;
}

const byName = <T>(list: readonly T[], name: (t: T) => string, status: (t: T) => string) => new Map(list.map((t) => [name(t), status(t)]));

/**
 * What differs between the snapshot a decision was made on and one taken today: the tier, each item added,
 * removed or changed (with the fields that changed), and each signal whose status changed. Items keep the
 * order they have today, removed items follow in their old order; nothing is listed that did not change.
 */
export function diffSnapshots(then: DecisionSnapshot, now: DecisionSnapshot): SnapshotDiff {
  const before = new Map(then.items.map((i) => [i.key, i]));
  const after = new Set(now.items.map((i) => i.key));
  const items: ItemChange[] = [];
  for (const item of now.items) {
    const old = before.get(item.key);
    if (!old) {
      items.push({ key: item.key, title: item.title, change: "added", fields: [] });
      continue;
    }
    const fields = ITEM_FIELDS.filter((f) => old[f] !== item[f]).map((field) => ({ field, from: old[field], to: item[field] }));
    if (fields.length) items.push({ key: item.key, title: item.title, change: "changed", fields });
  }
  for (const old of then.items) if (!after.has(old.key)) items.push({ key: old.key, title: old.title, change: "removed", fields: [] });

  const statuses = [
    ...statusChanges("health", byName(then.health, (h) => h.name, (h) => h.status), byName(now.health, (h) => h.name, (h) => h.status)),
    ...statusChanges("threshold", byName(then.thresholds, (t) => t.label, (t) => t.status), byName(now.thresholds, (t) => t.label, (t) => t.status)),
    ...statusChanges("recovery", byName(then.recovery, (r) => r.component, (r) => r.status), byName(now.recovery, (r) => r.component, (r) => r.status)),
    ...statusChanges("backup", byName(then.backups, (b) => b.component, (b) => b.status), byName(now.backups, (b) => b.component, (b) => b.status)),
  ];
  return { tier: then.tier === now.tier ? null : { from: then.tier, to: now.tier }, items, statuses };
}

export function isEmptyDiff(d: SnapshotDiff): boolean {
  return d.tier === null && d.items.length === 0 && d.statuses.length === 0;
}

const FIELD_WORDS: Record<ItemField, string> = {
  state: "state",
  note: "note",
  naReason: "N/A reason",
  evidenceUrl: "evidence",
  required: "required",
  autoVerifiedAt: "automatic verification",
};
const STATE_WORDS: Record<string, string> = { done: "done", open: "open", na: "N/A" };

/** "state done → open", "note changed", "evidence added" — one field change in words. */
export function describeFieldChange(c: FieldChange): string {
  if (c.field === "state") return `${STATE_WORDS[String(c.from)] ?? c.from} → ${STATE_WORDS[String(c.to)] ?? c.to}`;
  if (c.field === "required") return c.to ? "now required" : "no longer required";
  if (c.field === "autoVerifiedAt") return c.to ? "verified automatically" : "no longer verified automatically";
  const what = FIELD_WORDS[c.field];
  return c.from === null ? `${what} added` : c.to === null ? `${what} removed` : `${what} changed`;
}

const KIND_WORDS: Record<StatusChange["kind"], string> = { health: "Health check", threshold: "Threshold", recovery: "Recovery drill", backup: "Backup" };

/** "Threshold Error rate: ok → breached" */
export function describeStatusChange(c: StatusChange): string {
  return `${KIND_WORDS[c.kind]} ${c.name}: ${c.from ?? "none"} → ${c.to ?? "removed"}`;
}

export interface SnapshotSources {
  tier: number;
  items: readonly (Omit<ItemSnapshot, "autoVerifiedAt" | "required"> & { required: boolean; requiredUpToTier: number | null; autoVerifiedAt: Date | null })[];
  health: readonly { checkName: string; status: string }[];
  thresholds: readonly { label: string; severity: string; status: string; value: number | null }[];
  recovery: readonly { component: string; status: string }[];
  backups: readonly { component: string; status: string }[];
}

/** A snapshot of loaded rows; `required` is whether each item is required at `tier`. */
export function snapshotOf(s: SnapshotSources): DecisionSnapshot {
  return {
    v: 1,
    tier: s.tier,
    items: s.items.map((i) => ({
      key: i.key,
      title: i.title,
      state: i.state,
      note: i.note,
      naReason: i.naReason,
      evidenceUrl: i.evidenceUrl,
      required: i.required && (i.requiredUpToTier === null || s.tier <= i.requiredUpToTier),
      autoVerifiedAt: i.autoVerifiedAt ? i.autoVerifiedAt.toISOString() : null,
    })),
    health: s.health.map((h) => ({ name: h.checkName, status: h.status })),
    thresholds: s.thresholds.map((t) => ({ label: t.label, severity: t.severity, status: t.status, value: t.value })),
    recovery: s.recovery.map((r) => ({ component: r.component, status: r.status })),
    backups: s.backups.map((b) => ({ component: b.component, status: b.status })),
  };
}

/** What the service page shows under an approval: what changed since the snapshot it was given on. */
export interface ChangesSince {
  decidedAt: Date;
  diff: SnapshotDiff;
  scoreThen: number | null;
  scoreNow: number;
  /** blocker messages open now that were not when approved, and those gone since */
  blockersAdded: string[];
  blockersGone: string[];
}

export function changesSince(
  approval: { decidedAt: Date; scoreAtDecision: number | null; blockersAtDecision: readonly { message: string }[] | null; snapshot: DecisionSnapshot },
  now: { snapshot: DecisionSnapshot; score: number; blockers: readonly { message: string }[] },
): ChangesSince {
  const then = new Set((approval.blockersAtDecision ?? []).map((b) => b.message));
  const current = new Set(now.blockers.map((b) => b.message));
  return {
    decidedAt: approval.decidedAt,
    diff: diffSnapshots(approval.snapshot, now.snapshot),
    scoreThen: approval.scoreAtDecision,
    scoreNow: now.score,
    blockersAdded: [...current].filter((m) => !then.has(m)),
    blockersGone: [...then].filter((m) => !current.has(m)),
  };
}
