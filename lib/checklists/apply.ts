/**
 * Templates on services: applying a template copies its items into the service's checklist, one item
 * per practice across all applied templates (docs/decisions/0022); re-syncing adds items the templates
 * gained, refreshes wording, and archives items no applied template covers. Ticked state, notes and
 * evidence are never touched here.
 */
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { planChecklist, type PlanTemplateItem } from "./merge";

type Tx = Prisma.TransactionClient;

export async function applyTemplates(serviceId: string, templateKeys: string[], tx: Tx): Promise<void> {
  if (templateKeys.length === 0) return;
  const templates = await tx.checklistTemplate.findMany({ where: { key: { in: templateKeys } } });
  const missing = templateKeys.filter((k) => !templates.some((t) => t.key === k));
  if (missing.length) throw new Error(`Unknown template(s): ${missing.join(", ")}`);
  await tx.serviceTemplate.createMany({
    data: templates.map((t) => ({ serviceId, templateId: t.id })),
    skipDuplicates: true,
  });
  await syncServiceChecklist(serviceId, tx);
}

export interface ChecklistSyncResult {
  added: number;
  updated: number;
  archived: number;
}

/** Never written to by anyone: the only kind of pre-existing duplicate that is merged away (decision 0022). */
function untouched(i: { state: string; note: string | null; naReason: string | null; evidenceUrl: string | null; version: number; autoVerifiedAt: Date | null }) {
  return i.state === "open" && !i.note && !i.naReason && !i.evidenceUrl && i.version === 1 && !i.autoVerifiedAt;
}

/**
 * Brings a service's checklist in line with the templates it applies: one item per practice (see
 * `planChecklist`), wording refreshed, items no applied template covers any more archived. Callers that
 * remove a template from a service delete its ServiceTemplate row and call this: items another applied
 * template still covers stay, with their ticks.
 */
export async function syncServiceChecklist(serviceId: string, tx: Tx): Promise<ChecklistSyncResult> {
  const applied = await tx.serviceTemplate.findMany({
    where: { serviceId },
    orderBy: [{ appliedAt: "asc" }, { template: { key: "asc" } }],
    include: { template: { include: { items: { include: { section: true }, orderBy: { position: "asc" } } } } },
  });
  const existing = await tx.serviceChecklistItem.findMany({
    where: { serviceId },
    orderBy: { position: "asc" },
    include: { sources: { select: { templateItemId: true } } },
  });
  const templateItems: PlanTemplateItem[] = applied.flatMap(({ template }) =>
    template.items.map((i) => ({
      id: i.id,
      templateKey: template.key,
      key: i.key,
      practice: i.practice,
      sectionKey: i.section.key,
      sectionTitle: i.section.title,
      title: i.title,
      guidance: i.guidance,
      severity: i.severity,
      required: i.required,
      requiredUpToTier: i.requiredUpToTier,
      autoCheck: i.autoCheck,
      autoCheckParam: i.autoCheckParam,
      reverifyDays: i.reverifyDays,
      effectiveFrom: i.effectiveFrom,
      archived: i.archivedAt !== null,
    })),
  );
  const plan = planChecklist(
    templateItems,
    existing.map((e) => ({
      id: e.id,
      key: e.key,
      position: e.position,
      archived: e.archivedAt !== null,
      touched: !untouched(e),
      sourceIds: e.sources.map((s) => s.templateItemId),
      templateItemId: e.templateItemId ?? "",
      practice: e.practice,
      sectionKey: e.sectionKey,
      sectionTitle: e.sectionTitle,
      title: e.title,
      guidance: e.guidance,
      severity: e.severity,
      required: e.required,
      requiredUpToTier: e.requiredUpToTier,
      autoCheck: e.autoCheck,
      autoCheckParam: e.autoCheckParam,
      reverifyDays: e.reverifyDays,
      effectiveFrom: e.effectiveFrom,
    })),
  );

  const ids = new Map<string, string>();
  if (plan.create.length) {
    let position = existing.reduce((max, e) => Math.max(max, e.position), -1) + 1;
    const created = await tx.serviceChecklistItem.createManyAndReturn({
      data: plan.create.map((c) => ({ serviceId, key: c.key, position: position++, ...c.fields })),
      select: { id: true, key: true },
    });
    const idByKey = new Map(created.map((c) => [c.key, c.id]));
    for (const c of plan.create) ids.set(c.ref, idByKey.get(c.key)!);
  }
  for (const u of plan.update) {
    await tx.serviceChecklistItem.update({ where: { id: u.id }, data: { ...u.fields, ...(u.revive ? { archivedAt: null } : {}) } });
  }
  if (plan.archive.length) {
    await tx.serviceChecklistItem.updateMany({ where: { id: { in: plan.archive } }, data: { archivedAt: new Date() } });
  }

  // Sources: drop the rows that changed, then add the new ones (a template item stands for one item per service).
  const want = new Map(plan.sources.map((s) => [s.templateItemId, ids.get(s.item) ?? s.item]));
  const have = existing.flatMap((e) => e.sources.map((s) => ({ itemId: e.id, templateItemId: s.templateItemId })));
  const stale = have.filter((h) => want.get(h.templateItemId) !== h.itemId);
  if (stale.length) {
    await tx.serviceItemSource.deleteMany({
      where: { serviceId, OR: stale.map((h) => ({ itemId: h.itemId, templateItemId: h.templateItemId })) },
    });
  }
  const kept = new Set(have.filter((h) => want.get(h.templateItemId) === h.itemId).map((h) => h.templateItemId));
  const fresh = [...want].filter(([t]) => !kept.has(t)).map(([templateItemId, itemId]) => ({ serviceId, itemId, templateItemId }));
  if (fresh.length) await tx.serviceItemSource.createMany({ data: fresh });
  return { added: plan.create.length, updated: plan.update.length, archived: plan.archive.length };
}

/** Re-sync every service that uses any of the given templates (after a template file changed). */
export async function resyncServicesUsing(templateIds: string[]): Promise<void> {
  const services = await db.serviceTemplate.findMany({
    where: { templateId: { in: templateIds } },
    select: { serviceId: true },
    distinct: ["serviceId"],
  });
  for (const { serviceId } of services) {
    await db.$transaction((tx) => syncServiceChecklist(serviceId, tx), { timeout: 30_000 });
  }
}
