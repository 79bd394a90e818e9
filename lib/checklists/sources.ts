/**
 * Source notes of merged checklist items (docs/decisions/0022): when one item stands for several template items
 * of one practice, the wording of the others is shown beside it, so nothing a guide says is lost in the merge.
 */
import { db } from "@/lib/db";

export interface SourceNote {
  template: string;
  templateKey: string;
  title: string;
}

/** The notes of each item: its sources other than the one whose wording it shows, in template order. */
export async function sourceNotes(itemIds: string[]): Promise<Map<string, SourceNote[]>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db.serviceItemSource.findMany({
    where: { itemId: { in: itemIds } },
    select: {
      itemId: true,
      templateItemId: true,
      item: { select: { templateItemId: true } },
      templateItem: { select: { title: true, position: true, template: { select: { key: true, name: true } } } },
    },
  });
  rows.sort((a, b) => a.templateItem.template.key.localeCompare(b.templateItem.template.key) || a.templateItem.position - b.templateItem.position);
  const notes = new Map<string, SourceNote[]>();
  for (const r of rows) {
    if (r.templateItemId === r.item.templateItemId) continue;
    const note = { template: r.templateItem.template.name, templateKey: r.templateItem.template.key, title: r.templateItem.title };
    notes.set(r.itemId, [...(notes.get(r.itemId) ?? []), note]);
  }
  return notes;
}
