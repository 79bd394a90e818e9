/**
 * Deciding a waiver (docs/decisions/0037): an owner or reviewer other than whoever asked approves or
 * rejects a required item's pending N/A. The decision is a compare-and-set on the pending waiver, audited
 * in the same transaction (`waiver.approve` / `waiver.reject`).
 */
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { requireService } from "@/lib/services/access";
import { getChecklistItem } from "./items";

export const waiverDecisionSchema = z
  .object({
    decision: z.enum(["approve", "reject"]),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict();
export type WaiverDecisionInput = z.infer<typeof waiverDecisionSchema>;

export async function decideWaiver(actor: Actor, slug: string, key: string, input: WaiverDecisionInput, ctx: Omit<AuditContext, "actor">, now = new Date()) {
  const service = await requireService(actor, slug, "waiver:decide");
  const item = await db.serviceChecklistItem.findFirst({
    where: { serviceId: service.id, key, archivedAt: null },
    select: { id: true, title: true, state: true, required: true, waiverStatus: true, waiverRequestedById: true, waiverExpiresAt: true, version: true },
  });
  if (!item) throw new ApiError("not_found", `No checklist item "${key}" on ${service.name}.`);
  if (item.state !== "na" || !item.required || item.waiverStatus !== "pending") {
    throw new ApiError("conflict", `"${item.title}" has no waiver awaiting a decision${item.waiverStatus ? ` (it is ${item.waiverStatus})` : ""}.`);
  }
  if (item.waiverRequestedById === actor.userId) {
    throw new ApiError("forbidden", "You asked for this waiver: another owner or reviewer decides it.");
  }
  const status = input.decision === "approve" ? "approved" : "rejected";
  const comment = input.comment || null;
  await db.$transaction(async (tx) => {
    const { count } = await tx.serviceChecklistItem.updateMany({
      where: { id: item.id, version: item.version, waiverStatus: "pending" },
      data: { waiverStatus: status, waiverDecidedById: actor.userId, waiverDecidedAt: now, waiverComment: comment, version: { increment: 1 } },
    });
    if (count === 0) throw new ApiError("conflict", `Someone else changed "${item.title}" first: reload it and decide again.`);
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: `waiver.${input.decision}`,
      targetType: "checklist_item",
      targetId: `${slug}/${key}`,
      before: { item: item.title, waiver: "pending" },
      after: { item: item.title, waiver: status, expiresAt: item.waiverExpiresAt?.toISOString() ?? null, comment },
    });
  });
  return getChecklistItem(item.id);
}
