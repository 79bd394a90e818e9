import { databaseProbe } from "@/lib/db";
import { databaseUnavailable, noteDatabaseDown } from "@/lib/db/outage";

/**
 * A page (or server action) failed: when the database is why, start the outage (logged once, watched
 * until it is back), so proxy.ts answers the next page requests 503 with a page that says so.
 */
export function onPageError(err: unknown): void {
  if (databaseUnavailable(err)) noteDatabaseDown(err, databaseProbe);
}
