/** Personal API tokens, per team: shown once, stored hashed, role no higher than the creator's. */
import { z } from "zod";
import { db } from "@/lib/db";
import { authorize, can, type Actor } from "@/lib/auth/actor";
import { tokenRolesFor } from "@/lib/auth/permissions";
import { API_TOKEN_PREFIX, generateSecret, hashSecret } from "@/lib/auth/tokens";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import type { ApiToken } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name.").max(80),
  role: z.enum(["owner", "editor", "reviewer", "viewer"]).optional(),
  expiresInDays: z.coerce.number().int().min(1).max(3650).optional(),
});

export type TokenStatus = "active" | "revoked" | "expired";

/** An API token as the API answers it (`publicToken` builds it); the secret only in the answer that creates it. */
export const tokenOutput = z.strictObject({
  id: z.string(),
  name: z.string(),
  role: z.enum(["owner", "editor", "reviewer", "viewer"]),
  prefix: z.string().describe("the secret's first characters, to tell tokens apart"),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  status: z.enum(["active", "revoked", "expired"]),
});

export function publicToken(t: ApiToken, now = new Date()): z.infer<typeof tokenOutput> {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    status: tokenStatus(t, now),
  };
}

function tokenStatus(t: Pick<ApiToken, "revokedAt" | "expiresAt">, now: Date): TokenStatus {
  if (t.revokedAt) return "revoked";
  return t.expiresAt && t.expiresAt <= now ? "expired" : "active";
}

export async function createApiToken(
  actor: Actor,
  teamId: string,
  input: unknown,
  ctx: Omit<AuditContext, "actor">,
  now = new Date(),
) {
  const role = authorize(actor, teamId, "tokens:create", "team");
  const data = createTokenSchema.parse(input);
  const wanted = data.role ?? (actor.token ? actor.token.role : role);
  const allowed = tokenRolesFor(actor.token ? actor.token.role : role).filter((r) => tokenRolesFor(role).includes(r));
  if (!allowed.includes(wanted)) {
    throw new ApiError("forbidden", `A token you create may have the role ${allowed.join(", ")} only.`);
  }
  const secret = generateSecret(API_TOKEN_PREFIX);
  const token = await db.$transaction(async (tx) => {
    const t = await tx.apiToken.create({
      data: {
        teamId,
        userId: actor.userId,
        name: data.name,
        role: wanted,
        tokenHash: hashSecret(secret),
        prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
        createdAt: now,
        expiresAt: data.expiresInDays ? new Date(now.getTime() + data.expiresInDays * 86_400_000) : null,
      },
    });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId,
      action: "token.create",
      targetType: "api_token",
      targetId: t.id,
      after: { name: t.name, role: t.role, prefix: t.prefix, expiresAt: t.expiresAt?.toISOString() ?? null },
    });
    return t;
  });
  return { token, secret };
}

/** Owners see every token of the team; others only their own. */
export async function listApiTokens(actor: Actor, teamId: string) {
  authorize(actor, teamId, "team:read", "team");
  const all = !actor.token && can(actor, teamId, "tokens:manage");
  return db.apiToken.findMany({
    where: { teamId, ...(all ? {} : { userId: actor.userId }) },
    orderBy: { createdAt: "desc" },
    include: { user: { select: { email: true } } },
  });
}

export async function revokeApiToken(actor: Actor, teamId: string, id: string, ctx: Omit<AuditContext, "actor">, now = new Date()) {
  authorize(actor, teamId, "team:read", "team");
  const token = await db.apiToken.findFirst({ where: { id, teamId } });
  if (!token) throw new ApiError("not_found", "No such token.");
  if (token.userId !== actor.userId) authorize(actor, teamId, "tokens:manage", "token");
  if (token.revokedAt) throw new ApiError("conflict", "This token is already revoked.");
  return db.$transaction(async (tx) => {
    const t = await tx.apiToken.update({ where: { id }, data: { revokedAt: now } });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId,
      action: "token.revoke",
      targetType: "api_token",
      targetId: id,
      before: { status: "active" },
      after: { status: "revoked", prefix: t.prefix },
    });
    return t;
  });
}
