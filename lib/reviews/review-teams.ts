/**
 * Review teams (issue #16): a team names other teams (e.g. an SRE team) whose owners and reviewers may decide
 * its reviews (lib/auth/permissions.ts `reviewTeamRoleMayDecide`). Owners of the team name and remove them,
 * each change audited; and they set up to which tier an approved, current review is needed for Ready.
 */
import { z } from "zod";
import { authorize, can, roleIn, type Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { requireService } from "@/lib/services/access";
import { requireVisibleTeam } from "@/lib/teams/members";

type Ctx = Omit<AuditContext, "actor">;

/**
 * The service whose review the actor decides: their own team's as before (404/403/409 from requireService),
 * or a team that names one of the actor's teams as a review team, where their role may decide.
 */
export async function requireServiceToDecide(actor: Actor, slug: string) {
  const service = await db.service.findUnique({ where: { slug }, select: { teamId: true } });
  if (service && roleIn(actor, service.teamId) === null) {
    const named = await db.teamReviewTeam.findMany({ where: { teamId: service.teamId }, select: { reviewTeamId: true } });
    const mine = named.some(({ reviewTeamId }) => can(actor, reviewTeamId, "review:decide"));
    if (mine) {
      const found = await db.service.findUniqueOrThrow({ where: { slug }, include: { team: { select: { slug: true, name: true } }, owner: { select: { email: true, name: true } } } });
      if (found.archivedAt) throw new ApiError("conflict", `${found.name} is archived: an owner restores it before it can be changed.`);
      return found;
    }
  }
  return requireService(actor, slug, "review:decide");
}

export const reviewTeamOutput = z.strictObject({ slug: z.string(), name: z.string(), addedAt: z.iso.datetime() });
export const reviewSettingsOutput = z.strictObject({
  reviewRequiredUpToTier: z.number().int().min(0).max(4).describe("services of this tier or a more critical one need an approved, current review to be Ready; 0: none do"),
  reviewTeams: z.array(reviewTeamOutput).describe("teams whose owners and reviewers may decide this team's reviews"),
});

export const addReviewTeamSchema = z.strictObject({ team: z.string().trim().min(1).max(100).describe("the slug of the team to name") });
export const reviewTierSchema = z.strictObject({
  reviewRequiredUpToTier: z.coerce.number().int().min(0, "Choose a tier from 1 to 4, or 0 for none.").max(4, "Choose a tier from 1 to 4, or 0 for none."),
});

export async function reviewSettings(teamId: string): Promise<z.infer<typeof reviewSettingsOutput>> {
  const [team, rows] = await Promise.all([
    db.team.findUniqueOrThrow({ where: { id: teamId }, select: { reviewRequiredUpToTier: true } }),
    db.teamReviewTeam.findMany({ where: { teamId }, orderBy: { reviewTeam: { name: "asc" } }, select: { createdAt: true, reviewTeam: { select: { slug: true, name: true } } } }),
  ]);
  return {
    reviewRequiredUpToTier: team.reviewRequiredUpToTier,
    reviewTeams: rows.map((r) => ({ slug: r.reviewTeam.slug, name: r.reviewTeam.name, addedAt: r.createdAt.toISOString() })),
  };
}

/** GET: any member sees who may decide the team's reviews. */
export async function readReviewSettings(actor: Actor, teamSlug: string) {
  const team = await requireVisibleTeam(actor, teamSlug);
  return reviewSettings(team.id);
}

async function managedTeam(actor: Actor, teamSlug: string) {
  const team = await requireVisibleTeam(actor, teamSlug);
  authorize(actor, team.id, "review-teams:manage", "team");
  return team;
}

export async function addReviewTeam(actor: Actor, teamSlug: string, input: unknown, ctx: Ctx) {
  const team = await managedTeam(actor, teamSlug);
  const { team: slug } = addReviewTeamSchema.parse(input);
  const named = await db.team.findUnique({ where: { slug } });
  if (!named || named.archivedAt) throw new ApiError("unprocessable", "No such team.", [{ path: "team", message: `There is no team with the slug "${slug}".` }]);
  if (named.id === team.id) throw new ApiError("unprocessable", "A team reviews its own services already.", [{ path: "team", message: "Name another team." }]);
  await db.$transaction(async (tx) => {
    const exists = await tx.teamReviewTeam.findUnique({ where: { teamId_reviewTeamId: { teamId: team.id, reviewTeamId: named.id } } });
    if (exists) throw new ApiError("conflict", `${named.name} is a review team of ${team.name} already.`);
    await tx.teamReviewTeam.create({ data: { teamId: team.id, reviewTeamId: named.id } });
    await recordAudit(tx, { actor, ...ctx }, { teamId: team.id, action: "team.review-team.add", targetType: "team", targetId: team.slug, after: { reviewTeam: named.slug } });
  });
  return reviewSettings(team.id);
}

export async function removeReviewTeam(actor: Actor, teamSlug: string, input: unknown, ctx: Ctx) {
  const team = await managedTeam(actor, teamSlug);
  const { team: reviewTeamSlug } = addReviewTeamSchema.parse(input);
  const named = await db.team.findUnique({ where: { slug: reviewTeamSlug }, select: { id: true, slug: true } });
  const row = named ? await db.teamReviewTeam.findUnique({ where: { teamId_reviewTeamId: { teamId: team.id, reviewTeamId: named.id } } }) : null;
  if (!named || !row) throw new ApiError("not_found", "That team is not a review team of this team.");
  await db.$transaction(async (tx) => {
    await tx.teamReviewTeam.delete({ where: { teamId_reviewTeamId: { teamId: team.id, reviewTeamId: named.id } } });
    await recordAudit(tx, { actor, ...ctx }, { teamId: team.id, action: "team.review-team.remove", targetType: "team", targetId: team.slug, before: { reviewTeam: named.slug } });
  });
  return reviewSettings(team.id);
}

/** Up to which tier the team's services need an approved, current review (0: none). Owners. */
export async function setReviewTier(actor: Actor, teamSlug: string, input: unknown, ctx: Ctx) {
  const team = await managedTeam(actor, teamSlug);
  const { reviewRequiredUpToTier } = reviewTierSchema.parse(input);
  await db.$transaction(async (tx) => {
    await tx.team.update({ where: { id: team.id }, data: { reviewRequiredUpToTier } });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: team.id,
      action: "team.review-tier",
      targetType: "team",
      targetId: team.slug,
      before: { reviewRequiredUpToTier: team.reviewRequiredUpToTier },
      after: { reviewRequiredUpToTier },
    });
  });
  return reviewSettings(team.id);
}
