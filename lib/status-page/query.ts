/**
 * What a published status page shows, read set-based: one statement finds the page and its services
 * (with each service's current status from its checks and an open maintenance window), one sums the day
 * rollups per service and day over the 90 days, one lists the incidents of those 90 days (with the error
 * class that dominated their first hour, from the hour rollups: never the error message), one the open and
 * upcoming maintenance windows. Nothing here reads a check's URL, an error message or a member.
 * The caller (cache.ts) runs it at most once per team per 30 s.
 */
import { sqlPool } from "@/lib/db";
import type { CheckStatus } from "@/lib/probes/state";

export interface StatusPageServiceRow {
  id: string;
  name: string;
  description: string;
  /** worst status of the service's enabled checks; null when it has none */
  status: CheckStatus | null;
  /** end of the maintenance window open now, if any */
  maintenanceUntil: Date | null;
}

export interface StatusPageRow {
  teamSlug: string;
  title: string;
  services: StatusPageServiceRow[];
}

export interface DayRow {
  serviceId: string;
  /** UTC midnight (ms) */
  day: number;
  up: number;
  down: number;
  degraded: number;
  maintenance: number;
}

export interface PublicIncidentRow {
  id: string;
  serviceId: string;
  startedAt: Date;
  endedAt: Date | null;
  /** ProbeErrorClass that counted most in the incident's first hour; null when the rollup holds none */
  errorClass: string | null;
}

export interface PublicMaintenanceRow {
  id: string;
  serviceId: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
}

/** Incidents listed at most (newest first). */
export const MAX_PUBLIC_INCIDENTS = 200;
/** Upcoming maintenance windows shown this far ahead. */
export const UPCOMING_MAINTENANCE_DAYS = 30;

const PAGE_SQL = `
SELECT t.slug AS "teamSlug", p.title,
  coalesce((
    SELECT json_agg(json_build_object(
      'id', s.id, 'name', s.name, 'description', s.description,
      'status', (SELECT CASE WHEN bool_or(c.status = 'down') THEN 'down' WHEN bool_or(c.status = 'degraded') THEN 'degraded'
                             WHEN bool_or(c.status = 'up') THEN 'up' WHEN count(*) > 0 THEN 'unknown' END
                 FROM "HealthCheck" c WHERE c."serviceId" = s.id AND c.enabled),
      'maintenanceUntil', (SELECT max(m."endsAt") FROM "MaintenanceWindow" m WHERE m."serviceId" = s.id AND m."startsAt" <= $2 AND m."endsAt" > $2)
    ) ORDER BY o.n)
    FROM unnest(p."serviceIds") WITH ORDINALITY AS o(id, n)
    JOIN "Service" s ON s.id = o.id AND s."teamId" = t.id AND s."archivedAt" IS NULL
  ), '[]'::json) AS services
FROM "Team" t JOIN "StatusPage" p ON p."teamId" = t.id
WHERE t.slug = $1 AND t."archivedAt" IS NULL AND p.published`;

/** Every check of the services counts, paused ones too: their days before the pause are history. */
const DAYS_SQL = `
SELECT c."serviceId", (extract(epoch FROM r."bucketStart") * 1000)::float8 AS day,
       sum(r.up)::int AS up, sum(r.down)::int AS down, sum(r.degraded)::int AS degraded, sum(r.maintenance)::int AS maintenance
FROM "HealthCheck" c
JOIN "ProbeRollup" r ON r."checkId" = c.id AND r.granularity = 'day' AND r."bucketStart" >= $2 AND r."bucketStart" < $3
WHERE c."serviceId" = ANY($1::text[])
GROUP BY 1, 2`;

const INCIDENTS_SQL = `
SELECT i.id, i."serviceId", i."startedAt", i."endedAt",
  (SELECT e.key FROM "ProbeRollup" h, jsonb_each_text(h."errorCounts") AS e
   WHERE h."checkId" = i."checkId" AND h.granularity = 'hour' AND h."bucketStart" = date_bin(interval '1 hour', i."startedAt", timestamptz '1970-01-01 00:00:00+00')
   ORDER BY e.value::int DESC, e.key LIMIT 1) AS "errorClass"
FROM "Incident" i
WHERE i."serviceId" = ANY($1::text[]) AND i."startedAt" < $3 AND (i."endedAt" IS NULL OR i."endedAt" > $2)
ORDER BY i."startedAt" DESC
LIMIT ${MAX_PUBLIC_INCIDENTS}`;

const MAINTENANCE_SQL = `
SELECT id, "serviceId", "startsAt", "endsAt", reason FROM "MaintenanceWindow"
WHERE "serviceId" = ANY($1::text[]) AND "endsAt" > $2 AND "startsAt" < $2 + interval '${UPCOMING_MAINTENANCE_DAYS} days'
ORDER BY "startsAt"
LIMIT ${MAX_PUBLIC_INCIDENTS}`;

interface RawService extends Omit<StatusPageServiceRow, "maintenanceUntil"> {
  maintenanceUntil: string | null;
}

export interface StatusPageData {
  page: StatusPageRow;
  days: DayRow[];
  incidents: PublicIncidentRow[];
  maintenance: PublicMaintenanceRow[];
}

/** The published page of team `slug` with its figures over [from, now), or null when there is none. */
export async function readStatusPage(slug: string, window: { from: Date; end: Date; now: Date }): Promise<StatusPageData | null> {
  const pool = sqlPool();
  const { rows } = await pool.query<{ teamSlug: string; title: string; services: RawService[] }>(PAGE_SQL, [slug, window.now]);
  const row = rows[0];
  if (!row) return null;
  const services = row.services.map((s) => ({ ...s, maintenanceUntil: s.maintenanceUntil ? new Date(s.maintenanceUntil) : null }));
  const ids = services.map((s) => s.id);
  const page = { teamSlug: row.teamSlug, title: row.title, services };
  if (ids.length === 0) return { page, days: [], incidents: [], maintenance: [] };
  const [days, incidents, maintenance] = await Promise.all([
    pool.query<DayRow>(DAYS_SQL, [ids, window.from, window.end]),
    pool.query<PublicIncidentRow>(INCIDENTS_SQL, [ids, window.from, window.now]),
    pool.query<PublicMaintenanceRow>(MAINTENANCE_SQL, [ids, window.now]),
  ]);
  return { page, days: days.rows, incidents: incidents.rows, maintenance: maintenance.rows };
}
