/** Reading and changing checklist items, with optimistic concurrency (every write names the version it read). */
import type pg from "pg";
import { z } from "zod";
import { db, sqlPool } from "@/lib/db";
import { authorize, teamsWhereActorCan, type Actor } from "@/lib/auth/actor";
import type { AuditContext } from "@/lib/audit/record";
import { Prisma } from "@/lib/generated/prisma/client";
import { fromDbAutoCheck } from "@/lib/templates/auto-check";
import { ApiError } from "@/lib/http/errors";
import { staleEventInsert } from "@/lib/reviews/store";
import { reverifyDueAt, timedFactsOf, waiverView } from "@/lib/readiness/item-status";

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
    /** a required item's waiver expiry (default 90 days, at most 365): a date or a moment */
    expiresAt: z.union([z.iso.datetime({ offset: true }), z.iso.date()]).optional(),
    /** done items with `reverifyDays`: keep the evidence and start the re-verification clock again */
    reverify: z.literal(true).optional(),
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

const person = { select: { email: true, name: true } } as const;
export const itemInclude = { updatedBy: person, waiverRequestedBy: person, waiverDecidedBy: person } satisfies Prisma.ServiceChecklistItemInclude;
type ItemRow = Prisma.ServiceChecklistItemGetPayload<{ include: typeof itemInclude }>;

/** A checklist item as the API answers it (`publicItem` builds it). */
export const itemOutput = z.strictObject({
  key: z.string(),
  title: z.string(),
  section: z.string(),
  sectionKey: z.string(),
  severity: z.enum(["critical", "high", "medium", "low"]),
  required: z.boolean(),
  requiredUpToTier: z.number().int().nullable().describe("with `required`: required only of services of this tier or a more critical one; null: of every tier"),
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
  waiver: z
    .strictObject({
      status: z.enum(["pending", "approved", "rejected", "expired"]),
      requestedBy: z.string().nullable(),
      decidedBy: z.string().nullable(),
      expiresAt: z.iso.datetime().nullable(),
      comment: z.string().nullable(),
    })
    .nullable()
    .describe("set while a required item is N/A: its waiver (only an approved, unexpired one takes the item out of the score)"),
  verifiedAt: z.iso.datetime().nullable().describe("when the item was last ticked or re-verified"),
  reverifyDays: z.number().int().nullable().describe("a tick older than this many days needs re-verification"),
  reverifyDueAt: z.iso.datetime().nullable().describe("when this tick needs re-verification; null if never"),
  effectiveFrom: z.iso.datetime().nullable().describe("before this moment the item is upcoming and does not count"),
});

const nameOf = (p: { name: string | null; email: string } | null) => (p ? (p.name ?? p.email) : null);

export function publicItem(i: ItemRow): z.infer<typeof itemOutput> {
  return publicItemAt(i, new Date());
}

/** `publicItem` with the clock that decides whether a waiver has expired. */
export function publicItemAt(i: ItemRow, now: Date): z.infer<typeof itemOutput> {
  const facts = timedFactsOf(i);
  const due = reverifyDueAt({ ...facts, state: i.state, required: i.required });
  return {
    key: i.key,
    title: i.title,
    section: i.sectionTitle,
    sectionKey: i.sectionKey,
    severity: i.severity,
    required: i.required,
    requiredUpToTier: i.requiredUpToTier,
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
    waiver: facts.waiver
      ? {
          status: waiverView(facts.waiver, now),
          requestedBy: nameOf(i.waiverRequestedBy),
          decidedBy: nameOf(i.waiverDecidedBy),
          expiresAt: i.waiverExpiresAt?.toISOString() ?? null,
          comment: i.waiverComment,
        }
      : null,
    verifiedAt: i.verifiedAt?.toISOString() ?? null,
    reverifyDays: i.reverifyDays,
    reverifyDueAt: due?.toISOString() ?? null,
    effectiveFrom: i.effectiveFrom?.toISOString() ?? null,
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

export const DEFAULT_WAIVER_DAYS = 90;
export const MAX_WAIVER_DAYS = 365;
const DAY_MS = 86_400_000;

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
           i."evidenceUrl", i.version, i."archivedAt", i."waiverStatus"::text AS "waiverBefore", i."waiverExpiresAt" AS "waiverExpiresBefore",
           -- a required item N/A asks for a waiver (docs/decisions/0037); the same reason again, with no new expiry, keeps the one it has
           CASE WHEN $3::text = 'na' AND i.required THEN
             CASE WHEN i.state::text <> 'na' OR i."naReason" IS DISTINCT FROM $4 OR $18::timestamptz IS NOT NULL OR i."waiverStatus" IS NULL THEN 'new' ELSE 'keep' END
           ELSE 'none' END AS "waiverMode"
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
      "verifiedAt" = CASE WHEN $3::text <> 'done' THEN NULL WHEN f.state <> 'done' OR $19::boolean THEN $10 ELSE it."verifiedAt" END,
      "waiverStatus" = CASE f."waiverMode" WHEN 'new' THEN 'pending'::"WaiverStatus" WHEN 'keep' THEN it."waiverStatus" END,
      "waiverRequestedById" = CASE f."waiverMode" WHEN 'new' THEN $9 WHEN 'keep' THEN it."waiverRequestedById" END,
      "waiverRequestedAt" = CASE f."waiverMode" WHEN 'new' THEN $10 WHEN 'keep' THEN it."waiverRequestedAt" END,
      "waiverExpiresAt" = CASE f."waiverMode" WHEN 'new' THEN coalesce($18::timestamptz, $10 + interval '${DEFAULT_WAIVER_DAYS} days') WHEN 'keep' THEN it."waiverExpiresAt" END,
      "waiverDecidedById" = CASE f."waiverMode" WHEN 'keep' THEN it."waiverDecidedById" END,
      "waiverDecidedAt" = CASE f."waiverMode" WHEN 'keep' THEN it."waiverDecidedAt" END,
      "waiverComment" = CASE f."waiverMode" WHEN 'keep' THEN it."waiverComment" END,
      "waiverExpiryLoggedAt" = CASE f."waiverMode" WHEN 'keep' THEN it."waiverExpiryLoggedAt" END,
      "updatedById" = $9,
      "updatedAt" = $10
    FROM found f
    WHERE it.id = f."itemId" AND f."archivedAt" IS NULL AND f."serviceArchivedAt" IS NULL AND f."teamId" = ANY($11::text[]) AND it.version = $12
    RETURNING it.*
  ), stale AS (
    -- A required item (at the service's tier) leaving done makes the current approval stale (lib/reviews/store.ts).
    -- Hook for waivers: an approved waiver counts like done here, so leaving "waived" must match as well.
    UPDATE "Review" r SET "staleAt" = $10, "staleReason" = '“' || u.title || '” is no longer done'
    FROM updated u, found f, "Service" s
    WHERE s.id = f."serviceId" AND f.state = 'done' AND u.state <> 'done'
      AND u.required AND (u."requiredUpToTier" IS NULL OR s.tier <= u."requiredUpToTier")
      AND r.id = (SELECT id FROM "Review" WHERE "serviceId" = f."serviceId" AND status <> 'withdrawn' ORDER BY "createdAt" DESC LIMIT 1)
      AND r.status = 'approved' AND r."staleAt" IS NULL
    RETURNING r.id, r."serviceId", r."staleReason"
  ), stale_event AS (
    ${staleEventInsert("stale", 'x."staleReason"', "$10")}
  ), audit AS (
    INSERT INTO "AuditEvent" (at, "teamId", "serviceId", "actorUserId", "actorEmail", "actorTokenId", via, action, "targetType", "targetId", before, after, ip, "requestId")
    SELECT $10, f."teamId", f."serviceId", $9, $13, $14, $15::"AuditVia", 'checklist.update', 'checklist_item', $1 || '/' || $2,
           jsonb_strip_nulls(jsonb_build_object('state', f.state, 'note', f.note, 'naReason', f."naReason", 'evidenceUrl', f."evidenceUrl", 'version', f.version, 'waiver', f."waiverBefore", 'waiverExpiresAt', f."waiverExpiresBefore"))
             || jsonb_build_object('note', f.note, 'naReason', f."naReason", 'evidenceUrl', f."evidenceUrl"),
           jsonb_strip_nulls(jsonb_build_object('state', u.state, 'note', u.note, 'naReason', u."naReason", 'evidenceUrl', u."evidenceUrl", 'version', u.version, 'waiver', u."waiverStatus", 'waiverExpiresAt', u."waiverExpiresAt", 'reverified', CASE WHEN $19::boolean AND f.state = 'done' THEN true END))
             || jsonb_build_object('note', u.note, 'naReason', u."naReason", 'evidenceUrl', u."evidenceUrl"),
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

/** The expiry asked for (a date means the end of that day, UTC), checked against `now`; null for the default. */
function waiverExpiry(input: UpdateItemInput, now: Date): Date | null {
  if (input.state !== "na" || input.expiresAt === undefined) return null;
  const at = new Date(input.expiresAt.length === 10 ? `${input.expiresAt}T23:59:59.999Z` : input.expiresAt);
  if (at.getTime() <= now.getTime() || at.getTime() > now.getTime() + (MAX_WAIVER_DAYS + 1) * DAY_MS) {
    throw new ApiError("unprocessable", `A waiver expires within ${MAX_WAIVER_DAYS} days from today.`, [
      { path: "expiresAt", message: `Choose a date after today and at most ${MAX_WAIVER_DAYS} days away.` },
    ]);
  }
  return at;
}

/** The pool, or one client holding a transaction (the bulk write): both run the same prepared statement. */
type Queryable = Pick<pg.Pool, "query">;

/** One run of UPDATE_ITEM_SQL: the found row, with the updated columns when the write landed. */
async function runItemUpdate(
  on: Queryable,
  actor: Actor,
  slug: string,
  key: string,
  input: UpdateItemInput,
  ctx: Omit<AuditContext, "actor">,
  now: Date,
): Promise<UpdateItemRow | undefined> {
  const naReason = input.state === "na" ? input.reason!.trim() : null;
  const note = input.note === undefined ? undefined : input.note || null;
  const evidenceUrl = input.evidenceUrl === undefined ? undefined : input.evidenceUrl || null;
  const editableTeams = teamsWhereActorCan(actor, "checklist:edit");
  const { rows } = await on.query<UpdateItemRow>({
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
      waiverExpiry(input, now),
      input.reverify === true,
    ],
  });
  return rows[0];
}

/** Nothing was written unless all of these pass; they tell the caller which one failed (404, 403, 409). */
function refuseUnlessWritable(actor: Actor, found: UpdateItemRow | undefined, key: string): asserts found is UpdateItemRow & { itemId: string } {
  if (!found) throw new ApiError("not_found", "No such service.");
  authorize(actor, found.teamId, "checklist:edit", "service");
  if (found.serviceArchivedAt) throw new ApiError("conflict", `${found.name} is archived: an owner restores it before it can be changed.`);
  if (!found.itemId || found.archivedAt) throw new ApiError("not_found", `No checklist item "${key}" on ${found.name}.`);
}

const landed = (found: UpdateItemRow) => found.u_id !== null;

function updatedItem(found: UpdateItemRow, actor: Actor): ItemRow {
  const updated = Object.fromEntries(ITEM_FIELDS.map((c) => [c, found[`u_${c}`]]));
  const me = { email: actor.email, name: actor.name };
  // A write always clears a decision; the requester of a waiver it keeps is read back by `withWaiverPeople`.
  return { ...(updated as Omit<ItemRow, "updatedBy" | "waiverRequestedBy" | "waiverDecidedBy">), updatedBy: me, waiverRequestedBy: updated.waiverRequestedById === actor.userId ? me : null, waiverDecidedBy: null };
}

const changedBy = (i: ItemRow) => (i.updatedBy ? ` by ${i.updatedBy.name ?? i.updatedBy.email}` : "");

export async function updateChecklistItem(
  actor: Actor,
  slug: string,
  key: string,
  input: UpdateItemInput,
  ctx: Omit<AuditContext, "actor">,
  now = new Date(),
): Promise<ItemRow> {
  const found = await runItemUpdate(sqlPool(), actor, slug, key, input, ctx, now);
  refuseUnlessWritable(actor, found, key);
  if (!landed(found)) {
    const current = await db.serviceChecklistItem.findUniqueOrThrow({ where: { id: found.itemId }, include: itemInclude });
    throw new ApiError(
      "conflict",
      `Someone else changed "${found.title}" (now ${current.state}${changedBy(current)}). Review their change, then re-apply yours.`,
      undefined,
      undefined,
      { current: publicItem(current) },
    );
  }
  const item = updatedItem(found, actor);
  // A waiver kept from an earlier request may name other people: read them back.
  return item.waiverStatus && (item.waiverRequestedById !== actor.userId || item.waiverDecidedById) ? getChecklistItem(item.id) : item;
}

/**
 * Several items set to one state with one note (`POST …/checklist/bulk`): all or nothing. Each item goes
 * through the same prepared statement as a single write (its version checked, its audit row written with
 * it), all in one transaction on one connection; if any item is unknown, archived or changed since the
 * caller read it, the transaction is rolled back and the refusal names every such item. Items are
 * written in key order, so two bulk writes over the same items lock them in the same order.
 */
export const bulkUpdateSchema = z
  .strictObject({
    items: z
      .array(z.strictObject({ key: z.string().min(1).max(200), version: z.number().int().min(1) }))
      .min(1, "Choose at least one item.")
      .max(500),
    state: z.enum(["done", "na"]),
    /** done: the note stored on each item (none given leaves their notes as they are); na: the reason */
    note: z.string().trim().max(1000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.state === "na" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "Marking items N/A needs a reason: write it in the note." });
    const keys = v.items.map((i) => i.key);
    const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
    if (twice.length) ctx.addIssue({ code: "custom", path: ["items"], message: `Each item may be named once (${[...new Set(twice)].join(", ")} twice).` });
  });
export type BulkUpdateInput = z.infer<typeof bulkUpdateSchema>;

/** The 409 of a bulk write: each item someone else changed first, as it is now. */
export const bulkConflictOutput = z.strictObject({ key: z.string(), current: itemOutput });

export async function updateChecklistItems(actor: Actor, slug: string, input: BulkUpdateInput, ctx: Omit<AuditContext, "actor">, now = new Date()): Promise<ItemRow[]> {
  const change: Omit<UpdateItemInput, "version"> =
    input.state === "na" ? { state: "na", reason: input.note } : { state: "done", ...(input.note ? { note: input.note } : {}) };
  const ordered = [...input.items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const results = new Map<string, UpdateItemRow>();
  const client = await sqlPool().connect();
  let committed = false;
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    for (const { key, version } of ordered) {
      const found = await runItemUpdate(client, actor, slug, key, { ...change, version }, ctx, now);
      // A refusal of one item (404, 403, archived) leaves nothing written: the finally rolls back.
      refuseUnlessWritable(actor, found, key);
      results.set(key, found);
    }
    if (ordered.every(({ key }) => landed(results.get(key)!))) {
      await client.query("COMMIT");
      committed = true;
    }
  } finally {
    if (!committed) await client.query("ROLLBACK").catch((err: Error) => (broken = err));
    // A connection whose rollback failed is dropped rather than handed back mid-transaction.
    client.release(broken);
  }
  // Named in the order asked, as the items written are.
  if (!committed) throw await bulkConflict(input.items.map(({ key }) => results.get(key)!).filter((found) => !landed(found)));
  return input.items.map(({ key }) => updatedItem(results.get(key)!, actor));
}

async function bulkConflict(stale: UpdateItemRow[]): Promise<ApiError> {
  const current = await db.serviceChecklistItem.findMany({ where: { id: { in: stale.map((s) => s.itemId!) } }, include: itemInclude });
  const byId = new Map(current.map((c) => [c.id, c]));
  const changed = stale.map((s) => byId.get(s.itemId!)!);
  const names = changed.map((c) => `"${c.title}" (now ${c.state}${changedBy(c)})`).join(", ");
  return new ApiError(
    "conflict",
    `Nothing was saved: someone else changed ${changed.length === 1 ? "this item" : "these items"} first: ${names}. Review their changes, then try again.`,
    undefined,
    undefined,
    { conflicts: changed.map((c) => ({ key: c.key, current: publicItem(c) })) },
  );
}

/** One item by id, as `publicItem` reads it. */
export async function getChecklistItem(id: string): Promise<ItemRow> {
  return db.serviceChecklistItem.findUniqueOrThrow({ where: { id }, include: itemInclude });
}
