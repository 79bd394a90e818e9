/**
 * One item per practice (docs/decisions/0022): the pure plan behind `syncServiceChecklist`. Given the items of
 * the templates a service applies and the service's current checklist, it says which items to create, update
 * and archive, and which template items each checklist item stands for (its sources).
 *
 * Template items of one practice (the same `practice` key, e.g. a baseline item and the guide items it merges)
 * become one checklist item. Its wording is that of the item defining the practice (the one whose key is the
 * practice, i.e. the baseline's) or else of the first source in applied order; severity is the highest of its
 * sources and it is required when any source is, the same rule the baseline file was written with, so a tick
 * on it counts once for the practice. The other sources' wording is kept as notes (see `sourceNotes`).
 */
import type { AutoCheckKind, Severity } from "@/lib/generated/prisma/enums";

export interface PlanTemplateItem {
  id: string;
  templateKey: string;
  key: string;
  practice: string | null;
  sectionKey: string;
  sectionTitle: string;
  title: string;
  guidance: string;
  severity: Severity;
  required: boolean;
  requiredUpToTier: number | null;
  autoCheck: AutoCheckKind | null;
  autoCheckParam: number | null;
  reverifyDays: number | null;
  effectiveFrom: Date | null;
  archived: boolean;
}

export interface ItemFields {
  templateItemId: string;
  practice: string | null;
  sectionKey: string;
  sectionTitle: string;
  title: string;
  guidance: string;
  severity: Severity;
  required: boolean;
  /** null: required at every tier (when required) */
  requiredUpToTier: number | null;
  autoCheck: AutoCheckKind | null;
  autoCheckParam: number | null;
  reverifyDays: number | null;
  effectiveFrom: Date | null;
}

export interface PlanExistingItem extends ItemFields {
  id: string;
  key: string;
  position: number;
  archived: boolean;
  /** someone changed it (state, note, evidence or any write): its work is never merged away */
  touched: boolean;
  /** template item ids it stands for; empty for custom items */
  sourceIds: string[];
}

export interface ChecklistPlan {
  create: { ref: string; key: string; fields: ItemFields }[];
  /** changed fields of surviving items; `revive` when an archived item comes back */
  update: { id: string; fields: ItemFields; revive: boolean }[];
  archive: string[];
  /** the complete set of sources afterwards: `item` is an existing id or a `create` ref */
  sources: { templateItemId: string; item: string }[];
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Required up to the least critical tier any required source asks for (a source of every tier: every tier). */
function mergedRequiredUpToTier(members: PlanTemplateItem[]): number | null {
  const tiers = members.filter((m) => m.required).map((m) => m.requiredUpToTier);
  if (tiers.length === 0 || tiers.includes(null)) return null;
  return Math.max(...(tiers as number[]));
}

/** The fields of an item standing for `members` (in applied order, at least one). */
export function mergeFields(members: PlanTemplateItem[]): ItemFields {
  const primary = members.find((m) => m.practice !== null && m.key === m.practice) ?? members[0]!;
  const checked = primary.autoCheck ? primary : members.find((m) => m.autoCheck);
  return {
    templateItemId: primary.id,
    practice: primary.practice,
    sectionKey: primary.sectionKey,
    sectionTitle: primary.sectionTitle,
    title: primary.title,
    guidance: primary.guidance,
    severity: members.reduce((s, m) => (SEVERITY_RANK[m.severity] < SEVERITY_RANK[s] ? m.severity : s), primary.severity),
    required: members.some((m) => m.required),
    requiredUpToTier: mergedRequiredUpToTier(members),
    autoCheck: checked?.autoCheck ?? null,
    autoCheckParam: checked?.autoCheckParam ?? null,
    // the strictest re-verification interval of the guides that ask for one
    reverifyDays: members.reduce<number | null>((d, m) => (m.reverifyDays !== null && (d === null || m.reverifyDays < d) ? m.reverifyDays : d), null),
    // in effect as soon as any guide's rule is: a member without a start date makes it count now
    effectiveFrom: members.every((m) => m.effectiveFrom) ? new Date(Math.min(...members.map((m) => m.effectiveFrom!.getTime()))) : null,
  };
}

const FIELD_KEYS: (keyof ItemFields)[] = [
  "templateItemId",
  "practice",
  "sectionKey",
  "sectionTitle",
  "title",
  "guidance",
  "severity",
  "required",
  "requiredUpToTier",
  "autoCheck",
  "autoCheckParam",
  "reverifyDays",
  "effectiveFrom",
];

const sameField = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);

/**
 * `applied` holds the items of each applied template, templates in the order they were applied and items in
 * template order. Items of templates no longer applied are simply absent: an item none of whose sources is
 * applied any more is archived (never deleted), so removing a template keeps an item another template covers.
 *
 * Checklists from before practices existed may hold two items of one practice. An untouched one (nobody ever
 * wrote to it) is archived and its sources move to the item kept; items someone worked on are left as they are.
 */
export function planChecklist(applied: PlanTemplateItem[], existing: PlanExistingItem[]): ChecklistPlan {
  const live = applied.filter((i) => !i.archived);

  // Practice groups in order of first appearance; an item of no practice is a group of its own.
  const groups = new Map<string, PlanTemplateItem[]>();
  for (const item of live) {
    const g = item.practice !== null ? `p:${item.practice}` : `i:${item.id}`;
    groups.set(g, [...(groups.get(g) ?? []), item]);
  }

  const bySource = new Map<string, PlanExistingItem>();
  for (const e of existing) for (const s of e.sourceIds) bySource.set(s, e);
  const byPosition = (a: PlanExistingItem, b: PlanExistingItem) => a.position - b.position;

  const usedKeys = new Set(existing.map((e) => e.key));
  const targetOf = new Map<string, string>(); // template item id -> existing id or create ref
  const membersOf = new Map<string, PlanTemplateItem[]>(); // existing id or create ref -> its members
  const create: ChecklistPlan["create"] = [];
  const mergedAway = new Set<string>();
  // An item serves one practice: once a group took it, a later group (say, after a template moved an item to
  // another practice) does not pick it up again by its old practice key.
  const claimed = new Set<string>();
  const assign = (item: string, m: PlanTemplateItem) => {
    targetOf.set(m.id, item);
    membersOf.set(item, [...(membersOf.get(item) ?? []), m]);
  };

  for (const members of groups.values()) {
    const practice = members[0]!.practice;
    const linked = new Set(members.map((m) => bySource.get(m.id)).filter((e): e is PlanExistingItem => !!e && !claimed.has(e.id)));
    let candidates = existing
      .filter((e) => !e.archived && !claimed.has(e.id) && (linked.has(e) || (practice !== null && e.practice === practice)))
      .sort(byPosition);
    // Nothing alive: bring back an archived item that stood for one of these (its ticks and notes come back too).
    if (candidates.length === 0) candidates = [...linked].sort(byPosition).slice(0, 1);

    if (candidates.length === 0) {
      const primary = mergeFields(members);
      const first = members.find((m) => m.id === primary.templateItemId)!;
      // Item keys are unique per service; a second template with the same key gets a prefix.
      let key = usedKeys.has(first.key) ? `${first.templateKey}-${first.key}` : first.key;
      for (let n = 2; usedKeys.has(key); n++) key = `${first.templateKey}-${first.key}-${n}`;
      usedKeys.add(key);
      const ref = `new:${create.length}`;
      create.push({ ref, key, fields: primary });
      for (const m of members) assign(ref, m);
      continue;
    }

    const keeper = candidates.find((c) => c.touched) ?? candidates[0]!;
    const keptApart = new Set(candidates.filter((c) => c !== keeper && c.touched).map((c) => c.id));
    for (const c of candidates) {
      claimed.add(c.id);
      if (c !== keeper && !c.touched) mergedAway.add(c.id);
    }
    for (const m of members) {
      const at = bySource.get(m.id);
      assign(at && keptApart.has(at.id) ? at.id : keeper.id, m);
    }
  }

  const update: ChecklistPlan["update"] = [];
  const archive: string[] = [];
  for (const e of existing) {
    const members = membersOf.get(e.id);
    if (members) {
      const fields = mergeFields(members);
      if (e.archived || FIELD_KEYS.some((k) => !sameField(e[k], fields[k]))) update.push({ id: e.id, fields, revive: e.archived });
    } else if (!e.archived && (mergedAway.has(e.id) || e.sourceIds.length > 0)) {
      // no applied template covers it any more (custom items have no sources and always stay)
      archive.push(e.id);
    }
  }

  // Sources afterwards: every live template item where it was assigned; an item that ends archived keeps the
  // sources nobody else took (so re-applying a template brings it back with its work), alive items drop them.
  const archivedAfter = new Set([...archive, ...existing.filter((e) => e.archived && !membersOf.has(e.id)).map((e) => e.id)]);
  const sources: ChecklistPlan["sources"] = [...targetOf].map(([templateItemId, item]) => ({ templateItemId, item }));
  for (const e of existing) {
    if (!archivedAfter.has(e.id)) continue;
    for (const s of e.sourceIds) if (!targetOf.has(s)) sources.push({ templateItemId: s, item: e.id });
  }
  return { create, update, archive, sources };
}

/** Normalised wording, to catch near-identical titles ("Configure domain and DNS" / "Configure the domain and DNS"). */
export function normaliseTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .split(" ")
    .filter((w) => w && !["a", "an", "the", "and", "or", "of", "for", "to", "all", "your"].includes(w))
    .join(" ");
}
