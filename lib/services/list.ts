import { db } from "@/lib/db";
import { visibleTeamIds, type Actor } from "@/lib/auth/actor";

/** Services of the teams the actor may see, with their team; archived ones only when asked for. */
export async function listVisibleServices(actor: Actor, opts: { archived?: boolean } = {}) {
  return db.service.findMany({
    where: { teamId: { in: visibleTeamIds(actor) }, ...(opts.archived ? {} : { archivedAt: null }) },
    orderBy: [{ team: { name: "asc" } }, { name: "asc" }],
    include: { team: { select: { slug: true, name: true } }, owner: { select: { email: true, name: true } } },
  });
}

/** Who owns a service, for people: a member (email, and name when known) or a free-text name. */
export function serviceOwner(s: { owner?: { email: string; name: string | null } | null; ownerName?: string | null }): { email: string | null; name: string } | null {
  if (s.owner) return { email: s.owner.email, name: s.owner.name ?? s.owner.email };
  return s.ownerName ? { email: null, name: s.ownerName } : null;
}

export function publicService(s: {
  slug: string;
  name: string;
  team: { slug: string };
  description: string;
  environment: string;
  tier: number;
  tags: string[];
  owner?: { email: string; name: string | null } | null;
  ownerName?: string | null;
  onCall?: string | null;
  runbookUrl?: string | null;
  repositoryUrl?: string | null;
  archivedAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}) {
  return {
    slug: s.slug,
    name: s.name,
    team: s.team.slug,
    description: s.description,
    environment: s.environment,
    tier: s.tier,
    tags: s.tags,
    owner: serviceOwner(s),
    onCall: s.onCall ?? null,
    runbookUrl: s.runbookUrl ?? null,
    repositoryUrl: s.repositoryUrl ?? null,
    archived: Boolean(s.archivedAt),
    archivedAt: s.archivedAt ? s.archivedAt.toISOString() : null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
