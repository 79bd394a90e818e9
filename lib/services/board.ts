import { db } from "@/lib/db";

export interface BoardService {
  id: string;
  slug: string;
  name: string;
  description: string;
  tier: number;
  tags: string[];
  total: number;
  done: number;
  na: number;
  open: number;
  requiredOpen: number;
}

export interface BoardTeam {
  slug: string;
  name: string;
  services: BoardService[];
}

/**
 * Services with their checklist counts, grouped by team. Counting happens in PostgreSQL
 * (one GROUP BY over the checklist), not in JavaScript.
 */
export async function loadBoard(teamIds: string[]): Promise<BoardTeam[]> {
  const [teams, counts] = await Promise.all([
    db.team.findMany({
      where: { id: { in: teamIds } },
      orderBy: { name: "asc" },
      select: {
        slug: true,
        name: true,
        services: {
          orderBy: { name: "asc" },
          select: { id: true, slug: true, name: true, description: true, tier: true, tags: true },
        },
      },
    }),
    db.$queryRaw<{ serviceId: string; total: number; done: number; na: number; requiredOpen: number }[]>`
      SELECT "serviceId",
             count(*)::int AS total,
             count(*) FILTER (WHERE state = 'done')::int AS done,
             count(*) FILTER (WHERE state = 'na')::int AS na,
             count(*) FILTER (WHERE state = 'open' AND required)::int AS "requiredOpen"
      FROM "ServiceChecklistItem" i
      JOIN "Service" s ON s.id = i."serviceId"
      WHERE i."archivedAt" IS NULL AND s."teamId" = ANY(${teamIds})
      GROUP BY "serviceId"`,
  ]);
  const byService = new Map(counts.map((c) => [c.serviceId, c]));
  return teams.map((team) => ({
    slug: team.slug,
    name: team.name,
    services: team.services.map((s) => {
      const c = byService.get(s.id) ?? { total: 0, done: 0, na: 0, requiredOpen: 0 };
      return { ...s, total: c.total, done: c.done, na: c.na, open: c.total - c.done - c.na, requiredOpen: c.requiredOpen };
    }),
  }));
}

/** Share of applicable items that are done, 0–100 (N/A items do not count either way). */
export function completionPercent(s: Pick<BoardService, "total" | "done" | "na">): number | null {
  const applicable = s.total - s.na;
  return applicable > 0 ? Math.round((s.done / applicable) * 100) : null;
}
