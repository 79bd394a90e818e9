/**
 * Comments on checklist items: a reviewer (or an editor, or an owner) leaves a note on an item without
 * changing its state. Kept with the item, oldest first, and audited (`checklist.comment`); they are not
 * checklist changes, so they never count against an approval (lib/reviews/reviews.ts `approvalDrift`).
 */
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";
import { requireService } from "@/lib/services/access";

export const itemCommentSchema = z
  .object({
    body: z.string().trim().min(1, "Write the comment.").max(4000, "Keep the comment under 4,000 characters."),
  })
  .strict();

const commentInclude = { author: { select: { email: true, name: true } } } satisfies Prisma.ChecklistItemCommentInclude;
export type ItemCommentRow = Prisma.ChecklistItemCommentGetPayload<{ include: typeof commentInclude }>;

/** A comment as the API answers it (`publicItemComment` builds it). */
export const itemCommentOutput = z.strictObject({
  id: z.string(),
  body: z.string(),
  author: z.string().nullable().describe("the author's email; null once they are no longer a user"),
  authorName: z.string().nullable().describe("the author's name, or their email when they have no name"),
  createdAt: z.iso.datetime(),
});

export function publicItemComment(c: ItemCommentRow): z.infer<typeof itemCommentOutput> {
  return {
    id: c.id,
    body: c.body,
    author: c.author?.email ?? null,
    authorName: c.author ? (c.author.name ?? c.author.email) : null,
    createdAt: c.createdAt.toISOString(),
  };
}
export type PublicItemComment = ReturnType<typeof publicItemComment>;

/** The service (if the actor may do `action` on it) and its item, or a 404 naming the item. */
async function requireItem(actor: Actor, slug: string, key: string, action: "team:read" | "checklist:comment") {
  const service = await requireService(actor, slug, action);
  const item = await db.serviceChecklistItem.findFirst({ where: { serviceId: service.id, key, archivedAt: null }, select: { id: true, title: true } });
  if (!item) throw new ApiError("not_found", `No checklist item "${key}" on ${service.name}.`);
  return { service, item };
}

/** The item's comments, oldest first (any member). */
export async function listItemComments(actor: Actor, slug: string, key: string): Promise<ItemCommentRow[]> {
  const { item } = await requireItem(actor, slug, key, "team:read");
  return db.checklistItemComment.findMany({ where: { itemId: item.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: commentInclude });
}

/** Every comment on the service's current items, by item key, oldest first: for the service page. */
export async function commentsByItemKey(serviceId: string): Promise<Record<string, PublicItemComment[]>> {
  const rows = await db.checklistItemComment.findMany({
    where: { item: { serviceId, archivedAt: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { ...commentInclude, item: { select: { key: true } } },
  });
  const out: Record<string, PublicItemComment[]> = {};
  for (const r of rows) (out[r.item.key] ??= []).push(publicItemComment(r));
  return out;
}

/** Comment on an item (owners, editors, reviewers); the item itself is not changed. */
export async function addItemComment(actor: Actor, slug: string, key: string, input: unknown, ctx: Omit<AuditContext, "actor">, now = new Date()): Promise<ItemCommentRow> {
  const { service, item } = await requireItem(actor, slug, key, "checklist:comment");
  const { body } = itemCommentSchema.parse(input);
  return db.$transaction(async (tx) => {
    const comment = await tx.checklistItemComment.create({ data: { itemId: item.id, authorId: actor.userId, body, createdAt: now }, include: commentInclude });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: "checklist.comment",
      targetType: "checklist_item",
      targetId: `${slug}/${key}`,
      after: { item: item.title, comment: body },
    });
    return comment;
  });
}
