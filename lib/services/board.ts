/**
 * The readiness board: services the actor may see, with readiness computed from PostgreSQL aggregates
 * (one GROUP BY over all checklists), filtered and sorted as the URL asks: search, team, tag and tier
 * filter in SQL; the level filter and the score order follow the computed readiness.
 */
import { z } from "zod";
import { db } from "@/lib/db";
import { visibleTeamIds, type Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { readinessFromAggregate, type ReadinessLevel, type ReadinessSummary } from "@/lib/readiness/compute";
import { EMPTY_AGGREGATE, readinessAggregates } from "@/lib/readiness/aggregate";
import { readinessSignals } from "@/lib/readiness/signals";
import { upcomingDrops } from "@/lib/readiness/upcoming";
import { openWindows } from "@/lib/maintenance/windows";
import type { UptimeCoverage } from "@/lib/uptime/coverage";
import { servicesUptime30d } from "@/lib/uptime/query";
import { healthCounts, type HealthCounts } from "@/lib/status/health";
import { BOARD_TREND_DAYS } from "@/lib/history/dates";
import { scoreTrends } from "@/lib/history/query";
import type { TrendPoint } from "@/lib/history/sparkline";

export const boardFilterSchema = z.object({
  // % and _ are LIKE wildcards: searching is for names, so they are dropped.
  q: z.string().trim().max(100).transform((v) => v.replace(/[%_\\]/g, "").trim() || undefined).optional().catch(undefined),
  level: z.enum(["not-ready", "at-risk", "ready"]).optional().catch(undefined),
  team: z.string().trim().max(60).optional().catch(undefined),
  tag: z.string().trim().max(30).optional().catch(undefined),
  tier: z.coerce.number().int().min(1).max(4).optional().catch(undefined),
  /** name (default), score (lowest first), tier (1, the most critical, first; then name) */
  sort: z.enum(["score", "name", "tier"]).default("name").catch("name"),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});

/** Cards per page: the roll-ups count every matching service, the page renders this many. */
export const BOARD_PAGE_SIZE = 60;
export type BoardFilter = z.infer<typeof boardFilterSchema>;

export interface BoardService {
  id: string;
  slug: string;
  name: string;
  description: string;
  tier: number;
  tags: string[];
  readiness: ReadinessSummary;
  /** enabled checks by status; `paused` counts the disabled ones */
  health: HealthCounts;
  review: "requested" | "approved" | "changes_requested" | "none";
  /** set when the review that counts approved the service while it was not ready */
  approvedNotReady: { openBlockers: number } | null;
  /** why the approval that counts is stale (lib/reviews/store.ts), or null */
  approvalStale: string | null;
  /** threshold states as stored by the last evaluation (no samples are read for the board) */
  thresholds: { total: number; breached: number; pending: number; noData: number };
  /** over the last 30 days (day rollups of the enabled checks); null without probes */
  uptime30d: number | null;
  /** how much of the 30 days `uptime30d` stands on; null without probes */
  uptime30dObserved: UptimeCoverage | null;
  /** from the readiness signals (no extra query): monitors and targets, and how many block readiness */
  recovery: {
    monitors: number;
    /** past due without a successful backup, and the longest such wait */
    backupsOverdue: number;
    longestOverdueSeconds: number | null;
    /** the last backup failed, but the next is not due yet */
    backupsFailed: number;
    targets: number;
    drillProblems: number;
  };
  /** the end of the maintenance window open now, or null */
  maintenanceUntil: Date | null;
  /** required items N/A under a pending or a current approved waiver */
  waivers: number;
  /** daily scores of the last BOARD_TREND_DAYS days (lib/history), oldest first; cards on this page only */
  trend: TrendPoint[];
}

export interface BoardTeam {
  slug: string;
  name: string;
  services: BoardService[];
  /** matching services of the team on all pages */
  total: number;
  ready: number;
  averageScore: number | null;
  /** the whole team's daily mean score (not the board's filter), oldest first */
  trend: TrendPoint[];
}

export interface Board {
  teams: BoardTeam[];
  /** For the filter controls: every team and tag the actor can see. */
  allTeams: { slug: string; name: string }[];
  allTags: string[];
  /** services matching the filters (all pages) */
  shown: number;
  total: number;
  page: number;
  pages: number;
  /** services of the board's filter that would drop a level on the day an upcoming rule starts */
  upcomingDrops: { date: Date; services: { slug: string; name: string; from: ReadinessLevel; to: ReadinessLevel }[] }[];
}

/**
 * The services of these teams that the board's search finds: the text (case-insensitive, anywhere) in
 * the name, slug, description or one of the tags, or in the name or email of one of the team's owners
 * (services have no owner of their own yet: the team's owners answer for them). One statement.
 */
function backupCounts(backups: readonly { status: string; overdueBySeconds?: number | null }[]) {
  const late = backups.map((b) => b.overdueBySeconds ?? null).filter((s): s is number => s !== null);
  return {
    backupsOverdue: late.length,
    longestOverdueSeconds: late.length ? Math.max(...late) : null,
    backupsFailed: backups.filter((b) => b.status === "failing" && (b.overdueBySeconds ?? null) === null).length,
  };
}

export async function searchServiceIds(teamIds: string[], q: string): Promise<string[]> {
  const like = `%${q}%`;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT s.id FROM "Service" s
    WHERE s."teamId" = ANY(${teamIds})
      AND (s.name ILIKE ${like} OR s.slug ILIKE ${like} OR s.description ILIKE ${like}
        OR EXISTS (SELECT 1 FROM unnest(s.tags) AS t(tag) WHERE t.tag ILIKE ${like})
        OR s."ownerName" ILIKE ${like}
        OR EXISTS (SELECT 1 FROM "User" u WHERE u.id = s."ownerUserId" AND (u.name ILIKE ${like} OR u.email ILIKE ${like}))
        -- A service without an owner of its own is owned by its team's owners.
        OR (s."ownerUserId" IS NULL AND s."ownerName" IS NULL
            AND EXISTS (SELECT 1 FROM "Membership" m JOIN "User" u ON u.id = m."userId"
                        WHERE m."teamId" = s."teamId" AND m.role = 'owner' AND (u.name ILIKE ${like} OR u.email ILIKE ${like}))))`;
  return rows.map((r) => r.id);
}

export async function loadBoard(actor: Actor, filter: BoardFilter, now: Date = new Date()): Promise<Board> {
  const teamIds = visibleTeamIds(actor);
  const allTeams = await db.team.findMany({ where: { id: { in: teamIds } }, orderBy: { name: "asc" }, select: { id: true, slug: true, name: true } });
  const where: Prisma.ServiceWhereInput = {
    archivedAt: null,
    teamId: { in: filter.team ? allTeams.filter((t) => t.slug === filter.team).map((t) => t.id) : teamIds },
    ...(filter.q ? { id: { in: await searchServiceIds(teamIds, filter.q) } } : {}),
    ...(filter.tag ? { tags: { has: filter.tag } } : {}),
    ...(filter.tier ? { tier: filter.tier } : {}),
  };
  const [services, total, tagRows] = await Promise.all([
    db.service.findMany({
      where,
      select: { id: true, slug: true, name: true, description: true, tier: true, tags: true, teamId: true },
      orderBy: filter.sort === "tier" ? [{ tier: "asc" }, { name: "asc" }] : { name: "asc" },
    }),
    db.service.count({ where: { teamId: { in: teamIds }, archivedAt: null } }),
    db.$queryRaw<{ tag: string }[]>`SELECT DISTINCT unnest(tags) AS tag FROM "Service" WHERE "teamId" = ANY(${teamIds}) AND "archivedAt" IS NULL ORDER BY 1`,
  ]);
  const ids = services.map((s) => s.id);
  const [aggregates, signals, pausedRows] = await Promise.all([
    readinessAggregates(ids, now),
    readinessSignals(ids, now),
    db.healthCheck.groupBy({ by: ["serviceId"], where: { serviceId: { in: ids }, enabled: false }, _count: { _all: true } }),
  ]);
  const paused = new Map(pausedRows.map((r) => [r.serviceId, r._count._all]));

  let rows: (BoardService & { teamId: string })[] = services.map((s) => {
    const sig = signals.get(s.id);
    return {
      id: s.id,
      slug: s.slug,
      name: s.name,
      description: s.description,
      tier: s.tier,
      tags: s.tags,
      teamId: s.teamId,
      readiness: readinessFromAggregate(aggregates.get(s.id) ?? EMPTY_AGGREGATE, sig ?? {}),
      health: healthCounts(sig?.health ?? [], paused.get(s.id) ?? 0),
      review: sig?.review?.status ?? "none",
      approvedNotReady: sig?.approvedNotReady ?? null,
      approvalStale: sig?.review?.status === "approved" ? (sig.review.stale ?? null) : null,
      thresholds: sig?.thresholdCounts ?? { total: 0, breached: 0, pending: 0, noData: 0 },
      uptime30d: null,
      uptime30dObserved: null,
      maintenanceUntil: null,
      waivers: aggregates.get(s.id)?.waivers ?? 0,
      trend: [],
      recovery: {
        monitors: sig?.backups?.length ?? 0,
        ...backupCounts(sig?.backups ?? []),
        targets: sig?.recovery?.length ?? 0,
        drillProblems: sig?.recovery?.filter((r) => r.status !== "met").length ?? 0,
      },
    };
  });
  if (filter.level) rows = rows.filter((r) => r.readiness.level === filter.level);
  if (filter.sort === "score") rows.sort((a, b) => a.readiness.score - b.readiness.score || a.name.localeCompare(b.name));

  // Group by team (teams in name order), then cut the page out of that order.
  const ordered = allTeams.flatMap((t) => rows.filter((r) => r.teamId === t.id));
  const pages = Math.max(1, Math.ceil(ordered.length / BOARD_PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const onPage = new Set(ordered.slice((page - 1) * BOARD_PAGE_SIZE, page * BOARD_PAGE_SIZE).map((r) => r.id));
  // Uptime, maintenance and trends only for the cards on this page: nothing filters or sorts on them.
  const teamsOnPage = [...new Set(rows.filter((r) => onPage.has(r.id)).map((r) => r.teamId))];
  const [uptimes, maintenance, trends] = await Promise.all([
    servicesUptime30d([...onPage]),
    openWindows([...onPage], now),
    scoreTrends([...onPage], teamsOnPage, BOARD_TREND_DAYS, now),
  ]);
  const trendOf = (t: { dates: string[]; scores: number[] } | undefined): TrendPoint[] => (t ? t.dates.map((date, i) => ({ date, score: t.scores[i]! })) : []);
  for (const r of rows) {
    if (!onPage.has(r.id)) continue;
    const u = uptimes.get(r.id);
    r.uptime30d = u?.uptimePercent ?? null;
    r.uptime30dObserved = u && u.uptimePercent !== null ? u.observed : null;
    r.maintenanceUntil = maintenance.get(r.id)?.endsAt ?? null;
    r.trend = trendOf(trends.services.get(r.id));
  }
  const teams = allTeams
    .map((t) => {
      const list = rows.filter((r) => r.teamId === t.id);
      return {
        slug: t.slug,
        name: t.name,
        services: list.filter((r) => onPage.has(r.id)),
        total: list.length,
        ready: list.filter((r) => r.readiness.ready).length,
        averageScore: list.length ? Math.round(list.reduce((sum, r) => sum + r.readiness.score, 0) / list.length) : null,
        trend: trendOf(trends.teams.get(t.id)),
      };
    })
    .filter((t) => t.services.length > 0);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const drops = await upcomingDrops(
    new Map(
      rows.flatMap((r) => {
        const aggregate = aggregates.get(r.id);
        return aggregate?.nextEffectiveFrom ? [[r.id, { aggregate, level: r.readiness.level, signals: signals.get(r.id) ?? {} }] as const] : [];
      }),
    ),
  );
  const upcoming = drops.map((d) => ({ date: d.date, services: d.services.map((s) => ({ slug: byId.get(s.id)!.slug, name: byId.get(s.id)!.name, from: s.from, to: s.to })) }));
  return { teams, allTeams: allTeams.map(({ slug, name }) => ({ slug, name })), allTags: tagRows.map((r) => r.tag), shown: rows.length, total, page, pages, upcomingDrops: upcoming };
}
