/** The audit log: every mutation, who (user, via UI / API token / CLI), what, before/after, when, from where. */
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

export interface AuditContext {
  actor: Pick<Actor, "userId" | "email" | "via" | "tokenId"> | { system: string };
  ip?: string;
  requestId?: string;
}

export interface AuditEntry {
  teamId?: string | null;
  serviceId?: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
}

/** Write inside the same transaction as the change it records, so neither lands without the other. */
export async function recordAudit(tx: Tx, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  const who =
    "system" in ctx.actor
      ? { actorEmail: ctx.actor.system, via: "system" as const }
      : { actorUserId: ctx.actor.userId, actorEmail: ctx.actor.email, actorTokenId: ctx.actor.tokenId ?? null, via: ctx.actor.via };
  await tx.auditEvent.create({
    data: {
      ...who,
      teamId: entry.teamId ?? null,
      serviceId: entry.serviceId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
      ip: ctx.ip ?? null,
      requestId: ctx.requestId ?? null,
    },
  });
}
