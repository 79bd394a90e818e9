/**
 * Checklist aggregates per service, computed in PostgreSQL (one GROUP BY, index on serviceId). The
 * time-dependent rules (waivers, re-verification, effectiveFrom; lib/readiness/item-status.ts) are
 * column tests against `now`, and what is required follows the service's tier (joined by primary key),
 * so the scan stays one pass.
 */
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { SEVERITY_WEIGHTS, type ReadinessAggregate } from "./compute";

const weight = Prisma.sql`CASE severity WHEN 'critical' THEN ${SEVERITY_WEIGHTS.critical}::int WHEN 'high' THEN ${SEVERITY_WEIGHTS.high}::int
  WHEN 'medium' THEN ${SEVERITY_WEIGHTS.medium}::int ELSE ${SEVERITY_WEIGHTS.low}::int END`;

/** Required of the item's service at its tier (see `requiredAtTier`); `s` is the service. */
const requiredAtTier = Prisma.sql`(i.required AND (i."requiredUpToTier" IS NULL OR s.tier <= i."requiredUpToTier"))`;

function rules(now: Date) {
  const counted = Prisma.sql`(i."effectiveFrom" IS NULL OR i."effectiveFrom" <= ${now}::timestamptz)`;
  const waiverCurrent = Prisma.sql`(i."waiverStatus" = 'approved' AND (i."waiverExpiresAt" IS NULL OR i."waiverExpiresAt" > ${now}::timestamptz))`;
  // Waivers follow the item's own `required` flag (lib/readiness/item-status.ts), whatever the tier.
  const waiverBlocks = Prisma.sql`(i.required AND i."waiverStatus" IS NOT NULL AND NOT ${waiverCurrent})`;
  /** N/A and out of the score: a reason, and for a required item with a waiver, a current approval */
  const excluded = Prisma.sql`(i.state = 'na' AND btrim(coalesce(i."naReason", '')) <> '' AND NOT ${waiverBlocks})`;
  const stale = Prisma.sql`(i.state = 'done' AND coalesce(i."reverifyDays", 0) > 0 AND i."autoCheck" IS NULL AND i."verifiedAt" IS NOT NULL
    AND i."verifiedAt" + make_interval(days => i."reverifyDays") <= ${now}::timestamptz)`;
  const done = Prisma.sql`(i.state = 'done' AND NOT ${stale})`;
  const open = Prisma.sql`(NOT ${excluded} AND NOT ${done})`;
  return { counted, waiverCurrent, excluded, done, open };
}

export async function readinessAggregates(serviceIds: string[], now: Date = new Date()): Promise<Map<string, ReadinessAggregate>> {
  if (serviceIds.length === 0) return new Map();
  const { counted, waiverCurrent, excluded, done, open } = rules(now);
  const rows = await db.$queryRaw<(ReadinessAggregate & { serviceId: string })[]>`
    SELECT i."serviceId",
      count(*) FILTER (WHERE ${counted})::int AS total,
      count(*) FILTER (WHERE ${counted} AND ${done})::int AS done,
      count(*) FILTER (WHERE ${counted} AND ${excluded})::int AS na,
      coalesce(sum(${weight}) FILTER (WHERE ${counted} AND ${done}), 0)::int AS "doneWeight",
      coalesce(sum(${weight}) FILTER (WHERE ${counted} AND NOT ${excluded}), 0)::int AS "applicableWeight",
      count(*) FILTER (WHERE ${counted} AND ${open} AND (${requiredAtTier} OR i.state = 'na'))::int AS "itemBlockers",
      count(*) FILTER (WHERE ${counted} AND ${open} AND ${requiredAtTier} AND i.severity = 'critical')::int AS "criticalRequiredOpen",
      count(*) FILTER (WHERE ${counted} AND ${open} AND ${requiredAtTier})::int AS "requiredOpen",
      count(*) FILTER (WHERE ${counted} AND ${excluded} AND i.required AND i."waiverStatus" IS NOT NULL)::int AS waived,
      count(*) FILTER (WHERE NOT ${counted})::int AS upcoming,
      min(i."effectiveFrom") FILTER (WHERE NOT ${counted}) AS "nextEffectiveFrom",
      count(*) FILTER (WHERE ${counted} AND i.state = 'na' AND i.required AND (i."waiverStatus" = 'pending' OR ${waiverCurrent}))::int AS waivers
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
  waived: 0,
  upcoming: 0,
  waivers: 0,
  nextEffectiveFrom: null,
};
