/**
 * When a check runs next. A probe that started on time keeps the rhythm: the next run is one interval
 * after the planned one. A probe that started late (a restart, an outage, a backlog) is planned from
 * when it actually ran: one interval after that, never from the missed plan, so a check is never
 * probed twice within seconds to "catch up".
 */

/** A run is late when it started more than this share of the interval after its plan ... */
export const LATE_SHARE_OF_INTERVAL = 0.1;
/** ... or more than this many milliseconds after it, whichever is less. */
export const LATE_AFTER_MAX_MS = 5_000;

/**
 * The next run of a check planned for `planned` that started at `ranAt`. Two runs of a check are
 * therefore never closer than 90 % of its interval (and at most 5 s closer than the interval).
 */
export function planNextRun(planned: Date, ranAt: Date, intervalSeconds: number): Date {
  const intervalMs = intervalSeconds * 1000;
  const lateAfterMs = Math.min(LATE_AFTER_MAX_MS, intervalMs * LATE_SHARE_OF_INTERVAL);
  const from = ranAt.getTime() - planned.getTime() > lateAfterMs ? ranAt : planned;
  return new Date(from.getTime() + intervalMs);
}

/**
 * The next run of a check whose service is archived: far enough never to come due, so the claim query
 * passes over it by its index (no join to Service on every claim). Restoring the service makes it due now.
 */
export const PARKED_NEXT_RUN = new Date("9999-12-31T00:00:00.000Z");
