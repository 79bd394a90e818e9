/**
 * Daily readiness points (docs/decisions/0043-readiness-history.md). The first background round of a UTC
 * day writes one row per service that has no observed row for it yet, then its team's row; several
 * instances may run the round at once, so every write is an INSERT … ON CONFLICT on the (id, date) key.
 * The figures come from the board's set-based readiness (the checklist aggregate in one GROUP BY and the
 * signals in one query each, lib/readiness), written in one INSERT from arrays.
 */
import { db } from "@/lib/db";
import { readinessAggregates, EMPTY_AGGREGATE } from "@/lib/readiness/aggregate";
import { readinessFromAggregate, type ReadinessSignals } from "@/lib/readiness/compute";
import { readinessSignals } from "@/lib/readiness/signals";
import { HISTORY_RETENTION_DAYS, utcDay } from "./dates";

export interface HistoryPointRow {
  serviceId: string;
  date: string;
  score: number;
  level: string;
  blockers: number;
  waivers: number;
  staleApproval: boolean;
}

const BATCH = 1000;

/**
 * Upserts service points. An observed point ("snapshot") is never replaced by a rebuilt one ("backfill");
 * a rebuilt point is replaced by either.
 */
export async function writeServicePoints(points: HistoryPointRow[], source: "snapshot" | "backfill"): Promise<number> {
  let written = 0;
  for (let i = 0; i < points.length; i += BATCH) {
    const part = points.slice(i, i + BATCH);
    written += await db.$executeRaw`
      INSERT INTO "ServiceHistory" ("serviceId", date, "teamId", score, level, blockers, waivers, "staleApproval", source)
      SELECT v.id, v.date::date, s."teamId", v.score, v.level, v.blockers, v.waivers, v.stale, ${source}
      FROM unnest(${part.map((p) => p.serviceId)}::text[], ${part.map((p) => p.date)}::text[], ${part.map((p) => p.score)}::int[],
                  ${part.map((p) => p.level)}::text[], ${part.map((p) => p.blockers)}::int[], ${part.map((p) => p.waivers)}::int[],
                  ${part.map((p) => p.staleApproval)}::boolean[]) AS v(id, date, score, level, blockers, waivers, stale)
      JOIN "Service" s ON s.id = v.id
      ON CONFLICT ("serviceId", date) DO UPDATE SET
        "teamId" = EXCLUDED."teamId", score = EXCLUDED.score, level = EXCLUDED.level, blockers = EXCLUDED.blockers,
        waivers = EXCLUDED.waivers, "staleApproval" = EXCLUDED."staleApproval", source = EXCLUDED.source, "recordedAt" = now()
      WHERE "ServiceHistory".source = 'backfill'`;
  }
  return written;
}

/** (Re)sums the team rows of `dates` from their service rows, for `teamIds` (all teams when null). */
export async function writeTeamPoints(dates: string[], teamIds: string[] | null): Promise<number> {
  if (dates.length === 0) return 0;
  return db.$executeRaw`
    INSERT INTO "TeamHistory" ("teamId", date, services, ready, "atRisk", "notReady", "meanScore", blockers, waivers, "staleApprovals")
    SELECT h."teamId", h.date, count(*)::int,
      count(*) FILTER (WHERE h.level = 'ready')::int, count(*) FILTER (WHERE h.level = 'at-risk')::int,
      count(*) FILTER (WHERE h.level = 'not-ready')::int, round(avg(h.score))::int,
      sum(h.blockers)::int, sum(h.waivers)::int, count(*) FILTER (WHERE h."staleApproval")::int
    FROM "ServiceHistory" h
    WHERE h.date = ANY(${dates}::date[]) AND (${teamIds}::text[] IS NULL OR h."teamId" = ANY(${teamIds}::text[]))
    GROUP BY h."teamId", h.date
    ON CONFLICT ("teamId", date) DO UPDATE SET
      services = EXCLUDED.services, ready = EXCLUDED.ready, "atRisk" = EXCLUDED."atRisk", "notReady" = EXCLUDED."notReady",
      "meanScore" = EXCLUDED."meanScore", blockers = EXCLUDED.blockers, waivers = EXCLUDED.waivers,
      "staleApprovals" = EXCLUDED."staleApprovals", "recordedAt" = now()
    WHERE ("TeamHistory".services, "TeamHistory".ready, "TeamHistory"."atRisk", "TeamHistory"."notReady", "TeamHistory"."meanScore",
           "TeamHistory".blockers, "TeamHistory".waivers, "TeamHistory"."staleApprovals")
      IS DISTINCT FROM (EXCLUDED.services, EXCLUDED.ready, EXCLUDED."atRisk", EXCLUDED."notReady", EXCLUDED."meanScore",
           EXCLUDED.blockers, EXCLUDED.waivers, EXCLUDED."staleApprovals")`;
}

/**
 * The day's points of every active service (of an active team) not yet observed today, at `now`.
 * A later round the same day finds none missing and costs one indexed query.
 */
export async function recordDailySnapshots(now: Date): Promise<{ services: number; teams: number }> {
  const date = utcDay(now);
  const missing = await db.$queryRaw<{ id: string }[]>`
    SELECT s.id FROM "Service" s JOIN "Team" t ON t.id = s."teamId"
    WHERE s."archivedAt" IS NULL AND t."archivedAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "ServiceHistory" h WHERE h."serviceId" = s.id AND h.date = ${date}::date AND h.source = 'snapshot')`;
  if (missing.length === 0) return { services: 0, teams: 0 };
  let services = 0;
  for (let i = 0; i < missing.length; i += BATCH) {
    const ids = missing.slice(i, i + BATCH).map((r) => r.id);
    const [aggregates, signals] = await Promise.all([readinessAggregates(ids, now), readinessSignals(ids, now)]);
    const points = ids.map((id): HistoryPointRow => {
      const agg = aggregates.get(id) ?? EMPTY_AGGREGATE;
      const sig: ReadinessSignals = signals.get(id) ?? {};
      const r = readinessFromAggregate(agg, sig);
      const staleApproval = sig.review?.status === "approved" && Boolean(sig.review.stale);
      return { serviceId: id, date, score: r.score, level: r.level, blockers: r.blockerCount, waivers: agg.waivers, staleApproval };
    });
    services += await writeServicePoints(points, "snapshot");
  }
  const teams = await writeTeamPoints([date], null);
  return { services, teams };
}

/** Deletes points older than HISTORY_RETENTION_DAYS before `now`'s day. */
export async function pruneHistory(now: Date): Promise<number> {
  const date = utcDay(now);
  const [services, teams] = await Promise.all([
    db.$executeRaw`DELETE FROM "ServiceHistory" WHERE date < ${date}::date - ${HISTORY_RETENTION_DAYS}::int`,
    db.$executeRaw`DELETE FROM "TeamHistory" WHERE date < ${date}::date - ${HISTORY_RETENTION_DAYS}::int`,
  ]);
  return services + teams;
}
