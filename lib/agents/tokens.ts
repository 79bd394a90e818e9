/**
 * Agent tokens: the credential of a remote probe agent, scoped to one team and one location name.
 * Shown once, stored hashed (sha256, as API tokens), revocable; lastSeenAt is the agent's last poll.
 */
import { z } from "zod";
import { authorize, type Actor } from "@/lib/auth/actor";
import { generateSecret, hashSecret } from "@/lib/auth/tokens";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { db, sqlPool } from "@/lib/db";
import type { AgentToken } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";
import { AGENT_POLL_SECONDS } from "./protocol";

export const AGENT_TOKEN_PREFIX = "pfa_";

/** A location name: what checks list in `locations`; "central" is this server and is not an agent's. */
export const locationName = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "Use lower-case letters, digits and dashes (e.g. eu-west).");

export const createAgentTokenSchema = z.strictObject({
  name: z.string().trim().min(1, "Give the agent a name.").max(80).optional(),
  location: locationName.refine((l) => l !== "central", "\"central\" is this server; give the agent's location another name."),
});

export const agentTokenOutput = z.strictObject({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  prefix: z.string().describe("the secret's first characters, to tell tokens apart"),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  status: z.enum(["online", "offline", "never-seen", "revoked"]),
});

/** An agent that has not polled for three poll times is offline. */
export function agentStatus(t: Pick<AgentToken, "revokedAt" | "lastSeenAt">, now = new Date()): z.infer<typeof agentTokenOutput>["status"] {
  if (t.revokedAt) return "revoked";
  if (!t.lastSeenAt) return "never-seen";
  return now.getTime() - t.lastSeenAt.getTime() > 3 * AGENT_POLL_SECONDS * 1000 ? "offline" : "online";
}

export function publicAgentToken(t: AgentToken, now = new Date()): z.infer<typeof agentTokenOutput> {
  return {
    id: t.id,
    name: t.name,
    location: t.location,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastSeenAt: t.lastSeenAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    status: agentStatus(t, now),
  };
}

/** Team owners create agent tokens (an actor), and so does the CLI (the system actor "cli"). */
export async function createAgentToken(actor: Actor | { system: string }, teamId: string, input: unknown, ctx: Omit<AuditContext, "actor"> = {}) {
  if (!("system" in actor)) authorize(actor, teamId, "tokens:manage", "team");
  const data = createAgentTokenSchema.parse(input);
  const secret = generateSecret(AGENT_TOKEN_PREFIX);
  const token = await db.$transaction(async (tx) => {
    const t = await tx.agentToken.create({
      data: {
        teamId,
        name: data.name ?? `Agent ${data.location}`,
        location: data.location,
        tokenHash: hashSecret(secret),
        prefix: secret.slice(0, AGENT_TOKEN_PREFIX.length + 6),
      },
    });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId,
      action: "agent_token.create",
      targetType: "agent_token",
      targetId: t.id,
      after: { name: t.name, location: t.location, prefix: t.prefix },
    });
    return t;
  });
  return { token, secret };
}

export async function listAgentTokens(actor: Actor, teamId: string) {
  authorize(actor, teamId, "tokens:manage", "team");
  return db.agentToken.findMany({ where: { teamId }, orderBy: { createdAt: "desc" } });
}

export async function revokeAgentToken(actor: Actor, teamId: string, id: string, ctx: Omit<AuditContext, "actor"> = {}) {
  authorize(actor, teamId, "tokens:manage", "team");
  const token = await db.agentToken.findFirst({ where: { id, teamId } });
  if (!token) throw new ApiError("not_found", "No such agent token.");
  if (token.revokedAt) throw new ApiError("conflict", "This agent token is already revoked.");
  return db.$transaction(async (tx) => {
    // Its leases go back to the pool at once: a revoked agent's results are refused anyway.
    await tx.checkLocationState.updateMany({ where: { leaseHolder: id }, data: { leaseUntil: null, leaseHolder: null } });
    const t = await tx.agentToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId,
      action: "agent_token.revoke",
      targetType: "agent_token",
      targetId: id,
      before: { status: "active" },
      after: { status: "revoked", prefix: t.prefix },
    });
    return t;
  });
}

export interface AgentIdentity {
  id: string;
  teamId: string;
  location: string;
}

/** Resolves an agent's bearer token and marks it seen; 401 for an unknown or revoked token. */
export async function agentFromBearer(raw: string | null): Promise<AgentIdentity> {
  if (!raw?.startsWith(AGENT_TOKEN_PREFIX)) throw new ApiError("unauthorized", "The agent token is not valid.");
  const { rows } = await sqlPool().query<AgentIdentity & { revokedAt: Date | null }>(
    `UPDATE "AgentToken" SET "lastSeenAt" = now() WHERE "tokenHash" = $1
     RETURNING id, "teamId", location, "revokedAt"`,
    [hashSecret(raw)],
  );
  const t = rows[0];
  if (!t) throw new ApiError("unauthorized", "The agent token is not valid.");
  if (t.revokedAt) throw new ApiError("unauthorized", "The agent token was revoked.");
  return { id: t.id, teamId: t.teamId, location: t.location };
}
