/**
 * Templates on services: applying a template copies its items into the service's checklist;
 * re-syncing adds items the template gained, refreshes wording, and archives items the template
 * dropped. Ticked state, notes and evidence are never touched here.
 */
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

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

export async function syncServiceChecklist(serviceId: string, tx: Tx): Promise<ChecklistSyncResult> {
  const applied = await tx.serviceTemplate.findMany({
    where: { serviceId },
    orderBy: { appliedAt: "asc" },
    include: {
      template: {
        include: {
          items: { include: { section: true }, orderBy: { position: "asc" } },
        },
      },
    },
  });
  const existing = await tx.serviceChecklistItem.findMany({ where: { serviceId } });
  const byTemplateItem = new Map(existing.filter((e) => e.templateItemId).map((e) => [e.templateItemId!, e]));
  const usedKeys = new Set(existing.map((e) => e.key));
  let position = existing.reduce((max, e) => Math.max(max, e.position), -1) + 1;

  const toCreate: Prisma.ServiceChecklistItemCreateManyInput[] = [];
  let updated = 0;
  const archiveIds: string[] = [];

  for (const { template } of applied) {
    for (const item of template.items) {
      const current = byTemplateItem.get(item.id);
      if (item.archivedAt) {
        if (current && !current.archivedAt) archiveIds.push(current.id);
        continue;
      }
      const fields = {
        sectionKey: item.section.key,
        sectionTitle: item.section.title,
        title: item.title,
        guidance: item.guidance,
        severity: item.severity,
        required: item.required,
        autoCheck: item.autoCheck,
        autoCheckParam: item.autoCheckParam,
      };
      if (!current) {
        // Item keys are unique per service; a second template with the same key gets a prefix.
        const key = usedKeys.has(item.key) ? `${template.key}-${item.key}` : item.key;
        usedKeys.add(key);
        toCreate.push({ serviceId, templateItemId: item.id, key, position: position++, ...fields });
      } else if (
        current.archivedAt ||
        (Object.keys(fields) as (keyof typeof fields)[]).some((k) => current[k] !== fields[k])
      ) {
        await tx.serviceChecklistItem.update({ where: { id: current.id }, data: { ...fields, archivedAt: null } });
        updated++;
      }
    }
  }
  if (toCreate.length) await tx.serviceChecklistItem.createMany({ data: toCreate });
  if (archiveIds.length) {
    await tx.serviceChecklistItem.updateMany({ where: { id: { in: archiveIds } }, data: { archivedAt: new Date() } });
  }
  return { added: toCreate.length, updated, archived: archiveIds.length };
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
