import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { applyTemplates, syncServiceChecklist } from "@/lib/checklists/apply";
import { normaliseTitle } from "@/lib/checklists/merge";
import { sourceNotes } from "@/lib/checklists/sources";
import { requiredAtTier } from "@/lib/readiness/compute";
import { serviceReadiness } from "@/lib/readiness/service";
import { loadTemplateDir } from "@/lib/templates/load";
import { syncTemplates } from "@/lib/templates/sync";

/** One item per practice on real services made from the built-in templates (docs/decisions/0022). */
const GUIDES = ["hyperterse", "cryptopulse", "trailbase", "glasswork"] as const;
let n = 0;

async function serviceWith(...steps: string[][]) {
  const team = await db.team.create({ data: { slug: `t-practice-${++n}`, name: `Practice ${n}` } });
  const service = await db.service.create({ data: { teamId: team.id, slug: `svc-practice-${n}`, name: `Practice ${n}` } });
  for (const keys of steps) await db.$transaction((tx) => applyTemplates(service.id, keys, tx));
  return service;
}

async function checklistOf(serviceId: string) {
  return db.serviceChecklistItem.findMany({
    where: { serviceId, archivedAt: null },
    orderBy: { position: "asc" },
    include: { sources: { include: { templateItem: { include: { template: { select: { key: true } } } } } } },
  });
}

/** Problems with a checklist: two items of one practice or of near-identical wording, guide items gone missing. */
async function problems(serviceId: string, templateKeys: string[]) {
  const items = await checklistOf(serviceId);
  const found: string[] = [];
  const byPractice = new Map<string, string>();
  const byTitle = new Map<string, string>();
  for (const i of items) {
    if (i.practice) {
      if (byPractice.has(i.practice)) found.push(`practice ${i.practice} twice: "${byPractice.get(i.practice)}" and "${i.title}"`);
      byPractice.set(i.practice, i.title);
    }
    const t = normaliseTitle(i.title);
    if (byTitle.has(t)) found.push(`near-identical titles: "${byTitle.get(t)}" and "${i.title}"`);
    byTitle.set(t, i.title);
  }
  // Every item of every applied template is on the checklist: as an item, or as a source (note) of a merged one.
  const notes = await sourceNotes(items.map((i) => i.id));
  const covered = new Set(items.flatMap((i) => i.sources.map((s) => `${s.templateItem.template.key}:${s.templateItem.key}`)));
  const shown = new Set(items.flatMap((i) => [i.title, ...(notes.get(i.id) ?? []).map((s) => s.title)]));
  const perTemplate: Record<string, number> = {};
  for (const key of templateKeys) {
    const tplItems = await db.templateItem.findMany({ where: { template: { key }, archivedAt: null } });
    perTemplate[key] = tplItems.length;
    for (const t of tplItems) {
      if (!covered.has(`${key}:${t.key}`)) found.push(`${key}:${t.key} is on no item`);
      if (!shown.has(t.title)) found.push(`${key}:${t.key} "${t.title}" is neither a title nor a source note`);
    }
  }
  return { items, found, perTemplate };
}

const report: string[] = [];
function record(label: string, items: number, blockers: number, perTemplate: Record<string, number>) {
  const line = `${label.padEnd(28)} ${String(items).padStart(3)} items ${String(blockers).padStart(3)} blockers   seed items all present: ${Object.entries(perTemplate).map(([k, v]) => `${k} ${v}`).join(", ")}`;
  report.push(line);
  console.log(line);
}

describe("one item per practice", () => {
  it("the built-in templates carry practice keys", async () => {
    await syncTemplates(loadTemplateDir(), { builtIn: true });
    expect(await db.templateItem.count({ where: { practice: null, archivedAt: null, template: { builtIn: true } } })).toBe(0);
  });

  const baselineItems = () => db.templateItem.count({ where: { template: { key: "baseline" }, archivedAt: null } });
  /** required of a service of `tier` (the services here have the default tier, 2) */
  const baselineRequired = (tier: number) =>
    db.templateItem.count({ where: { template: { key: "baseline" }, archivedAt: null, required: true, OR: [{ requiredUpToTier: null }, { requiredUpToTier: { gte: tier } }] } });

  it("the baseline alone, and with each guide, gives one item per practice and keeps every guide item", async () => {
    const combos = [["baseline"], ...GUIDES.map((g) => ["baseline", g]), ["baseline", ...GUIDES]];
    for (const keys of combos) {
      const service = await serviceWith(keys);
      const { items, found, perTemplate } = await problems(service.id, keys);
      expect(found, `${keys.join(" + ")}:\n${found.join("\n")}`).toEqual([]);
      const { blockers } = await serviceReadiness(service.id);
      record(keys.join(" + "), items.length, blockers.length, perTemplate);
      // Every guide item is one of the baseline's sources, so a guide adds no item to the baseline, and a
      // practice blocks once: required when any of its sources is, as the baseline already is.
      expect(items).toHaveLength(await baselineItems());
      expect(blockers).toHaveLength(await baselineRequired(service.tier));
    }
  });

  it("each guide alone and two guides together give one item per practice and keep every guide item", async () => {
    const combos = [...GUIDES.map((g) => [g]), ...GUIDES.flatMap((a, i) => GUIDES.slice(i + 1).map((b) => [a, b]))];
    for (const keys of combos) {
      const service = await serviceWith(keys);
      const { items, found, perTemplate } = await problems(service.id, keys);
      expect(found, `${keys.join(" + ")}:\n${found.join("\n")}`).toEqual([]);
      const { blockers } = await serviceReadiness(service.id);
      record(keys.join(" + "), items.length, blockers.length, perTemplate);
      // one blocker per open required item, and never more items than template items
      expect(blockers).toHaveLength(items.filter((i) => requiredAtTier(i, service.tier)).length);
      expect(items.length).toBeLessThanOrEqual(Object.values(perTemplate).reduce((a, b) => a + b, 0));
    }
  });

  it("a guide applied first and the baseline later give the same checklist, and ticks on the guide's items count for the practice", async () => {
    const together = await checklistOf((await serviceWith(["baseline", "cryptopulse"])).id);
    const service = await serviceWith(["cryptopulse"]);
    const first = await checklistOf(service.id);
    const ticked = first[0]!;
    await db.serviceChecklistItem.update({ where: { id: ticked.id }, data: { state: "done", note: "done before the baseline", version: { increment: 1 } } });
    await db.$transaction((tx) => applyTemplates(service.id, ["baseline"], tx));
    const later = await checklistOf(service.id);
    expect(later).toHaveLength(together.length);
    expect(new Set(later.map((i) => i.practice))).toEqual(new Set(together.map((i) => i.practice)));
    const merged = later.find((i) => i.id === ticked.id)!;
    // the baseline's wording now, the guide's kept as a note, the tick and note untouched
    expect(merged).toMatchObject({ state: "done", note: "done before the baseline", key: ticked.key, title: together.find((i) => i.practice === ticked.practice)!.title });
    expect((await sourceNotes([merged.id])).get(merged.id)!.map((s) => s.title)).toContain(ticked.title);
    const { blockers } = await serviceReadiness(service.id);
    expect(blockers.map((b) => b.message)).not.toContain(`Required item open: ${merged.title}`);
    // and again in the other order: re-applying and re-syncing write nothing
    await db.$transaction((tx) => applyTemplates(service.id, ["cryptopulse", "baseline"], tx));
    expect(await db.$transaction((tx) => syncServiceChecklist(service.id, tx))).toEqual({ added: 0, updated: 0, archived: 0 });
  });

  it("re-loading the templates writes nothing to a merged checklist", async () => {
    const service = await serviceWith(["baseline", "glasswork", "trailbase"]);
    const before = await checklistOf(service.id);
    await syncTemplates(loadTemplateDir(), { builtIn: true });
    expect(await db.$transaction((tx) => syncServiceChecklist(service.id, tx))).toEqual({ added: 0, updated: 0, archived: 0 });
    expect(await checklistOf(service.id)).toEqual(before);
  });

  it("removing a template keeps the items another applied template covers, with their ticks", async () => {
    const service = await serviceWith(["baseline", "trailbase"]);
    const baselineId = (await db.checklistTemplate.findUniqueOrThrow({ where: { key: "baseline" } })).id;
    const items = await checklistOf(service.id);
    const fromTrailbase = items.filter((i) => i.sources.some((s) => s.templateItem.template.key === "trailbase"));
    const ticked = fromTrailbase[0]!;
    await db.serviceChecklistItem.update({ where: { id: ticked.id }, data: { state: "done", version: { increment: 1 } } });

    // what a "remove a template" function does: drop the ServiceTemplate row, then sync
    await db.serviceTemplate.delete({ where: { serviceId_templateId: { serviceId: service.id, templateId: baselineId } } });
    const r = await db.$transaction((tx) => syncServiceChecklist(service.id, tx));
    const left = await checklistOf(service.id);
    expect(r.archived).toBe(items.length - fromTrailbase.length);
    expect(left.map((i) => i.id).sort()).toEqual(fromTrailbase.map((i) => i.id).sort());
    expect(left.find((i) => i.id === ticked.id)).toMatchObject({ state: "done" });
    expect(left.every((i) => i.sources.every((s) => s.templateItem.template.key === "trailbase"))).toBe(true);
    const { found } = await problems(service.id, ["trailbase"]);
    expect(found).toEqual([]);

    // applying the baseline again brings its archived items back rather than making new ones
    await db.$transaction((tx) => applyTemplates(service.id, ["baseline"], tx));
    expect((await checklistOf(service.id)).map((i) => i.id).sort()).toEqual(items.map((i) => i.id).sort());
  });

  it("a checklist with duplicates from before practices merges only the untouched ones", async () => {
    // Build the old shape by hand: the baseline's items, then cryptopulse's as separate items without practices.
    const service = await serviceWith(["baseline"]);
    const crypto = await db.checklistTemplate.findUniqueOrThrow({ where: { key: "cryptopulse" }, include: { items: { include: { section: true }, orderBy: { position: "asc" } } } });
    await db.serviceTemplate.create({ data: { serviceId: service.id, templateId: crypto.id } });
    const taken = new Set((await checklistOf(service.id)).map((i) => i.key));
    for (const [p, t] of crypto.items.entries()) {
      const item = await db.serviceChecklistItem.create({
        data: {
          serviceId: service.id,
          templateItemId: t.id,
          key: taken.has(t.key) ? `cryptopulse-${t.key}` : t.key,
          sectionKey: t.section.key,
          sectionTitle: t.section.title,
          title: t.title,
          guidance: t.guidance,
          severity: t.severity,
          required: t.required,
          position: 1000 + p,
          ...(p < 3 ? { state: "done" as const, version: 2 } : {}),
        },
      });
      await db.serviceItemSource.create({ data: { serviceId: service.id, itemId: item.id, templateItemId: t.id } });
    }
    const before = await checklistOf(service.id);
    expect(before).toHaveLength((await baselineItems()) + crypto.items.length);

    await db.$transaction((tx) => syncServiceChecklist(service.id, tx));
    const after = await checklistOf(service.id);
    // the three ticked cryptopulse items stay beside the baseline's (nobody's work is merged away) ...
    const ticked = before.filter((i) => i.state === "done").map((i) => i.id);
    expect(after.filter((i) => ticked.includes(i.id))).toHaveLength(3);
    // ... every other duplicate is gone, and every cryptopulse item is still on some item
    const practices = new Set(after.map((i) => i.practice));
    expect(after.length).toBeLessThanOrEqual((await baselineItems()) + 3);
    expect(practices.size).toBe(await baselineItems());
    const covered = new Set(after.flatMap((i) => i.sources.map((s) => s.templateItemId)));
    expect(crypto.items.filter((t) => !covered.has(t.id))).toEqual([]);
    expect(await db.$transaction((tx) => syncServiceChecklist(service.id, tx))).toEqual({ added: 0, updated: 0, archived: 0 });
  });

  it("prints the counts", () => {
    console.log(`\nOne item per practice (items and blockers on a fresh service):\n${report.join("\n")}\n`);
    expect(report.length).toBeGreaterThan(0);
  });
});
