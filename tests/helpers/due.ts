/**
 * Making health checks due for the next probe round in a test. "Due" is decided by the claiming
 * statement with the database's clock (`"nextRunAt" <= now()`), and `nextRunAt` is stored to the
 * millisecond: a value written as `now()` can round *up* past the claim's `now()` a moment later.
 * So a test sets due times clearly in the past, by the database's clock, never "now".
 */
import { sqlPool } from "@/lib/db";

/** SQL for a due time one minute ago by the database's clock: due for any claim that follows. */
export const DUE_AT_SQL = `now() - interval '1 minute'`;

/** A due time for rows created by the test (a minute behind this process's clock). */
export const dueAt = () => new Date(Date.now() - 60_000);

/** Make the given service's checks (or every check) due for the next round. */
export async function makeChecksDue(serviceId?: string): Promise<void> {
  if (serviceId) await sqlPool().query(`UPDATE "HealthCheck" SET "nextRunAt" = ${DUE_AT_SQL} WHERE "serviceId" = $1`, [serviceId]);
  else await sqlPool().query(`UPDATE "HealthCheck" SET "nextRunAt" = ${DUE_AT_SQL}`);
}
