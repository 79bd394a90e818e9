import type { Prisma } from "@/lib/generated/prisma/client";

/** How many health checks one service may have: enough for every endpoint and location, not a probe flood. */
export const MAX_CHECKS_PER_SERVICE = 50;

/**
 * The number of checks a service has, with the service's row locked until the transaction ends, so two
 * creates at once count one after the other and the cap holds. NO KEY UPDATE leaves writes of rows that
 * only reference the service (checklist items, results) unblocked.
 */
export async function countChecksLockedTx(tx: Prisma.TransactionClient, serviceId: string): Promise<number> {
  await tx.$queryRaw`SELECT id FROM "Service" WHERE id = ${serviceId} FOR NO KEY UPDATE`;
  return tx.healthCheck.count({ where: { serviceId } });
}
