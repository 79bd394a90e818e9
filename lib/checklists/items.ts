/** Reading and changing checklist items, with optimistic concurrency (every write names the version it read). */
import { z } from "zod";
import { db, sqlPool } from "@/lib/db";
import { authorize, teamsWhereActorCan, type Actor } from "@/lib/auth/actor";
import type { AuditContext } from "@/lib/audit/record";
import { Prisma } from "@/lib/generated/prisma/client";
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

/** A checklist item as the API answers it (`publicItem` builds it). */
export const itemOutput = z.strictObject({
  key: z.string(),
  title: z.string(),
  section: z.string(),
  sectionKey: z.string(),
  severity: z.enum(["critical", "high", "medium", "low"]),
  required: z.boolean(),
  guidance: z.string(),
  autoCheck: z.string().nullable(),
  state: z.enum(["open", "done", "na"]),
  note: z.string().nullable(),
  naReason: z.string().nullable(),
  evidenceUrl: z.string().nullable(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().nullable(),
  keptFromTemplate: z.string().nullable().describe("the removed template this item was kept from, as a custom item"),
  version: z.number().int(),
  autoVerifiedAt: z.iso.datetime().nullable().describe("set while the item is done because probe evidence verified it"),
  autoEvidence: z
    .strictObject({ verified: z.boolean(), summary: z.string(), observedAt: z.iso.datetime().nullable() })
    .nullable()
    .describe("the latest evaluation of the item's auto-check: what was seen, or why it is not verified"),
});

export function publicItem(i: ItemRow): z.infer<typeof itemOutput> {
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
    /** the template's name when that template was removed and this item kept (it had a tick, note or evidence) */
    keptFromTemplate: i.keptFromTemplate,
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

/**
 * The item's columns by name (not `*`), so a column added by a later migration never changes the result
 * of a statement an older instance has prepared. They come back as `u_<column>` beside the found row.
 */
const ITEM_FIELDS = Object.values(Prisma.ServiceChecklistItemScalarFieldEnum);
const UPDATED_COLUMNS = ITEM_FIELDS.map((c) => `u."${c}" AS "u_${c}"`).join(", ");

/**
 * The hottest write path, in one prepared statement and one round trip (plain pg, see docs/decisions/0005):
 * it finds the service and the item, updates the item only when the caller may edit the service's team and
 * named the current version, and writes the audit row in the same statement, so neither lands without the
 * other. The found row comes back either way, to tell 404, 403 and 409 apart.
 */
const UPDATE_ITEM_SQL = `
  WITH found AS (
    SELECT s.id AS "serviceId", s."teamId", s.name, s."archivedAt" AS "serviceArchivedAt", i.id AS "itemId", i.title, i.state::text AS state, i.note, i."naReason",
           i."evidenceUrl", i.version, i."archivedAt"
    FROM "Service" s LEFT JOIN "ServiceChecklistItem" i ON i."serviceId" = s.id AND i.key = $2
    WHERE s.slug = $1
  ), updated AS (
    UPDATE "ServiceChecklistItem" it SET
      state = $3::"ItemState",
      "naReason" = $4,
      note = CASE WHEN $5::boolean THEN $6 ELSE it.note END,
      "evidenceUrl" = CASE WHEN $7::boolean THEN $8 ELSE it."evidenceUrl" END,
      version = it.version + 1,
      -- after a person's change the state is theirs, not "verified automatically" (fresh evidence may verify it again)
      "autoVerifiedAt" = NULL,
      "updatedById" = $9,
      "updatedAt" = $10
    FROM found f
    WHERE it.id = f."itemId" AND f."archivedAt" IS NULL AND f."serviceArchivedAt" IS NULL AND f."teamId" = ANY($11::text[]) AND it.version = $12
    RETURNING it.*
  ), audit AS (
    INSERT INTO "AuditEvent" (at, "teamId", "serviceId", "actorUserId", "actorEmail", "actorTokenId", via, action, "targetType", "targetId", before, after, ip, "requestId")
    SELECT $10, f."teamId", f."serviceId", $9, $13, $14, $15::"AuditVia", 'checklist.update', 'checklist_item', $1 || '/' || $2,
           jsonb_build_object('state', f.state, 'note', f.note, 'naReason', f."naReason", 'evidenceUrl', f."evidenceUrl", 'version', f.version),
           jsonb_build_object('state', u.state, 'note', u.note, 'naReason', u."naReason", 'evidenceUrl', u."evidenceUrl", 'version', u.version),
           $16, $17
    FROM updated u, found f
  )
  SELECT f."serviceId", f."teamId", f.name, f."serviceArchivedAt", f."itemId", f.title, f."archivedAt", ${UPDATED_COLUMNS}
  FROM found f LEFT JOIN updated u ON true`;

interface UpdateItemRow {
  serviceId: string;
  teamId: string;
  name: string;
  serviceArchivedAt: Date | null;
  itemId: string | null;
  title: string;
  archivedAt: Date | null;
  [updatedColumn: `u_${string}`]: unknown;
}

export async function updateChecklistItem(
  actor: Actor,
  slug: string,
  key: string,
  input: UpdateItemInput,
  ctx: Omit<AuditContext, "actor">,
  now = new Date(),
): Promise<ItemRow> {
  const naReason = input.state === "na" ? input.reason!.trim() : null;
  const note = input.note === undefined ? undefined : input.note || null;
  const evidenceUrl = input.evidenceUrl === undefined ? undefined : input.evidenceUrl || null;
  const editableTeams = teamsWhereActorCan(actor, "checklist:edit");
  const {
    rows: [found],
  } = await sqlPool().query<UpdateItemRow>({
    name: "checklist-item-update",
    text: UPDATE_ITEM_SQL,
    values: [
      slug,
      key,
      input.state,
      naReason,
      note !== undefined,
      note ?? null,
      evidenceUrl !== undefined,
      evidenceUrl ?? null,
      actor.userId,
      now,
      editableTeams,
      input.version,
      actor.email,
      actor.tokenId ?? null,
      actor.via,
      ctx.ip ?? null,
      ctx.requestId ?? null,
    ],
  });
  if (!found) throw new ApiError("not_found", "No such service.");
  // Nothing was written unless all of these pass; they tell the caller which one failed.
  authorize(actor, found.teamId, "checklist:edit", "service");
  if (found.serviceArchivedAt) throw new ApiError("conflict", `${found.name} is archived: an owner restores it before it can be changed.`);
  if (!found.itemId || found.archivedAt) throw new ApiError("not_found", `No checklist item "${key}" on ${found.name}.`);
  if (found.u_id === null) {
    const current = await db.serviceChecklistItem.findUniqueOrThrow({ where: { id: found.itemId }, include: itemInclude });
    throw new ApiError(
      "conflict",
      `Someone else changed "${found.title}" (now ${current.state}${current.updatedBy ? ` by ${current.updatedBy.name ?? current.updatedBy.email}` : ""}). Review their change, then re-apply yours.`,
      undefined,
      undefined,
      { current: publicItem(current) },
    );
  }
  const updated = Object.fromEntries(ITEM_FIELDS.map((c) => [c, found[`u_${c}`]]));
  return { ...(updated as Omit<ItemRow, "updatedBy">), updatedBy: { email: actor.email, name: actor.name } };
}
