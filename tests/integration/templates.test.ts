import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { applyTemplates, syncServiceChecklist } from "@/lib/checklists/apply";
import { loadTemplateDir } from "@/lib/templates/load";
import type { TemplateFile } from "@/lib/templates/schema";
import { syncTemplate, syncTemplates } from "@/lib/templates/sync";

async function snapshot() {
  const [templates, sections, items] = await Promise.all([
    db.checklistTemplate.findMany({ orderBy: { key: "asc" } }),
    db.templateSection.findMany({ orderBy: { id: "asc" } }),
    db.templateItem.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { templates, sections, items };
}

const small: TemplateFile = {
  key: "small",
  name: "Small",
  description: "A small template.",
  sections: [
    {
      key: "ops",
      title: "Operations",
      items: [
        { key: "backups", title: "Set up automated database backups", guidance: "Daily.", severity: "critical", required: true },
        { key: "restore", title: "Test backup restoration procedure", guidance: "Regularly.", severity: "high", required: true },
      ],
    },
  ],
};

describe("template loader", () => {
  it("the built-in templates are loaded in the test database, and loading them again changes nothing", async () => {
    const before = await snapshot();
    expect(before.templates.map((t) => t.key)).toEqual(["baseline", "cryptopulse", "glasswork", "hyperterse", "trailbase"]);
    const results = await syncTemplates(loadTemplateDir(), { builtIn: true });
    expect(results.every((r) => !r.created && r.itemsAdded + r.itemsUpdated + r.itemsArchived === 0)).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it("re-loading adds new items, keeps ticked state, and archives removed items instead of dropping them", async () => {
    await syncTemplate(small);
    const team = await db.team.create({ data: { slug: "t-sync", name: "Sync" } });
    const service = await db.service.create({ data: { teamId: team.id, slug: "svc-sync", name: "Svc" } });
    await db.$transaction((tx) => applyTemplates(service.id, ["small"], tx));
    await db.serviceChecklistItem.update({
      where: { serviceId_key: { serviceId: service.id, key: "backups" } },
      data: { state: "done", note: "nightly at 02:00" },
    });

    // The template gains an item and loses one; the file is loaded again.
    const next: TemplateFile = structuredClone(small);
    next.sections[0]!.items = [
      next.sections[0]!.items[0]!,
      { key: "offsite", title: "Store backups in multiple locations", guidance: "Local, cloud, off-site.", severity: "high", required: true },
    ];
    const result = await syncTemplate(next);
    expect(result).toMatchObject({ itemsAdded: 1, itemsUpdated: 0, itemsArchived: 1 });
    expect(await syncTemplate(next)).toMatchObject({ itemsAdded: 0, itemsUpdated: 0, itemsArchived: 0 });

    const sync = await db.$transaction((tx) => syncServiceChecklist(service.id, tx));
    expect(sync).toEqual({ added: 1, updated: 0, archived: 1 });
    const items = await db.serviceChecklistItem.findMany({ where: { serviceId: service.id }, orderBy: { position: "asc" } });
    expect(items.map((i) => [i.key, i.state, i.archivedAt ? "archived" : "active"])).toEqual([
      ["backups", "done", "active"],
      ["restore", "open", "archived"],
      ["offsite", "open", "active"],
    ]);
    expect(items[0]!.note).toBe("nightly at 02:00");
    // Syncing again is a no-op.
    expect(await db.$transaction((tx) => syncServiceChecklist(service.id, tx))).toEqual({ added: 0, updated: 0, archived: 0 });
  });

  it("two templates with the same item key on one service get distinct keys", async () => {
    const other: TemplateFile = { ...structuredClone(small), key: "small-two", name: "Small two" };
    await syncTemplate(small);
    await syncTemplate(other);
    const team = await db.team.create({ data: { slug: "t-two", name: "Two" } });
    const service = await db.service.create({ data: { teamId: team.id, slug: "svc-two", name: "Two" } });
    await db.$transaction((tx) => applyTemplates(service.id, ["small", "small-two"], tx));
    const keys = (await db.serviceChecklistItem.findMany({ where: { serviceId: service.id } })).map((i) => i.key).sort();
    expect(keys).toEqual(["backups", "restore", "small-two-backups", "small-two-restore"]);
  });

  it("refuses unknown template keys without writing anything", async () => {
    const team = await db.team.create({ data: { slug: "t-unknown", name: "Unknown" } });
    const service = await db.service.create({ data: { teamId: team.id, slug: "svc-unknown", name: "U" } });
    await expect(db.$transaction((tx) => applyTemplates(service.id, ["small", "nope"], tx))).rejects.toThrow(/nope/);
    expect(await db.serviceChecklistItem.count({ where: { serviceId: service.id } })).toBe(0);
  });
});
