import { z } from "zod";
import { db } from "@/lib/db";
import { visibleTeamIds, type Actor } from "@/lib/auth/actor";

/** Services of the teams the actor may see, with their team. */
export async function listVisibleServices(actor: Actor) {
  return db.service.findMany({
    where: { teamId: { in: visibleTeamIds(actor) } },
    orderBy: [{ team: { name: "asc" } }, { name: "asc" }],
    include: { team: { select: { slug: true, name: true } } },
  });
}

/** A service as the API answers it (`publicService` builds it; the OpenAPI document shows it). */
export const serviceOutput = z.strictObject({
  slug: z.string(),
  name: z.string(),
  team: z.string(),
  description: z.string(),
  environment: z.string(),
  tier: z.number().int(),
  tags: z.array(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export function publicService(s: {
  slug: string;
  name: string;
  team: { slug: string };
  description: string;
  environment: string;
  tier: number;
  tags: string[];
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
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
