import { z } from "zod";
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

/** GET /api/v1/services: archived services only with `?archived=include`. */
export const serviceListQuery = z.object({
  archived: z.enum(["include"], { error: 'Use "archived=include" to list archived services too.' }).optional(),
});

/** A service as the API answers it (`publicService` builds it; the OpenAPI document shows it). */
export const serviceOutput = z.strictObject({
  slug: z.string(),
  name: z.string(),
  team: z.string(),
  description: z.string(),
  environment: z.string(),
  tier: z.number().int(),
  tags: z.array(z.string()),
  owner: z.strictObject({ email: z.string().nullable().describe("set when the owner is a member of the team"), name: z.string() }).nullable(),
  onCall: z.string().nullable().describe("a person, a channel or a rotation URL"),
  runbookUrl: z.string().nullable(),
  repositoryUrl: z.string().nullable(),
  archived: z.boolean(),
  archivedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

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
}): z.infer<typeof serviceOutput> {
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
