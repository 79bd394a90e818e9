import type { PoolClient } from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Every transaction that updates several HealthCheck rows locks them first, in id order: two such
 * transactions (a probe batch and archiving a team, say) then wait for each other instead of each holding
 * a row the other needs, which PostgreSQL ends as a deadlock by failing one of them. An UPDATE alone locks
 * its rows in whatever order its plan visits them.
 */
const LOCK_SQL = `SELECT id FROM "HealthCheck" WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE`;

export async function lockChecks(client: PoolClient, checkIds: readonly string[]): Promise<void> {
  if (checkIds.length > 0) await client.query(LOCK_SQL, [checkIds]);
}

/** The same for the checks of some services, inside a Prisma transaction. */
export async function lockChecksOfServicesTx(tx: Prisma.TransactionClient, serviceIds: readonly string[]): Promise<void> {
  if (serviceIds.length === 0) return;
  await tx.$queryRaw`SELECT id FROM "HealthCheck" WHERE "serviceId" = ANY(${serviceIds}::text[]) ORDER BY id FOR NO KEY UPDATE`;
}
