import { cache } from "react";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { authorize, type Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { ApiError } from "@/lib/http/errors";

export const changeRoleSchema = z.object({ role: z.enum(["owner", "editor", "reviewer", "viewer"]) });

/**
 * The team's owners, their rows locked until the transaction ends: two owners demoting or removing each
 * other at the same moment cannot both see "another owner is left". The second waits, then sees one owner.
 */
async function lockedOwnerCount(tx: Prisma.TransactionClient, teamId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Membership" WHERE "teamId" = ${teamId} AND role = 'owner' FOR UPDATE`;
  return rows.length;
}

/** The team behind a URL slug, once per request (page titles and pages share it). */
export const findTeamBySlug = cache(async (slug: string) => db.team.findUnique({ where: { slug } }));

/** Slug and name of these teams, by name (the site header's team links, the new-service form). */
export async function listTeams(teamIds: string[]) {
  return db.team.findMany({ where: { id: { in: teamIds } }, orderBy: { name: "asc" }, select: { slug: true, name: true } });
}

/** Someone's role in each of their teams (`roles` is an actor's), by team name: refusal pages say it. */
export async function rolesByTeam(roles: ReadonlyMap<string, Role>): Promise<{ team: string; role: Role }[]> {
  const teams = await db.team.findMany({ where: { id: { in: [...roles.keys()] } }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  return teams.map((t) => ({ team: t.name, role: roles.get(t.id)! }));
}

/** Slug and name of one team (the service pages' navigation). */
export async function teamSummary(teamId: string) {
  return db.team.findUniqueOrThrow({ where: { id: teamId }, select: { slug: true, name: true } });
}

/** The team's members with their user's id, email and name, oldest first (team page and API). */
export async function listMembers(teamId: string) {
  return db.membership.findMany({
    where: { teamId },
    include: { user: { select: { id: true, email: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
}

/** The team of a URL segment, visible to the actor, or a 404 that does not reveal whether it exists. */
export async function requireVisibleTeam(actor: Actor, slug: string) {
  const team = await findTeamBySlug(slug);
  if (!team) throw new ApiError("not_found", "No such team.");
  authorize(actor, team.id, "team:read", "team");
  return team;
}

export async function changeMemberRole(actor: Actor, teamId: string, userId: string, input: unknown, ctx: Omit<AuditContext, "actor">) {
  authorize(actor, teamId, "members:manage", "team");
  const { role } = changeRoleSchema.parse(input);
  const member = await db.membership.findUnique({ where: { teamId_userId: { teamId, userId } }, include: { user: true } });
  if (!member) throw new ApiError("not_found", "No such member.");
  return db.$transaction(async (tx) => {
    if (member.role === "owner" && role !== "owner" && (await lockedOwnerCount(tx, teamId)) <= 1) {
      throw new ApiError("conflict", "A team needs at least one owner: make someone else owner first.");
    }
    const m = await tx.membership.update({ where: { id: member.id }, data: { role } });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId,
      action: "member.role",
      targetType: "membership",
      targetId: member.id,
      before: { email: member.user.email, role: member.role },
      after: { email: member.user.email, role },
    });
    return m;
  });
}

export async function removeMember(actor: Actor, teamId: string, userId: string, ctx: Omit<AuditContext, "actor">) {
  authorize(actor, teamId, "members:manage", "team");
  const member = await db.membership.findUnique({ where: { teamId_userId: { teamId, userId } }, include: { user: true } });
  if (!member) throw new ApiError("not_found", "No such member.");
  await db.$transaction(async (tx) => {
    if (member.role === "owner" && (await lockedOwnerCount(tx, teamId)) <= 1) {
      throw new ApiError("conflict", "A team needs at least one owner.");
    }
    await tx.membership.delete({ where: { id: member.id } });
    // Their tokens for this team stop working with the membership; revoke them explicitly too.
    await tx.apiToken.updateMany({ where: { teamId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId,
      action: "member.remove",
      targetType: "membership",
      targetId: member.id,
      before: { email: member.user.email, role: member.role },
    });
  });
}

/** A member as GET …/members answers it. */
export const memberOutput = z.strictObject({
  userId: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(["owner", "editor", "reviewer", "viewer"]),
});
