/**
 * Stale approvals (issue #16): an approval stops counting as current when the service moves away from the
 * snapshot it was given on — a required item leaves done, the tier becomes more critical, or a critical
 * threshold breaches. It is marked once (`staleAt`, `staleReason`) and raises one `review.stale` event
 * (dedupe key `review.stale:<review id>`), in the statement or transaction of the change that makes it stale.
 * A new review replaces it; re-ticking the item does not make the old approval current again.
 *
 * Only the review that counts (the latest one not withdrawn, as lib/readiness/signals.ts reads it) can go stale.
 */
import type { PoolClient, Pool } from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The counting review of service `$1`, when it is a current approval: marked stale with reason `$2` at `$3`. */
const MARK_STALE_SQL = `
  WITH stale AS (
    UPDATE "Review" r SET "staleAt" = $3, "staleReason" = $2
    WHERE r.id = (SELECT id FROM "Review" WHERE "serviceId" = $1 AND status <> 'withdrawn' ORDER BY "createdAt" DESC LIMIT 1)
      AND r.status = 'approved' AND r."staleAt" IS NULL
    RETURNING r.id, r."serviceId"
  )
  ${staleEventInsert("stale", "$2", "$3")}
  RETURNING id`;

/**
 * The INSERT of the `review.stale` event for the rows of CTE `from` (columns id, "serviceId"), with the reason
 * and time given as SQL expressions; also used by the checklist write's single statement (lib/checklists/items.ts).
 */
export function staleEventInsert(from: string, reason: string, at: string): string {
  return `INSERT INTO "AlertEvent" (id, "teamId", "serviceId", type, "dedupeKey", "occurredAt", details)
    SELECT NULL, NULL, x."serviceId", 'review.stale', 'review.stale:' || x.id, ${at}, jsonb_build_object('reviewId', x.id, 'reason', ${reason}::text)
    FROM ${from} x
    ON CONFLICT ("dedupeKey") DO NOTHING`;
}

/** On a pg client (inside the caller's transaction). True when this call made the approval stale. */
export async function markApprovalStale(client: PoolClient | Pool, serviceId: string, reason: string, now: Date): Promise<boolean> {
  const { rowCount } = await client.query(MARK_STALE_SQL, [serviceId, reason, now]);
  return (rowCount ?? 0) > 0;
}

/** The same on a Prisma transaction client. */
export async function markApprovalStaleTx(tx: Prisma.TransactionClient, serviceId: string, reason: string, now: Date): Promise<boolean> {
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(MARK_STALE_SQL, serviceId, reason, now);
  return rows.length > 0;
}

/** Why a tier change made the approval stale, or null when the tier did not become more critical. */
export function tierStaleReason(before: number, after: number): string | null {
  return after < before ? `the tier became more critical (${before} → ${after})` : null;
}
