import { describe, expect, it } from "vitest";
import { mergeFields, normaliseTitle, planChecklist, type PlanExistingItem, type PlanTemplateItem } from "@/lib/checklists/merge";

function tpl(templateKey: string, key: string, over: Partial<PlanTemplateItem> = {}): PlanTemplateItem {
  return {
    id: `${templateKey}:${key}`,
    templateKey,
    key,
    practice: null,
    sectionKey: "s",
    sectionTitle: "S",
    title: `${templateKey} ${key}`,
    guidance: "",
    severity: "medium",
    required: false,
    requiredUpToTier: null,
    autoCheck: null,
    autoCheckParam: null,
    reverifyDays: null,
    effectiveFrom: null,
    archived: false,
    ...over,
  };
}

/** The item the plan would leave for `t` (an existing item after applying its fields). */
function existingFrom(id: string, key: string, members: PlanTemplateItem[], over: Partial<PlanExistingItem> = {}): PlanExistingItem {
  return { id, key, position: 0, archived: false, touched: false, sourceIds: members.map((m) => m.id), ...mergeFields(members), ...over };
}

const baseline = tpl("baseline", "backups-offsite", { practice: "backups-offsite", title: "Keep backups in more than one place", severity: "high", required: true });
const guideA = tpl("cryptopulse", "multiple-locations", { practice: "backups-offsite", title: "Store backups in multiple locations", severity: "critical", required: false });
const guideA2 = tpl("cryptopulse", "env-backup", { practice: "backups-offsite", title: "Keep a backup of the .env file", severity: "low", required: false });
const guideB = tpl("trailbase", "periodic-backups", { practice: "backups-offsite", title: "Use periodic backups to another drive" });
const loner = tpl("cryptopulse", "cdn", { title: "Set up CDN (if needed)" });

describe("mergeFields", () => {
  it("is required up to the least critical tier a required source names, and at every tier when one names none", () => {
    const t1 = { ...baseline, requiredUpToTier: 1 };
    const t2 = { ...guideA, required: true, requiredUpToTier: 2 };
    expect(mergeFields([t1, t2]).requiredUpToTier).toBe(2);
    expect(mergeFields([t1, { ...guideA, required: true }]).requiredUpToTier).toBeNull();
    // a source that is not required does not widen the tiers
    expect(mergeFields([t1, { ...guideA2, requiredUpToTier: 3 }]).requiredUpToTier).toBe(1);
  });

  it("takes the wording of the item defining the practice, the highest severity and required when any source is", () => {
    const f = mergeFields([guideA, baseline, guideA2]);
    expect(f).toMatchObject({ templateItemId: baseline.id, title: baseline.title, severity: "critical", required: true, practice: "backups-offsite" });
  });

  it("takes the first source's wording when no source defines the practice", () => {
    expect(mergeFields([guideA2, guideA]).title).toBe(guideA2.title);
  });

  it("keeps an auto-check of any source", () => {
    const checked = tpl("glasswork", "hsts", { practice: "backups-offsite", autoCheck: "hsts" });
    expect(mergeFields([baseline, checked])).toMatchObject({ autoCheck: "hsts", title: baseline.title });
  });
});

describe("planChecklist", () => {
  it("makes one item per practice when the baseline and a guide are applied together", () => {
    const plan = planChecklist([baseline, guideA, guideA2, loner], []);
    expect(plan.create.map((c) => c.fields.title)).toEqual([baseline.title, loner.title]);
    expect(plan.sources.filter((s) => s.item === plan.create[0]!.ref).map((s) => s.templateItemId)).toEqual([baseline.id, guideA.id, guideA2.id]);
  });

  it("merges duplicates within one guide and across two guides", () => {
    const plan = planChecklist([guideA, guideA2, guideB], []);
    expect(plan.create).toHaveLength(1);
    expect(plan.create[0]!.fields.title).toBe(guideA.title);
    expect(plan.sources).toHaveLength(3);
  });

  it("joins a guide applied later to the item the baseline made, keeping its key and ticks", () => {
    const item = existingFrom("i1", "backups-offsite", [baseline], { touched: true });
    const plan = planChecklist([baseline, guideA], [item]);
    expect(plan.create).toEqual([]);
    expect(plan.update).toEqual([{ id: "i1", fields: expect.objectContaining({ severity: "critical", title: baseline.title }), revive: false }]);
    expect(plan.sources).toEqual([
      { templateItemId: baseline.id, item: "i1" },
      { templateItemId: guideA.id, item: "i1" },
    ]);
  });

  it("joins the baseline applied after a guide to the guide's item, and takes the baseline's wording", () => {
    const item = existingFrom("i1", "multiple-locations", [guideA], { touched: true });
    const plan = planChecklist([guideA, baseline], [item]);
    expect(plan.create).toEqual([]);
    expect(plan.update[0]).toMatchObject({ id: "i1", fields: { title: baseline.title, templateItemId: baseline.id } });
  });

  it("writes nothing when the checklist is already in line", () => {
    const item = existingFrom("i1", "backups-offsite", [baseline, guideA]);
    const plan = planChecklist([baseline, guideA], [item]);
    expect(plan).toEqual({ create: [], update: [], archive: [], sources: [
      { templateItemId: baseline.id, item: "i1" },
      { templateItemId: guideA.id, item: "i1" },
    ] });
  });

  it("keeps an item while another applied template covers it, and archives it when none does", () => {
    const item = existingFrom("i1", "backups-offsite", [baseline, guideA], { touched: true });
    const guideRemoved = planChecklist([baseline], [item]);
    expect(guideRemoved.archive).toEqual([]);
    expect(guideRemoved.sources).toEqual([{ templateItemId: baseline.id, item: "i1" }]);
    const baselineRemoved = planChecklist([guideA], [item]);
    expect(baselineRemoved.archive).toEqual([]);
    expect(baselineRemoved.update[0]).toMatchObject({ fields: { title: guideA.title } });
    const bothRemoved = planChecklist([], [item]);
    expect(bothRemoved.archive).toEqual(["i1"]);
    // an archived item keeps its sources, so re-applying brings it back with its work
    expect(bothRemoved.sources).toHaveLength(2);
    const reapplied = planChecklist([guideA], [{ ...item, archived: true }]);
    expect(reapplied.create).toEqual([]);
    expect(reapplied.update[0]).toMatchObject({ id: "i1", revive: true });
  });

  it("archives an item whose template item was archived unless another source covers it", () => {
    const item = existingFrom("i1", "backups-offsite", [baseline]);
    expect(planChecklist([{ ...baseline, archived: true }], [item]).archive).toEqual(["i1"]);
    const shared = existingFrom("i2", "backups-offsite", [baseline, guideA]);
    expect(planChecklist([{ ...baseline, archived: true }, guideA], [shared]).archive).toEqual([]);
  });

  it("never archives custom items", () => {
    const custom: PlanExistingItem = { ...existingFrom("c1", "custom-x", [loner]), sourceIds: [], practice: null };
    expect(planChecklist([], [custom]).archive).toEqual([]);
  });

  it("merges an untouched duplicate from before practices existed, and leaves worked-on duplicates alone", () => {
    const a = existingFrom("a", "backups-offsite", [baseline], { position: 0, touched: false });
    const b = existingFrom("b", "multiple-locations", [guideA], { position: 1, touched: true });
    const plan = planChecklist([baseline, guideA], [a, b]);
    // the worked-on item is kept and takes the untouched one's sources
    expect(plan.archive).toEqual(["a"]);
    expect(new Set(plan.sources.map((s) => s.item))).toEqual(new Set(["b"]));
    const both = planChecklist([baseline, guideA], [{ ...a, touched: true }, b]);
    expect(both.archive).toEqual([]);
    expect(both.sources).toEqual([
      { templateItemId: baseline.id, item: "a" },
      { templateItemId: guideA.id, item: "b" },
    ]);
  });

  it("prefixes the key of a new item when another template already used it", () => {
    const other = tpl("glasswork", "cdn", { title: "Serve static assets from a CDN" });
    const plan = planChecklist([loner, other], []);
    expect(plan.create.map((c) => c.key)).toEqual(["cdn", "glasswork-cdn"]);
  });
});

describe("normaliseTitle", () => {
  it("treats wording that differs only in small words and punctuation as the same", () => {
    expect(normaliseTitle("Configure domain and DNS")).toBe(normaliseTitle("Configure the domain and DNS."));
    expect(normaliseTitle("Store backups in multiple locations")).not.toBe(normaliseTitle("Test backup restoration"));
  });
});
