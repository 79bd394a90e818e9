/**
 * A team's status page settings: whether /status/{team} is published, its title and which of the team's
 * services it lists (in order). Every member reads them; owners change them (`status-page:manage`), each
 * change audited in its transaction. Off until an owner publishes it: a team without a row has no page.
 */
import { z } from "zod";
import { authorize, type Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { requireVisibleTeam } from "@/lib/teams/members";
import { forgetStatusPage } from "./cache";

type Ctx = Omit<AuditContext, "actor">;

export const statusPageSettingsSchema = z.strictObject({
  published: z.boolean(),
  title: z.string().trim().min(1, "Give the page a title.").max(100, "Keep the title under 100 characters."),
  serviceIds: z.array(z.string().min(1).max(60)).max(200, "List at most 200 services.").transform((ids) => [...new Set(ids)]),
});
export type StatusPageSettingsInput = z.input<typeof statusPageSettingsSchema>;

export interface StatusPageSettings {
  published: boolean;
  title: string;
  /** ids of the team's live services the page lists, in order (archived or moved ones left out) */
  serviceIds: string[];
  /** the team's live services, to choose from */
  services: { id: string; slug: string; name: string }[];
}

export async function statusPageSettings(teamId: string): Promise<StatusPageSettings> {
  const [team, row, services] = await Promise.all([
    db.team.findUniqueOrThrow({ where: { id: teamId }, select: { name: true } }),
    db.statusPage.findUnique({ where: { teamId } }),
    db.service.findMany({ where: { teamId, archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, slug: true, name: true } }),
  ]);
  const live = new Set(services.map((s) => s.id));
  return {
    published: row?.published ?? false,
    title: row?.title ?? `${team.name} status`,
    serviceIds: (row?.serviceIds ?? []).filter((id) => live.has(id)),
    services,
  };
}

/** GET: any member of the team. */
export async function readStatusPageSettings(actor: Actor, teamSlug: string): Promise<StatusPageSettings> {
  const team = await requireVisibleTeam(actor, teamSlug);
  return statusPageSettings(team.id);
}

/** Publish, unpublish, retitle or choose the services (owners); a service not of the team is a 422. */
export async function updateStatusPageSettings(actor: Actor, teamSlug: string, input: unknown, ctx: Ctx): Promise<StatusPageSettings> {
  const team = await requireVisibleTeam(actor, teamSlug);
  authorize(actor, team.id, "status-page:manage", "status page");
  const next = statusPageSettingsSchema.parse(input);
  const services = await db.service.findMany({ where: { id: { in: next.serviceIds }, teamId: team.id, archivedAt: null }, select: { id: true } });
  if (services.length !== next.serviceIds.length) {
    throw new ApiError("unprocessable", "Choose services of this team.", [{ path: "serviceIds", message: "One of the services is not a live service of this team." }]);
  }
  await db.$transaction(async (tx) => {
    const before = await tx.statusPage.findUnique({ where: { teamId: team.id } });
    await tx.statusPage.upsert({ where: { teamId: team.id }, create: { teamId: team.id, ...next }, update: next });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: team.id,
      action: "team.status-page",
      targetType: "team",
      targetId: team.slug,
      before: before ? { published: before.published, title: before.title, serviceIds: before.serviceIds } : null,
      after: next,
    });
  });
  forgetStatusPage(team.slug);
  return statusPageSettings(team.id);
}
