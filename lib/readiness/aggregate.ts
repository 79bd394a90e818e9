/** Checklist aggregates per service, computed in PostgreSQL (one GROUP BY, index on serviceId). */
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { SEVERITY_WEIGHTS, type ReadinessAggregate } from "./compute";

const weight = Prisma.sql`CASE severity WHEN 'critical' THEN ${SEVERITY_WEIGHTS.critical}::int WHEN 'high' THEN ${SEVERITY_WEIGHTS.high}::int
  WHEN 'medium' THEN ${SEVERITY_WEIGHTS.medium}::int ELSE ${SEVERITY_WEIGHTS.low}::int END`;
const naWithReason = Prisma.sql`(state = 'na' AND btrim(coalesce("naReason", '')) <> '')`;
const naWithoutReason = Prisma.sql`(state = 'na' AND btrim(coalesce("naReason", '')) = '')`;

/** Required of the item's service at its tier (see `requiredAtTier`); `s` is the service. */
const required = Prisma.sql`(i.required AND (i."requiredUpToTier" IS NULL OR s.tier <= i."requiredUpToTier"))`;

export async function readinessAggregates(serviceIds: string[]): Promise<Map<string, ReadinessAggregate>> {
  if (serviceIds.length === 0) return new Map();
  const rows = await db.$queryRaw<(ReadinessAggregate & { serviceId: string })[]>`
    SELECT i."serviceId",
      count(*)::int AS total,
      count(*) FILTER (WHERE state = 'done')::int AS done,
      count(*) FILTER (WHERE ${naWithReason})::int AS na,
      coalesce(sum(${weight}) FILTER (WHERE state = 'done'), 0)::int AS "doneWeight",
      coalesce(sum(${weight}) FILTER (WHERE NOT ${naWithReason}), 0)::int AS "applicableWeight",
      (count(*) FILTER (WHERE state = 'open' AND ${required}) + count(*) FILTER (WHERE ${naWithoutReason}))::int AS "itemBlockers",
      count(*) FILTER (WHERE ${required} AND severity = 'critical' AND (state = 'open' OR ${naWithoutReason}))::int AS "criticalRequiredOpen",
      count(*) FILTER (WHERE ${required} AND (state = 'open' OR ${naWithoutReason}))::int AS "requiredOpen"
    FROM "ServiceChecklistItem" i
    JOIN "Service" s ON s.id = i."serviceId"
    WHERE i."serviceId" = ANY(${serviceIds}) AND i."archivedAt" IS NULL
    GROUP BY i."serviceId"`;
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
