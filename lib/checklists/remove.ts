/**
 * Removing a template from a service. Kept apart from apply.ts (which decides how templates are applied):
 * the template's untouched items go; an item with a tick (done or N/A), a note or evidence is kept as a
 * custom item of the service, marked with the template it came from, so nobody's work is lost.
 */
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { ApiError } from "@/lib/http/errors";
import { requireService } from "@/lib/services/access";

export interface RemoveTemplateResult {
  template: string;
  /** untouched items deleted */
  removed: number;
  /** items with a tick, a note or evidence, kept as custom items */
  kept: { key: string; title: string }[];
}

export async function removeTemplateFromService(actor: Actor, slug: string, key: string, ctx: Omit<AuditContext, "actor">): Promise<RemoveTemplateResult> {
  const service = await requireService(actor, slug, "template:apply");
  const template = await db.checklistTemplate.findUnique({ where: { key }, select: { id: true, key: true, name: true } });
  return db.$transaction(
    async (tx) => {
      const applied = template ? await tx.serviceTemplate.findUnique({ where: { serviceId_templateId: { serviceId: service.id, templateId: template.id } } }) : null;
      if (!template || !applied) throw new ApiError("not_found", `The template "${key}" is not applied to ${service.name}.`);
      const items = await tx.serviceChecklistItem.findMany({
        where: { serviceId: service.id, templateItem: { templateId: template.id } },
        select: { id: true, key: true, title: true, state: true, note: true, evidenceUrl: true, archivedAt: true },
        orderBy: { position: "asc" },
      });
      const touched = (i: (typeof items)[number]) => i.state !== "open" || Boolean(i.note?.trim()) || Boolean(i.evidenceUrl);
      const keep = items.filter(touched);
      const drop = items.filter((i) => !touched(i));
      if (drop.length) await tx.serviceChecklistItem.deleteMany({ where: { id: { in: drop.map((i) => i.id) } } });
      if (keep.length) {
        await tx.serviceChecklistItem.updateMany({ where: { id: { in: keep.map((i) => i.id) } }, data: { templateItemId: null, keptFromTemplate: template.name } });
      }
      await tx.serviceTemplate.delete({ where: { serviceId_templateId: { serviceId: service.id, templateId: template.id } } });
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
