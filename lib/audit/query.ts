import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export const auditFilterSchema = z.object({
  action: z.string().trim().max(80).optional(),
  actor: z.string().trim().max(200).optional(),
  via: z.enum(["ui", "api", "cli", "system"]).optional(),
  /** a service's slug: its entries only (the entries of a service that is gone cannot be picked) */
  service: z.string().trim().min(1).max(80).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** an event id (int8): beyond its range the database would refuse the query */
  before: z.coerce.bigint().min(1n).max(9_223_372_036_854_775_807n).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** Newest first, keyset-paginated by id (`before`). An unknown service matches nothing. */
export async function listAuditEvents(teamId: string, f: AuditFilter) {
  const service = f.service ? await db.service.findUnique({ where: { slug: f.service }, select: { id: true } }) : null;
  if (f.service && !service) return { events: [], nextBefore: null };
  const where: Prisma.AuditEventWhereInput = {
    teamId,
    ...(service ? { serviceId: service.id } : {}),
    ...(f.action ? { action: { startsWith: f.action } } : {}),
    ...(f.actor ? { actorEmail: { contains: f.actor, mode: "insensitive" } } : {}),
    ...(f.via ? { via: f.via } : {}),
    ...(f.from || f.to
      ? { at: { ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}), ...(f.to ? { lt: new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000) } : {}) } }
      : {}),
    ...(f.before ? { id: { lt: f.before } } : {}),
  };
  const rows = await db.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  return { events: page, nextBefore: rows.length > f.limit ? page.at(-1)!.id.toString() : null };
}

/** The team's services (archived ones too) for the log's service filter, by name. */
export async function auditServiceOptions(teamId: string): Promise<{ slug: string; name: string; archived: boolean }[]> {
  const rows = await db.service.findMany({ where: { teamId }, select: { slug: true, name: true, archivedAt: true }, orderBy: { name: "asc" } });
  return rows.map((r) => ({ slug: r.slug, name: r.name, archived: r.archivedAt !== null }));
}

/** An audit entry as the API answers it (`publicAuditEvent` builds it). */
export const auditEventOutput = z.strictObject({
  id: z.string().describe("an int8, as text; pass it as `before` for the next page"),
  at: z.iso.datetime(),
  actor: z.string().nullable(),
  via: z.enum(["ui", "api", "cli", "system"]),
  tokenId: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  serviceId: z.string().nullable(),
  before: z.unknown().describe("the changed fields before, as JSON; null when none"),
  after: z.unknown().describe("the changed fields after, as JSON; null when none"),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});

export function publicAuditEvent(e: Awaited<ReturnType<typeof listAuditEvents>>["events"][number]): z.infer<typeof auditEventOutput> {
  return {
    id: e.id.toString(),
    at: e.at.toISOString(),
    actor: e.actorEmail,
    via: e.via,
    tokenId: e.actorTokenId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    serviceId: e.serviceId,
    before: e.before,
    after: e.after,
    ip: e.ip,
    requestId: e.requestId,
  };
}
