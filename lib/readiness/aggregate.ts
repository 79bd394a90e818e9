/**
 * Checklist aggregates per service, computed in PostgreSQL (one GROUP BY, index on serviceId). The
 * time-dependent rules (waivers, re-verification, effectiveFrom; lib/readiness/item-status.ts) are
 * column tests against `now`, so the scan stays one pass with no join.
 */
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { SEVERITY_WEIGHTS, type ReadinessAggregate } from "./compute";

const weight = Prisma.sql`CASE severity WHEN 'critical' THEN ${SEVERITY_WEIGHTS.critical}::int WHEN 'high' THEN ${SEVERITY_WEIGHTS.high}::int
  WHEN 'medium' THEN ${SEVERITY_WEIGHTS.medium}::int ELSE ${SEVERITY_WEIGHTS.low}::int END`;

function rules(now: Date) {
  const counted = Prisma.sql`("effectiveFrom" IS NULL OR "effectiveFrom" <= ${now}::timestamptz)`;
  const waiverCurrent = Prisma.sql`("waiverStatus" = 'approved' AND ("waiverExpiresAt" IS NULL OR "waiverExpiresAt" > ${now}::timestamptz))`;
  const waiverBlocks = Prisma.sql`(required AND "waiverStatus" IS NOT NULL AND NOT ${waiverCurrent})`;
  /** N/A and out of the score: a reason, and for a required item with a waiver, a current approval */
  const excluded = Prisma.sql`(state = 'na' AND btrim(coalesce("naReason", '')) <> '' AND NOT ${waiverBlocks})`;
  const stale = Prisma.sql`(state = 'done' AND coalesce("reverifyDays", 0) > 0 AND "autoCheck" IS NULL AND "verifiedAt" IS NOT NULL
    AND "verifiedAt" + make_interval(days => "reverifyDays") <= ${now}::timestamptz)`;
  const done = Prisma.sql`(state = 'done' AND NOT ${stale})`;
  const open = Prisma.sql`(NOT ${excluded} AND NOT ${done})`;
  return { counted, waiverCurrent, excluded, done, open };
}

export async function readinessAggregates(serviceIds: string[], now: Date = new Date()): Promise<Map<string, ReadinessAggregate>> {
  if (serviceIds.length === 0) return new Map();
  const { counted, waiverCurrent, excluded, done, open } = rules(now);
  const rows = await db.$queryRaw<(ReadinessAggregate & { serviceId: string })[]>`
    SELECT "serviceId",
      count(*) FILTER (WHERE ${counted})::int AS total,
      count(*) FILTER (WHERE ${counted} AND ${done})::int AS done,
      count(*) FILTER (WHERE ${counted} AND ${excluded})::int AS na,
      coalesce(sum(${weight}) FILTER (WHERE ${counted} AND ${done}), 0)::int AS "doneWeight",
      coalesce(sum(${weight}) FILTER (WHERE ${counted} AND NOT ${excluded}), 0)::int AS "applicableWeight",
      count(*) FILTER (WHERE ${counted} AND ${open} AND (required OR state = 'na'))::int AS "itemBlockers",
      count(*) FILTER (WHERE ${counted} AND ${open} AND required AND severity = 'critical')::int AS "criticalRequiredOpen",
      count(*) FILTER (WHERE ${counted} AND ${open} AND required)::int AS "requiredOpen",
      count(*) FILTER (WHERE ${counted} AND ${excluded} AND required AND "waiverStatus" IS NOT NULL)::int AS waived,
      count(*) FILTER (WHERE NOT ${counted})::int AS upcoming,
      min("effectiveFrom") FILTER (WHERE NOT ${counted}) AS "nextEffectiveFrom",
      count(*) FILTER (WHERE ${counted} AND state = 'na' AND required AND ("waiverStatus" = 'pending' OR ${waiverCurrent}))::int AS waivers
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
  waived: 0,
  upcoming: 0,
  waivers: 0,
  nextEffectiveFrom: null,
};
