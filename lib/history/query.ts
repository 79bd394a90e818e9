/** Reads of the daily readiness points (lib/history/store.ts writes them). */
import { z } from "zod";
import { db } from "@/lib/db";
import { addDays, HISTORY_DEFAULT_DAYS, HISTORY_MAX_DAYS, utcDay } from "./dates";

export const historyQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(HISTORY_MAX_DAYS).default(HISTORY_DEFAULT_DAYS),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

const level = z.enum(["not-ready", "at-risk", "ready"]);
const date = z.iso.date().describe("a UTC day; a day with no point (no background round ran) is left out");

export const serviceHistoryPointOutput = z.strictObject({
  date,
  score: z.number().int().min(0).max(100),
  level,
  blockers: z.number().int(),
  waivers: z.number().int().describe("waivers pending or approved and current"),
  staleApproval: z.boolean(),
  source: z.enum(["snapshot", "backfill"]).describe("`backfill`: rebuilt from the audit log, checklist only (docs/decisions/0043)"),
});
export type ServiceHistoryPoint = z.infer<typeof serviceHistoryPointOutput>;

export const teamHistoryPointOutput = z.strictObject({
  date,
  score: z.number().int().min(0).max(100).describe("the mean score of the team's services that day"),
  services: z.number().int(),
  ready: z.number().int(),
  atRisk: z.number().int(),
  notReady: z.number().int(),
  blockers: z.number().int(),
  waivers: z.number().int(),
  staleApprovals: z.number().int(),
});
export type TeamHistoryPoint = z.infer<typeof teamHistoryPointOutput>;

export const serviceHistoryOutput = z.strictObject({ slug: z.string(), days: z.number().int(), points: z.array(serviceHistoryPointOutput) });
export const teamHistoryOutput = z.strictObject({ team: z.string(), days: z.number().int(), points: z.array(teamHistoryPointOutput) });

/** The first day of a `days`-day window ending today. */
const firstDay = (now: Date, days: number) => addDays(utcDay(now), 1 - days);

export async function serviceHistory(serviceId: string, days: number, now: Date = new Date()): Promise<ServiceHistoryPoint[]> {
  const rows = await db.$queryRaw<(Omit<ServiceHistoryPoint, "level" | "source"> & { level: string; source: string })[]>`
    SELECT to_char(date, 'YYYY-MM-DD') AS date, score, level, blockers, waivers, "staleApproval", source
    FROM "ServiceHistory" WHERE "serviceId" = ${serviceId} AND date >= ${firstDay(now, days)}::date AND date <= ${utcDay(now)}::date
    ORDER BY date`;
  return rows.map((r) => ({ ...r, level: level.parse(r.level), source: r.source === "backfill" ? "backfill" : "snapshot" }));
}

export async function teamHistory(teamId: string, days: number, now: Date = new Date()): Promise<TeamHistoryPoint[]> {
  return db.$queryRaw<TeamHistoryPoint[]>`
    SELECT to_char(date, 'YYYY-MM-DD') AS date, "meanScore" AS score, services, ready, "atRisk", "notReady", blockers, waivers, "staleApprovals"
    FROM "TeamHistory" WHERE "teamId" = ${teamId} AND date >= ${firstDay(now, days)}::date AND date <= ${utcDay(now)}::date
    ORDER BY date`;
}

export interface ScoreTrend {
  dates: string[];
  scores: number[];
}

/**
 * The board's sparklines: the scores of the last `days` days of every service and team asked for, in one
 * query (both tables, primary-key ranges).
 */
export async function scoreTrends(serviceIds: string[], teamIds: string[], days: number, now: Date = new Date()): Promise<{ services: Map<string, ScoreTrend>; teams: Map<string, ScoreTrend> }> {
  const services = new Map<string, ScoreTrend>();
  const teams = new Map<string, ScoreTrend>();
  if (serviceIds.length === 0 && teamIds.length === 0) return { services, teams };
  const from = firstDay(now, days);
  const to = utcDay(now);
  const rows = await db.$queryRaw<{ kind: "s" | "t"; id: string; dates: string[]; scores: number[] }[]>`
    SELECT 's' AS kind, "serviceId" AS id, array_agg(to_char(date, 'YYYY-MM-DD') ORDER BY date) AS dates, array_agg(score ORDER BY date) AS scores
    FROM "ServiceHistory" WHERE "serviceId" = ANY(${serviceIds}::text[]) AND date >= ${from}::date AND date <= ${to}::date GROUP BY "serviceId"
    UNION ALL
    SELECT 't', "teamId", array_agg(to_char(date, 'YYYY-MM-DD') ORDER BY date), array_agg("meanScore" ORDER BY date)
    FROM "TeamHistory" WHERE "teamId" = ANY(${teamIds}::text[]) AND date >= ${from}::date AND date <= ${to}::date GROUP BY "teamId"`;
  for (const r of rows) (r.kind === "s" ? services : teams).set(r.id, { dates: r.dates, scores: r.scores });
  return { services, teams };
}

export interface TeamServicePoint {
  date: string;
  slug: string;
  name: string;
  score: number;
  level: string;
  blockers: number;
  waivers: number;
  staleApproval: boolean;
  source: string;
}

/** A page of the team's service points over the last `days` days, by (date, slug), after the `after` cursor. */
export async function teamServicePointsPage(teamId: string, days: number, after: { date: string; slug: string } | null, limit: number, now: Date = new Date()): Promise<TeamServicePoint[]> {
  return db.$queryRaw<TeamServicePoint[]>`
    SELECT to_char(h.date, 'YYYY-MM-DD') AS date, s.slug, s.name, h.score, h.level, h.blockers, h.waivers, h."staleApproval", h.source
    FROM "ServiceHistory" h JOIN "Service" s ON s.id = h."serviceId"
    WHERE h."teamId" = ${teamId} AND h.date >= ${firstDay(now, days)}::date AND h.date <= ${utcDay(now)}::date
      AND (${after?.date ?? null}::date IS NULL OR (h.date, s.slug) > (${after?.date ?? null}::date, ${after?.slug ?? null}::text))
    ORDER BY h.date, s.slug
    LIMIT ${limit}`;
}
