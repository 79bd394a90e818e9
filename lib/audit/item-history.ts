/**
 * A checklist item's own history, read from the audit log: who changed what, when, in the words of
 * the team's log (lib/audit/describe.ts) with "it" for the item. Everyone who can read the service
 * reads it (docs/decisions/0033-item-history-for-every-reader.md): it says what the item already
 * shows (state, note, evidence, who changed it last), over time. What only owners read in the team's
 * log stays there: IP addresses, request ids, token ids and e-mail addresses of people with a name.
 */
import { z } from "zod";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { auditActorName, describeAuditEntry, sentenceText } from "./describe";
import { loadAuditNames } from "./names";

export const itemHistoryQuerySchema = z.object({
  /** an entry id (int8) from `nextBefore` */
  before: z.coerce.bigint().min(1n).max(9_223_372_036_854_775_807n).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ItemHistoryQuery = z.infer<typeof itemHistoryQuerySchema>;

const detailOutput = z.strictObject({
  label: z.string(),
  from: z.string().optional().describe("the value before, when the field had one"),
  to: z.string(),
});

export const itemHistoryEntryOutput = z.strictObject({
  id: z.string().describe("an int8, as text"),
  at: z.iso.datetime(),
  actor: z.string().describe("the person's name (their email when they have none), or what acted: Health probes"),
  via: z.enum(["ui", "api", "cli", "system"]),
  action: z.string(),
  summary: z.string().describe("the change in words: “Olive Owner marked it done”; may be reworded in any release"),
  details: z.array(detailOutput).describe("the fields that changed, in words and units"),
});

export const itemHistoryOutput = z.strictObject({
  item: z.strictObject({ key: z.string(), title: z.string() }),
  events: z.array(itemHistoryEntryOutput),
  nextBefore: z.string().nullable().describe("pass as `before` for older entries; null on the last page"),
});
export type ItemHistory = z.infer<typeof itemHistoryOutput>;

/**
 * Newest first. Entries are found by the service's id and the item's key: the target id keeps the slug
 * of the moment (`<slug>/<key>`), which a renamed service no longer has.
 */
export async function itemHistory(service: { id: string; name: string }, key: string, q: ItemHistoryQuery): Promise<ItemHistory> {
  const found = await db.serviceChecklistItem.findUnique({ where: { serviceId_key: { serviceId: service.id, key } }, select: { key: true, title: true } });
  if (!found) throw new ApiError("not_found", `No checklist item "${key}" on ${service.name}.`);
  const rows = await db.auditEvent.findMany({
    where: { serviceId: service.id, targetType: "checklist_item", targetId: { endsWith: `/${key}` }, ...(q.before ? { id: { lt: q.before } } : {}) },
    orderBy: { id: "desc" },
    take: q.limit + 1,
  });
  // Keys and slugs are kebab-case, so "/<key>" ends only this item's target ids.
  const page = rows.slice(0, q.limit);
  const names = await loadAuditNames(page);
  return {
    item: found,
    events: page.map((e) => {
      const d = describeAuditEntry(e, names, "item");
      return {
        id: e.id.toString(),
        at: e.at.toISOString(),
        actor: auditActorName(e, names),
        via: e.via,
        action: e.action,
        summary: sentenceText(d.sentence),
        details: d.details.map((x) => (x.from === undefined ? { label: x.label, to: x.to } : x)),
      };
    }),
    nextBefore: rows.length > q.limit ? page.at(-1)!.id.toString() : null,
  };
}
