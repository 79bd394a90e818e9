/** What the service's Settings page shows: its fields, the team's members (owner suggestions), where it may move. */
import { can, teamsWhereActorCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { serviceOwner } from "./list";

export async function loadServiceSettings(actor: Actor, serviceId: string) {
  const service = await db.service.findUniqueOrThrow({
    where: { id: serviceId },
    include: { team: { select: { slug: true, name: true, reviewRequiredUpToTier: true } }, owner: { select: { email: true, name: true } } },
  });
  // the items a tier change can add or drop (the form's "Tier 1 also requires: …")
  const tierLimited = await db.serviceChecklistItem.findMany({
    where: { serviceId, archivedAt: null, required: true, requiredUpToTier: { not: null } },
    orderBy: { position: "asc" },
    select: { title: true, required: true, requiredUpToTier: true },
  });
  const moveTargets = can(actor, service.teamId, "service:move")
    ? await db.team.findMany({
        where: { id: { in: teamsWhereActorCan(actor, "service:move").filter((id) => id !== service.teamId) }, archivedAt: null },
        orderBy: { name: "asc" },
        select: { slug: true, name: true },
      })
    : [];
  const members = await db.membership.findMany({ where: { teamId: service.teamId }, select: { user: { select: { email: true } } }, orderBy: { user: { email: "asc" } } });
  return {
    service,
    owner: serviceOwner(service),
    memberEmails: members.map((m) => m.user.email),
    moveTargets,
    tierLimited,
    reviewRequiredUpToTier: service.team.reviewRequiredUpToTier,
    canEdit: can(actor, service.teamId, "service:update"),
    canArchive: can(actor, service.teamId, "service:archive"),
    canDelete: can(actor, service.teamId, "service:delete"),
  };
}
