/** Checklist aggregates per service, computed in PostgreSQL (one GROUP BY, index on serviceId). */
import type { Pool } from "pg";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { NO_DATA_AFTER_SECONDS } from "@/lib/thresholds/evaluate";
import { NOT_READY_BELOW_SCORE, SEVERITY_WEIGHTS, type ReadinessAggregate, type ReadinessLevel } from "./compute";

const weight = Prisma.sql`CASE severity WHEN 'critical' THEN ${SEVERITY_WEIGHTS.critical}::int WHEN 'high' THEN ${SEVERITY_WEIGHTS.high}::int
  WHEN 'medium' THEN ${SEVERITY_WEIGHTS.medium}::int ELSE ${SEVERITY_WEIGHTS.low}::int END`;
const naWithReason = Prisma.sql`(state = 'na' AND btrim(coalesce("naReason", '')) <> '')`;
const naWithoutReason = Prisma.sql`(state = 'na' AND btrim(coalesce("naReason", '')) = '')`;

export async function readinessAggregates(serviceIds: string[]): Promise<Map<string, ReadinessAggregate>> {
  if (serviceIds.length === 0) return new Map();
  const rows = await db.$queryRaw<(ReadinessAggregate & { serviceId: string })[]>`
    SELECT "serviceId",
      count(*)::int AS total,
      count(*) FILTER (WHERE state = 'done')::int AS done,
      count(*) FILTER (WHERE ${naWithReason})::int AS na,
      coalesce(sum(${weight}) FILTER (WHERE state = 'done'), 0)::int AS "doneWeight",
      coalesce(sum(${weight}) FILTER (WHERE NOT ${naWithReason}), 0)::int AS "applicableWeight",
      (count(*) FILTER (WHERE state = 'open' AND required) + count(*) FILTER (WHERE ${naWithoutReason}))::int AS "itemBlockers",
      count(*) FILTER (WHERE required AND severity = 'critical' AND (state = 'open' OR ${naWithoutReason}))::int AS "criticalRequiredOpen",
      count(*) FILTER (WHERE required AND (state = 'open' OR ${naWithoutReason}))::int AS "requiredOpen"
    FROM "ServiceChecklistItem"
    WHERE "serviceId" = ANY(${serviceIds}) AND "archivedAt" IS NULL
    GROUP BY "serviceId"`;
  return new Map(rows.map(({ serviceId, ...agg }) => [serviceId, agg]));
}

export const EMPTY_AGGREGATE: ReadinessAggregate = {
  total: 0,
  done: 0,
  na: 0,
  doneWeight: 0,
  applicableWeight: 0,
  itemBlockers: 0,
  criticalRequiredOpen: 0,
  requiredOpen: 0,
};

const DAY_SECONDS = 86_400;
const weightOf = (column: string) =>
  `CASE ${column} WHEN 'critical' THEN ${SEVERITY_WEIGHTS.critical} WHEN 'high' THEN ${SEVERITY_WEIGHTS.high} WHEN 'medium' THEN ${SEVERITY_WEIGHTS.medium} ELSE ${SEVERITY_WEIGHTS.low} END`;

/**
 * The readiness level and score of every active service (neither it nor its team archived), in one
 * statement: the rules of `readinessFromAggregate` (compute.ts) over the checklist aggregate above and
 * the signals readinessSignals (signals.ts) loads, with the status rules of lib/recovery/status.ts and
 * the staleness of lib/thresholds/store.ts `thresholdStates` written in SQL. `$1` is the clock (now).
 * Columns: id, score, level. An integration test checks it against the JavaScript on random services.
 */
export const READINESS_LEVELS_SQL = `
WITH active AS (
  SELECT s.id FROM "Service" s JOIN "Team" t ON t.id = s."teamId"
   WHERE s."archivedAt" IS NULL AND t."archivedAt" IS NULL
),
items AS (
  SELECT "serviceId",
         count(*)::int AS total,
         coalesce(sum(w) FILTER (WHERE state = 'done'), 0)::int AS done_w,
         coalesce(sum(w) FILTER (WHERE NOT na_ok), 0)::int AS app_w,
         count(*) FILTER (WHERE (state = 'open' AND required) OR na_bad)::int AS item_blockers,
         count(*) FILTER (WHERE required AND severity = 'critical' AND (state = 'open' OR na_bad))::int AS critical_open
    FROM (SELECT i."serviceId", i.state, i.required, i.severity, ${weightOf("i.severity")} AS w,
                 (i.state = 'na' AND btrim(coalesce(i."naReason", '')) <> '') AS na_ok,
                 (i.state = 'na' AND btrim(coalesce(i."naReason", '')) = '') AS na_bad
            FROM "ServiceChecklistItem" i JOIN active a ON a.id = i."serviceId"
           WHERE i."archivedAt" IS NULL) x
   GROUP BY "serviceId"
),
scored AS (
  SELECT a.id,
         coalesce(i.total, 0) AS total,
         coalesce(i.item_blockers, 0) AS item_blockers,
         coalesce(i.critical_open, 0) AS critical_open,
         CASE WHEN coalesce(i.app_w, 0) = 0 THEN CASE WHEN coalesce(i.total, 0) = 0 THEN 0 ELSE 100 END
              ELSE greatest(CASE WHEN i.done_w > 0 THEN 1 ELSE 0 END,
                            least(CASE WHEN i.done_w < i.app_w THEN 99 ELSE 100 END, round(100.0 * i.done_w / i.app_w)::int))
         END AS score
    FROM active a LEFT JOIN items i ON i."serviceId" = a.id
),
signals AS (
  SELECT sc.*,
         EXISTS (SELECT 1 FROM "HealthCheck" h WHERE h."serviceId" = sc.id AND h.enabled AND h.status = 'down') AS health_down,
         EXISTS (SELECT 1 FROM "MetricThreshold" m
                  WHERE m."serviceId" = sc.id AND m.severity = 'critical' AND m.status = 'breached'
                    AND m."valueAt" > $1::timestamptz - make_interval(secs => ${NO_DATA_AFTER_SECONDS})) AS threshold_breached,
         -- failing, overdue or never (status.ts backupState; "waiting" is no blocker)
         EXISTS (SELECT 1 FROM "BackupMonitor" b
                   LEFT JOIN "RecoveryLatest" l ON l."serviceId" = b."serviceId" AND l.component = b.component AND l.kind = 'backup'
                  WHERE b."serviceId" = sc.id
                    AND (l."lastStatus" = 'failed'
                         OR $1::timestamptz > coalesce(l."okFinishedAt", b."createdAt") + make_interval(secs => b."intervalSeconds" + b."graceSeconds"))) AS backup_blocker,
         -- never, missed (failed, over the RTO or the RPO) or overdue (status.ts drillState)
         EXISTS (SELECT 1 FROM "RtoTarget" r
                   LEFT JOIN "RecoveryLatest" l ON l."serviceId" = r."serviceId" AND l.component = r.component AND l.kind = 'drill'
                  WHERE r."serviceId" = sc.id
                    AND (l."lastStatus" IS NULL OR l."lastStatus" = 'failed'
                         OR (l."lastStartedAt" IS NOT NULL AND l."lastFinishedAt" IS NOT NULL
                             AND greatest(0, round(extract(epoch FROM l."lastFinishedAt" - l."lastStartedAt"))) > r."rtoSeconds")
                         OR (r."rpoSeconds" IS NOT NULL AND l."lastRestoredToAt" IS NOT NULL AND l."lastStartedAt" IS NOT NULL
                             AND greatest(0, round(extract(epoch FROM l."lastStartedAt" - l."lastRestoredToAt"))) > r."rpoSeconds")
                         OR l."okFinishedAt" IS NULL
                         OR l."okFinishedAt" + make_interval(secs => r."drillIntervalDays" * ${DAY_SECONDS}) < $1::timestamptz)) AS drill_blocker,
         -- the latest review that counts (a withdrawn request does not)
         (SELECT v.status FROM "Review" v WHERE v."serviceId" = sc.id AND v.status <> 'withdrawn'
           ORDER BY v."createdAt" DESC LIMIT 1) = 'changes_requested' AS review_blocker
    FROM scored sc
)
SELECT id, score,
       CASE WHEN total = 0 OR critical_open > 0 OR health_down OR threshold_breached OR score < ${NOT_READY_BELOW_SCORE} THEN 'not-ready'
            WHEN item_blockers > 0 OR backup_blocker OR drill_blocker OR coalesce(review_blocker, false) THEN 'at-risk'
            ELSE 'ready' END AS level
  FROM signals`;

/** Every active service's level and score by READINESS_LEVELS_SQL. */
export async function readinessLevels(pool: Pool, now: Date): Promise<Map<string, { score: number; level: ReadinessLevel }>> {
  const { rows } = await pool.query<{ id: string; score: number; level: ReadinessLevel }>(READINESS_LEVELS_SQL, [now]);
  return new Map(rows.map((r) => [r.id, { score: r.score, level: r.level }]));
}
