/**
 * Removing a template from a service. Kept apart from apply.ts (which decides how templates are applied):
 * the template's untouched items go; an item with a tick (done or N/A), a note or evidence is kept as a
 * custom item of the service, marked with the template it came from, so nobody's work is lost.
 */
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { ApiError } from "@/lib/http/errors";
import { requireService } from "@/lib/services/access";
import { syncServiceChecklist } from "./apply";

/** What DELETE /api/v1/services/{slug}/templates/{key} answers. */
export const removeTemplateOutput = z.strictObject({
  template: z.string(),
  removed: z.number().int().describe("untouched items deleted"),
  kept: z.array(z.strictObject({ key: z.string(), title: z.string() })).describe("items with a tick, a note or evidence, kept as custom items"),
});
export type RemoveTemplateResult = z.infer<typeof removeTemplateOutput>;

export async function removeTemplateFromService(actor: Actor, slug: string, key: string, ctx: Omit<AuditContext, "actor">): Promise<RemoveTemplateResult> {
  const service = await requireService(actor, slug, "template:apply");
  const template = await db.checklistTemplate.findUnique({ where: { key }, select: { id: true, key: true, name: true } });
  return db.$transaction(
    async (tx) => {
      const applied = template ? await tx.serviceTemplate.findUnique({ where: { serviceId_templateId: { serviceId: service.id, templateId: template.id } } }) : null;
      if (!template || !applied) throw new ApiError("not_found", `The template "${key}" is not applied to ${service.name}.`);
      // Items stand for template items through their sources (decision 0022): an item this template shares
      // with another applied template stays, and the next sync gives it the remaining sources' wording.
      const items = await tx.serviceChecklistItem.findMany({
        where: { serviceId: service.id, sources: { some: { templateItem: { templateId: template.id } } } },
        select: {
          id: true,
          key: true,
          title: true,
          state: true,
          note: true,
          evidenceUrl: true,
          archivedAt: true,
          sources: { select: { templateItem: { select: { templateId: true } } } },
        },
        orderBy: { position: "asc" },
      });
      const onlyThisTemplate = items.filter((i) => i.sources.every((s) => s.templateItem.templateId === template.id));
      const touched = (i: (typeof items)[number]) => i.state !== "open" || Boolean(i.note?.trim()) || Boolean(i.evidenceUrl);
      const keep = onlyThisTemplate.filter(touched);
      const drop = onlyThisTemplate.filter((i) => !touched(i));
      if (drop.length) await tx.serviceChecklistItem.deleteMany({ where: { id: { in: drop.map((i) => i.id) } } });
      if (keep.length) {
        await tx.serviceChecklistItem.updateMany({ where: { id: { in: keep.map((i) => i.id) } }, data: { templateItemId: null, keptFromTemplate: template.name } });
      }
      await tx.serviceItemSource.deleteMany({ where: { serviceId: service.id, templateItem: { templateId: template.id } } });
      await tx.serviceTemplate.delete({ where: { serviceId_templateId: { serviceId: service.id, templateId: template.id } } });
      // Shared items now take their wording, severity and template item from the templates still applied.
      await syncServiceChecklist(service.id, tx);
      const kept = keep.filter((i) => !i.archivedAt).map((i) => ({ key: i.key, title: i.title }));
      await recordAudit(tx, { actor, ...ctx }, {
        teamId: service.teamId,
        serviceId: service.id,
        action: "service.template.remove",
        targetType: "service",
        targetId: slug,
        before: { template: template.key },
        after: { itemsRemoved: drop.length, itemsKept: keep.map((i) => i.key) },
      });
      return { template: template.key, removed: drop.length, kept };
    },
    { timeout: 60_000 },
  );
}
