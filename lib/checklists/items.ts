/** Reading and changing checklist items, with optimistic concurrency (every write names the version it read). */
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import type { Prisma } from "@/lib/generated/prisma/client";
import { fromDbAutoCheck } from "@/lib/templates/auto-check";
import { ApiError } from "@/lib/http/errors";
import { requireService } from "@/lib/services/access";

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v), "must be an http(s) URL");

export const updateItemSchema = z
  .object({
    state: z.enum(["open", "done", "na"]),
    note: z.string().trim().max(2000).nullable().optional(),
    evidenceUrl: z.union([httpUrl, z.literal(""), z.null()]).optional(),
    reason: z.string().trim().max(1000).optional(),
    version: z.number().int().min(1),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.state === "na" && !v.reason?.trim()) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Marking an item N/A needs a reason." });
    }
  });
export type UpdateItemInput = z.infer<typeof updateItemSchema>;

const itemInclude = { updatedBy: { select: { email: true, name: true } } } satisfies Prisma.ServiceChecklistItemInclude;
type ItemRow = Prisma.ServiceChecklistItemGetPayload<{ include: typeof itemInclude }>;

export function publicItem(i: ItemRow) {
  return {
    key: i.key,
    title: i.title,
    section: i.sectionTitle,
    sectionKey: i.sectionKey,
    severity: i.severity,
    required: i.required,
    guidance: i.guidance,
    autoCheck: fromDbAutoCheck(i.autoCheck) ?? null,
    state: i.state,
    note: i.note,
    naReason: i.naReason,
    evidenceUrl: i.evidenceUrl,
    updatedAt: i.updatedAt.toISOString(),
    updatedBy: i.updatedBy ? (i.updatedBy.name ?? i.updatedBy.email) : null,
    version: i.version,
  };
}
export type PublicItem = ReturnType<typeof publicItem>;

export async function listChecklist(serviceId: string) {
  return db.serviceChecklistItem.findMany({
    where: { serviceId, archivedAt: null },
    orderBy: { position: "asc" },
    include: itemInclude,
  });
}

export async function updateChecklistItem(
  actor: Actor,
  slug: string,
  key: string,
  input: UpdateItemInput,
  ctx: Omit<AuditContext, "actor">,
  now = new Date(),
) {
  const service = await requireService(actor, slug, "checklist:edit");
  const item = await db.serviceChecklistItem.findUnique({ where: { serviceId_key: { serviceId: service.id, key } }, include: itemInclude });
  if (!item || item.archivedAt) throw new ApiError("not_found", `No checklist item "${key}" on ${service.name}.`);

  const data = {
    state: input.state,
    naReason: input.state === "na" ? input.reason!.trim() : null,
    ...(input.note !== undefined ? { note: input.note || null } : {}),
    ...(input.evidenceUrl !== undefined ? { evidenceUrl: input.evidenceUrl || null } : {}),
  };
  return db.$transaction(async (tx) => {
    // The version in the WHERE makes a stale write change nothing.
    const { count } = await tx.serviceChecklistItem.updateMany({
      where: { id: item.id, version: input.version },
      data: { ...data, version: { increment: 1 }, updatedById: actor.userId, updatedAt: now },
    });
    if (count === 0) {
      const current = await tx.serviceChecklistItem.findUniqueOrThrow({ where: { id: item.id }, include: itemInclude });
      throw new ApiError(
        "conflict",
        `Someone else changed "${item.title}" (now ${current.state}${current.updatedBy ? ` by ${current.updatedBy.name ?? current.updatedBy.email}` : ""}). Review their change, then re-apply yours.`,
        undefined,
        undefined,
        { current: publicItem(current) },
      );
    }
    const updated = await tx.serviceChecklistItem.findUniqueOrThrow({ where: { id: item.id }, include: itemInclude });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: "checklist.update",
      targetType: "checklist_item",
      targetId: `${service.slug}/${key}`,
      before: { state: item.state, note: item.note, naReason: item.naReason, evidenceUrl: item.evidenceUrl, version: item.version },
      after: { state: updated.state, note: updated.note, naReason: updated.naReason, evidenceUrl: updated.evidenceUrl, version: updated.version },
    });
    return updated;
  });
}
