/**
 * Who is acting: a signed-in user (session cookie) or an API token (Authorization: Bearer).
 * Tokens act for one team only, with the lesser of the token's role and the user's current role.
 */
import { db, sqlPool } from "@/lib/db";
import { env } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";
import { ApiError } from "@/lib/http/errors";
import { invitableRoles, roleCan, type Action } from "./permissions";
import { API_TOKEN_PREFIX, hashSecret } from "./tokens";

export interface Actor {
  userId: string;
  email: string;
  name: string | null;
  via: "ui" | "api" | "cli";
  tokenId?: string;
  /** teamId → role, from the memberships. */
  roles: Map<string, Role>;
  token?: { teamId: string; role: Role };
}

export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

async function membershipsOf(userId: string): Promise<Map<string, Role>> {
  // An archived team (deleted with its services kept) no longer counts: nobody sees it or its services.
  const rows = await db.membership.findMany({ where: { userId, team: { archivedAt: null } }, select: { teamId: true, role: true } });
  return new Map(rows.map((r) => [r.teamId, r.role]));
}

export async function actorFromSessionToken(sessionToken: string | undefined): Promise<Actor | null> {
  if (!sessionToken) return null;
  const session = await db.session.findUnique({
    where: { sessionToken: hashSecret(sessionToken) },
    select: { expires: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!session || session.expires <= new Date()) return null;
  return {
    userId: session.user.id,
    email: session.user.email,
    name: session.user.name,
    via: "ui",
    roles: await membershipsOf(session.user.id),
  };
}

/** Resolve a bearer token; throws 401 for an unknown, revoked or expired token. */
export async function actorFromBearer(raw: string): Promise<Actor> {
  if (!raw.startsWith(API_TOKEN_PREFIX)) throw new ApiError("unauthorized", "The API token is not valid.");
  // One round trip (hot path, plain pg): the token, its user and the user's memberships.
  const { rows } = await sqlPool().query<{
    id: string;
    teamId: string;
    role: Role;
    revokedAt: Date | null;
    expiresAt: Date | null;
    lastUsedAt: Date | null;
    userId: string;
    email: string;
    name: string | null;
    memberships: { teamId: string; role: Role }[];
  }>({
    name: "actor-from-bearer",
    text: `SELECT t.id, t."teamId", t.role::text AS role, t."revokedAt", t."expiresAt", t."lastUsedAt",
            u.id AS "userId", u.email, u.name,
            coalesce((SELECT json_agg(json_build_object('teamId', m."teamId", 'role', m.role)) FROM "Membership" m JOIN "Team" mt ON mt.id = m."teamId" WHERE m."userId" = u.id AND mt."archivedAt" IS NULL), '[]') AS memberships
     FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
     WHERE t."tokenHash" = $1`,
    values: [hashSecret(raw)],
  });
  const token = rows[0];
  const now = new Date();
  if (!token) throw new ApiError("unauthorized", "The API token is not valid.");
  if (token.revokedAt) throw new ApiError("unauthorized", "The API token was revoked.");
  if (token.expiresAt && token.expiresAt <= now) throw new ApiError("unauthorized", "The API token has expired.");
  // Cheap "last used": at most one write a minute per token.
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return {
    userId: token.userId,
    email: token.email,
    name: token.name,
    via: "api",
    tokenId: token.id,
    roles: new Map(token.memberships.map((m) => [m.teamId, m.role])),
    token: { teamId: token.teamId, role: token.role },
  };
}

/** The role the actor acts with in a team, or null when the team is not visible to them. */
export function roleIn(actor: Actor, teamId: string): Role | null {
  const role = actor.roles.get(teamId);
  if (!role) return null;
  if (actor.token && actor.token.teamId !== teamId) return null;
  return role;
}

export function can(actor: Actor, teamId: string, action: Action): boolean {
  const role = roleIn(actor, teamId);
  if (!role || !roleCan(role, action)) return false;
  return actor.token ? roleCan(actor.token.role, action) : true;
}

/** The teams in which the actor may do `action` (a token: at most its own). */
export function teamsWhereActorCan(actor: Actor, action: Action): string[] {
  return [...actor.roles.keys()].filter((teamId) => can(actor, teamId, action));
}

/** Whether the actor may do `action` in at least one of its teams (a token: only in its own). */
export function canInSomeTeam(actor: Actor, action: Action): boolean {
  return teamsWhereActorCan(actor, action).length > 0;
}

/** Teams the actor may read (a token: only its own team). */
export function visibleTeamIds(actor: Actor): string[] {
  return [...actor.roles.keys()].filter((teamId) => roleIn(actor, teamId) !== null);
}

/**
 * Throws unless the actor may do `action` in the team: 404 when the team is not visible to them
 * (so its existence is not revealed), 403 when they see it but their role does not allow the action.
 */
export function authorize(actor: Actor, teamId: string, action: Action, what = "resource"): Role {
  const role = roleIn(actor, teamId);
  if (!role) throw new ApiError("not_found", `No such ${what}.`);
  if (!can(actor, teamId, action)) {
    throw new ApiError("forbidden", `Your role (${actor.token ? `token: ${actor.token.role}` : role}) may not do this (${action}).`);
  }
  return role;
}

/**
 * Roles the actor may hand out in the team's invitations. A token invites with the lesser of its role
 * and its creator's: an owner's editor token invites reviewers and viewers only, as an editor would.
 */
export function invitableRolesOf(actor: Actor, teamId: string): Role[] {
  const role = roleIn(actor, teamId);
  if (!role) return [];
  const byMember = invitableRoles(role);
  return actor.token ? byMember.filter((r) => invitableRoles(actor.token!.role).includes(r)) : byMember;
}

/**
 * Whether the actor is an instance admin (listed in PREFLIGHT_ADMIN_EMAILS) acting as such: signed in
 * (or the CLI), never through an API token. A token acts for its one team only, with its role there, even
 * when an admin created it; team creation and deletion need the admin's session or the CLI.
 */
export function isInstanceAdmin(actor: Actor): boolean {
  if (actor.token) return false;
  return env().PREFLIGHT_ADMIN_EMAILS.includes(actor.email.trim().toLowerCase());
}
