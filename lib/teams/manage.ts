/**
 * Creating, listing, renaming and deleting teams. Instance admins (PREFLIGHT_ADMIN_EMAILS, signed in or
 * through the CLI) create, rename and delete any team; owners rename their own. See docs/permissions.md.
 */
import { z } from "zod";
import { authorize, isInstanceAdmin, visibleTeamIds, type Actor } from "@/lib/auth/actor";
import { ROLES } from "@/lib/auth/permissions";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { ApiError } from "@/lib/http/errors";
import { lockChecksOfServicesTx } from "@/lib/probes/row-locks";
import { kebab } from "@/lib/text/kebab";

/** Slugs that would shadow pages under /teams/. */
const RESERVED_SLUGS = new Set(["new"]);

const slugSchema = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single dashes, such as payments.")
  .refine((s) => !RESERVED_SLUGS.has(s), "This slug is taken by a page of Preflight: choose another.");

const nameSchema = z.string().trim().min(1).max(100);

export const createTeamSchema = z.object({ name: nameSchema, slug: slugSchema.optional() }).strict();
export const renameTeamSchema = z.object({ name: nameSchema }).strict();
/** Deleting a team that has services archives them: `confirm` must be the team's name, as typed by a person. */
export const deleteTeamSchema = z.object({ confirm: z.string().max(200).optional() }).strict();

export interface TeamSummary {
  slug: string;
  name: string;
  createdAt: Date;
  services: number;
  members: number;
  /** The caller's role in the team, null when an admin sees a team they are not in. */
  role: Role | null;
}

/** A team in API answers (GET/POST /api/v1/teams). */
export const teamOutput = z.strictObject({
  slug: z.string(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  services: z.number().int(),
  members: z.number().int(),
  role: z.enum(ROLES).nullable().describe("the caller's role; null where an instance admin is not a member"),
});
/** A renamed team (PATCH /api/v1/teams/{team}). */
export const teamRefOutput = teamOutput.pick({ slug: true, name: true, createdAt: true });
/** What DELETE /api/v1/teams/{team} did. */
export const teamDeletionOutput = z.strictObject({ deleted: z.string(), archived: z.boolean(), archivedServices: z.array(z.string()) });

export function publicTeam(t: TeamSummary): z.infer<typeof teamOutput> {
  return { slug: t.slug, name: t.name, createdAt: t.createdAt.toISOString(), services: t.services, members: t.members, role: t.role };
}

export function publicTeamRef(t: { slug: string; name: string; createdAt: Date }): z.infer<typeof teamRefOutput> {
  return { slug: t.slug, name: t.name, createdAt: t.createdAt.toISOString() };
}

export function teamDeletion(slug: string, result: { archived: boolean; services: string[] }): z.infer<typeof teamDeletionOutput> {
  return { deleted: slug, archived: result.archived, archivedServices: result.services };
}

/** The caller's teams (a token: its one team); every team, for an instance admin. Archived teams never. */
export async function listTeams(actor: Actor): Promise<TeamSummary[]> {
  const admin = isInstanceAdmin(actor);
  const teams = await db.team.findMany({
    where: admin ? { archivedAt: null } : { id: { in: visibleTeamIds(actor) }, archivedAt: null },
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true, createdAt: true, _count: { select: { services: true, memberships: true } } },
  });
  return teams.map((t) => ({
    slug: t.slug,
    name: t.name,
    createdAt: t.createdAt,
    services: t._count.services,
    members: t._count.memberships,
    role: visibleTeamIds(actor).includes(t.id) ? (actor.roles.get(t.id) ?? null) : null,
  }));
}

function requireAdmin(actor: Actor, what: string): void {
  if (isInstanceAdmin(actor)) return;
  throw new ApiError(
    "forbidden",
    actor.token
      ? `An API token acts for its own team only: ${what} needs an instance admin signed in, or the CLI.`
      : `Only an instance admin may ${what}.`,
  );
}

function slugTaken(slug: string): ApiError {
  return new ApiError("conflict", `A team with the slug "${slug}" already exists. Choose another slug.`, [
    { path: "slug", message: `"${slug}" is taken by another team.` },
  ]);
}

/**
 * Creates a team with its owner: the actor (an instance admin), or for the operator's CLI (`{ system: "cli" }`,
 * trusted as it holds the database) the user `ownerId`. The team, the owner's membership and the audit
 * entry land together or not at all.
 */
export async function createTeam(
  by: Actor | { system: "cli" },
  input: z.infer<typeof createTeamSchema>,
  ctx: Omit<AuditContext, "actor">,
  ownerId?: string,
) {
  if (!("system" in by)) requireAdmin(by, "create teams");
  const owner = ownerId ?? ("system" in by ? undefined : by.userId);
  if (!owner) throw new ApiError("unprocessable", "A team needs an owner.", [{ path: "owner", message: "Name the team's owner." }]);
  const slug = input.slug ?? kebab(input.name, 60, "team");
  if (RESERVED_SLUGS.has(slug)) throw new ApiError("unprocessable", "Choose another slug.", [{ path: "slug", message: "This slug is taken by a page of Preflight: choose another." }]);
  try {
    return await db.$transaction(async (tx) => {
      const team = await tx.team.create({ data: { slug, name: input.name } });
      const membership = await tx.membership.create({ data: { teamId: team.id, userId: owner, role: "owner" }, include: { user: { select: { email: true } } } });
      await recordAudit(tx, { actor: by, ...ctx }, {
        teamId: team.id,
        action: "team.create",
        targetType: "team",
        targetId: team.slug,
        after: { name: team.name, slug: team.slug, owner: membership.user.email },
      });
      return team;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw slugTaken(slug);
    throw err;
  }
}

/** The live team of a URL segment for a team-management call: 404 unless the actor is an admin or sees it. */
async function requireManagedTeam(actor: Actor, slug: string) {
  const team = await db.team.findUnique({ where: { slug } });
  if (!team || team.archivedAt) throw new ApiError("not_found", "No such team.");
  if (!isInstanceAdmin(actor)) authorize(actor, team.id, "team:read", "team");
  return team;
}

export async function renameTeam(actor: Actor, slug: string, input: z.infer<typeof renameTeamSchema>, ctx: Omit<AuditContext, "actor">) {
  const team = await requireManagedTeam(actor, slug);
  if (!isInstanceAdmin(actor)) authorize(actor, team.id, "team:rename", "team");
  return db.$transaction(async (tx) => {
    const updated = await tx.team.update({ where: { id: team.id }, data: { name: input.name } });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: team.id,
      action: "team.rename",
      targetType: "team",
      targetId: team.slug,
      before: { name: team.name },
      after: { name: updated.name },
    });
    return updated;
  });
}

/**
 * Deletes a team (instance admins only). Without services it is deleted outright (its members,
 * invitations and tokens with it; its audit events are kept). With services, `confirm` must be the team's
 * name: the team is archived instead, services and all, so nothing is lost but nobody sees it any more
 * (memberships stop counting, tokens and pending invitations are revoked, health checks are paused).
 */
export async function deleteTeam(actor: Actor, slug: string, input: z.infer<typeof deleteTeamSchema>, ctx: Omit<AuditContext, "actor">) {
  const team = await requireManagedTeam(actor, slug);
  requireAdmin(actor, "delete teams");
  return db.$transaction(async (tx) => {
    // Lock the team row: a service created meanwhile waits, then finds the team gone or archived.
    await tx.$queryRaw`SELECT id FROM "Team" WHERE id = ${team.id} FOR UPDATE`;
    const services = await tx.service.findMany({ where: { teamId: team.id }, select: { id: true, slug: true }, orderBy: { slug: "asc" } });
    if (services.length === 0) {
      await recordAudit(tx, { actor, ...ctx }, { teamId: null, action: "team.delete", targetType: "team", targetId: team.slug, before: { name: team.name, slug: team.slug } });
      await tx.team.delete({ where: { id: team.id } });
      return { archived: false, services: [] as string[] };
    }
    if (input.confirm === undefined) {
      throw new ApiError(
        "conflict",
        `Team "${team.name}" has ${services.length} ${services.length === 1 ? "service" : "services"}: to archive them with the team, send its name as "confirm".`,
        [{ path: "confirm", message: `Type the team's name, "${team.name}", to archive its services with it.` }],
      );
    }
    if (input.confirm.trim() !== team.name) {
      throw new ApiError("unprocessable", "The confirmation does not match the team's name.", [
        { path: "confirm", message: `Type the team's name exactly: "${team.name}".` },
      ]);
    }
    const now = new Date();
    await tx.team.update({ where: { id: team.id }, data: { archivedAt: now } });
    await tx.apiToken.updateMany({ where: { teamId: team.id, revokedAt: null }, data: { revokedAt: now } });
    await tx.invitation.updateMany({ where: { teamId: team.id, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    await lockChecksOfServicesTx(tx, services.map((s) => s.id));
    await tx.healthCheck.updateMany({ where: { service: { teamId: team.id } }, data: { enabled: false } });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: team.id,
      action: "team.archive",
      targetType: "team",
      targetId: team.slug,
      before: { name: team.name, slug: team.slug },
      after: { archivedAt: now.toISOString(), services: services.map((s) => s.slug) },
    });
    return { archived: true, services: services.map((s) => s.slug) };
  });
}
