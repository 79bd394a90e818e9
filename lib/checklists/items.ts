/** Reading and changing checklist items, with optimistic concurrency (every write names the version it read). */
import { z } from "zod";
import { db, sqlPool } from "@/lib/db";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { AuditContext } from "@/lib/audit/record";
import type { Prisma } from "@/lib/generated/prisma/client";
import { fromDbAutoCheck } from "@/lib/templates/auto-check";
import { ApiError } from "@/lib/http/errors";

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v), "The evidence link must be a full URL starting with http:// or https://.");

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

const autoEvidenceSchema = z.object({ verified: z.boolean(), summary: z.string(), observedAt: z.string().nullable() });

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
    /** set while the item is done because probe evidence verified it */
    autoVerifiedAt: i.autoVerifiedAt ? i.autoVerifiedAt.toISOString() : null,
    /** the latest evaluation of the item's auto-check: what was seen, or why it is not verified */
    autoEvidence: autoEvidenceSchema.safeParse(i.autoEvidence).data ?? null,
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
): Promise<ItemRow> {
  // One round trip for the service and the item (the hottest write path: plain pg, see docs/decisions/0005).
  const pool = sqlPool();
  const {
    rows: [found],
  } = await pool.query<{
    serviceId: string;
    teamId: string;
    name: string;
    itemId: string | null;
    title: string;
    state: string;
    note: string | null;
    naReason: string | null;
    evidenceUrl: string | null;
    version: number;
    archivedAt: Date | null;
  }>(
    `SELECT s.id AS "serviceId", s."teamId", s.name, i.id AS "itemId", i.title, i.state::text AS state, i.note, i."naReason",
            i."evidenceUrl", i.version, i."archivedAt"
     FROM "Service" s LEFT JOIN "ServiceChecklistItem" i ON i."serviceId" = s.id AND i.key = $2
     WHERE s.slug = $1`,
    [slug, key],
  );
  if (!found) throw new ApiError("not_found", "No such service.");
  authorize(actor, found.teamId, "checklist:edit", "service");
  if (!found.itemId || found.archivedAt) throw new ApiError("not_found", `No checklist item "${key}" on ${found.name}.`);

  const naReason = input.state === "na" ? input.reason!.trim() : null;
  const note = input.note === undefined ? undefined : input.note || null;
  const evidenceUrl = input.evidenceUrl === undefined ? undefined : input.evidenceUrl || null;
  const before = { state: found.state, note: found.note, naReason: found.naReason, evidenceUrl: found.evidenceUrl, version: found.version };
  const who = { userId: actor.userId, email: actor.email, tokenId: actor.tokenId ?? null, via: actor.via };

  // One statement: the version in the WHERE makes a stale write change nothing, and the audit row is
  // written by the same statement, so neither lands without the other (and no interactive transaction).
  const { rows } = await pool.query<Omit<ItemRow, "updatedBy">>(
    `WITH updated AS (
       UPDATE "ServiceChecklistItem" SET
         state = $1::"ItemState",
         "naReason" = $2,
         note = CASE WHEN $3::boolean THEN $4 ELSE note END,
         "evidenceUrl" = CASE WHEN $5::boolean THEN $6 ELSE "evidenceUrl" END,
         version = version + 1,
         -- after a person's change the state is theirs, not "verified automatically" (fresh evidence may verify it again)
         "autoVerifiedAt" = NULL,
         "updatedById" = $7,
         "updatedAt" = $8
       WHERE id = $9 AND version = $10
       RETURNING *
     ), audit AS (
       INSERT INTO "AuditEvent" (at, "teamId", "serviceId", "actorUserId", "actorEmail", "actorTokenId", via, action, "targetType", "targetId", before, after, ip, "requestId")
       SELECT $8, $11, $12, $7, $13, $14, $15::"AuditVia", 'checklist.update', 'checklist_item', $16, $17::jsonb,
              jsonb_build_object('state', u.state, 'note', u.note, 'naReason', u."naReason", 'evidenceUrl', u."evidenceUrl", 'version', u.version),
              $18, $19
       FROM updated u
       RETURNING id
     )
     SELECT u.* FROM updated u, audit`,
    [
      input.state,
      naReason,
      note !== undefined,
      note ?? null,
      evidenceUrl !== undefined,
      evidenceUrl ?? null,
      actor.userId,
      now,
      found.itemId,
      input.version,
      found.teamId,
      found.serviceId,
      who.email,
      who.tokenId,
      who.via,
      `${slug}/${key}`,
      JSON.stringify(before),
      ctx.ip ?? null,
      ctx.requestId ?? null,
    ],
  );
  if (rows.length === 0) {
    const current = await db.serviceChecklistItem.findUniqueOrThrow({ where: { id: found.itemId }, include: itemInclude });
    throw new ApiError(
      "conflict",
      `Someone else changed "${found.title}" (now ${current.state}${current.updatedBy ? ` by ${current.updatedBy.name ?? current.updatedBy.email}` : ""}). Review their change, then re-apply yours.`,
      undefined,
      undefined,
      { current: publicItem(current) },
    );
  }
  return { ...rows[0]!, updatedBy: { email: actor.email, name: actor.name } };
}
