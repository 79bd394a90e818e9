/**
 * Loads templates into the database idempotently: new sections and items are added, changed ones
 * updated, items gone from the file archived (never deleted, so ticked state on services survives).
 * Loading the same files twice writes nothing.
 */
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toDbAutoCheck } from "./auto-check";
import { practiceOf, type TemplateFile } from "./schema";

type Tx = Prisma.TransactionClient;

export interface TemplateSyncResult {
  key: string;
  templateId: string;
  created: boolean;
  itemsAdded: number;
  itemsUpdated: number;
  itemsArchived: number;
}

export async function syncTemplate(tpl: TemplateFile, opts: { builtIn?: boolean; tx?: Tx } = {}): Promise<TemplateSyncResult> {
  const run = async (tx: Tx): Promise<TemplateSyncResult> => {
    let template = await tx.checklistTemplate.findUnique({ where: { key: tpl.key } });
    const created = !template;
    const meta = { name: tpl.name, description: tpl.description, source: tpl.source ?? null, builtIn: opts.builtIn ?? false };
    if (!template) {
      template = await tx.checklistTemplate.create({ data: { key: tpl.key, ...meta } });
    } else if (
      template.name !== meta.name ||
      template.description !== meta.description ||
      template.source !== meta.source ||
      template.builtIn !== meta.builtIn
    ) {
      template = await tx.checklistTemplate.update({ where: { id: template.id }, data: meta });
    }
    const templateId = template.id;

    const sections = new Map((await tx.templateSection.findMany({ where: { templateId } })).map((s) => [s.key, s]));
    const items = new Map((await tx.templateItem.findMany({ where: { templateId } })).map((i) => [i.key, i]));
    let itemsAdded = 0;
    let itemsUpdated = 0;
    let position = 0;
    const keep = new Set<string>();

    for (const [sIndex, section] of tpl.sections.entries()) {
      let row = sections.get(section.key);
      if (!row) {
        row = await tx.templateSection.create({
          data: { templateId, key: section.key, title: section.title, position: sIndex },
        });
      } else if (row.title !== section.title || row.position !== sIndex) {
        row = await tx.templateSection.update({ where: { id: row.id }, data: { title: section.title, position: sIndex } });
      }
      for (const item of section.items) {
        keep.add(item.key);
        const data = {
          sectionId: row.id,
          title: item.title,
          guidance: item.guidance,
          severity: item.severity,
          required: item.required,
          requiredUpToTier: item.requiredUpToTier ?? null,
          autoCheck: toDbAutoCheck(item.autoCheck),
          autoCheckParam: item.autoCheckParam ?? null,
          reverifyDays: item.reverifyDays ?? null,
          effectiveFrom: item.effectiveFrom ? new Date(`${item.effectiveFrom}T00:00:00.000Z`) : null,
          practice: practiceOf(item),
          position: position++,
          archivedAt: null,
        };
        const existing = items.get(item.key);
        if (!existing) {
          await tx.templateItem.create({ data: { templateId, key: item.key, ...data } });
          itemsAdded++;
        } else if ((Object.keys(data) as (keyof typeof data)[]).some((k) => { const [a, b] = [existing[k], data[k]]; return a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b; })) {
          await tx.templateItem.update({ where: { id: existing.id }, data });
          itemsUpdated++;
        }
      }
    }
    const gone = [...items.values()].filter((i) => !keep.has(i.key) && !i.archivedAt).map((i) => i.id);
    if (gone.length) await tx.templateItem.updateMany({ where: { id: { in: gone } }, data: { archivedAt: new Date() } });
    return { key: tpl.key, templateId, created, itemsAdded, itemsUpdated, itemsArchived: gone.length };
  };
  return opts.tx ? run(opts.tx) : db.$transaction(run, { timeout: 30_000 });
}

export async function syncTemplates(templates: TemplateFile[], opts: { builtIn?: boolean } = {}) {
  const results: TemplateSyncResult[] = [];
  for (const tpl of templates) results.push(await syncTemplate(tpl, opts));
  return results;
}
