/**
 * When a failed delivery is tried again: about 30 s, 2 min, 10 min and 1 h after the first, second,
 * third and fourth failed attempts, then every hour, until 24 h after the first attempt; an attempt
 * that fails at or after that point gives up (the delivery is marked failed). The last retry is pulled
 * in to the 24 h mark, so a target that is down for a day still gets a try at its end. Pure.
 */

/** Delay after the n-th failed attempt (n = 1, 2, …); the last one repeats. */
export const RETRY_DELAYS_SECONDS = [30, 120, 600, 3600] as const;
/** Retries stop this long after the first attempt. */
export const RETRY_WINDOW_SECONDS = 24 * 3600;

/**
 * @param attempts attempts made so far, the one that just failed included (1 after the first failure)
 * @param firstAttemptAt start of the retry window
 * @param now when the failed attempt was made
 * @returns the time of the next attempt, or "give up"
 */
export function planRetry(attempts: number, firstAttemptAt: Date, now: Date): Date | "give up" {
  const deadline = firstAttemptAt.getTime() + RETRY_WINDOW_SECONDS * 1000;
  if (now.getTime() >= deadline) return "give up";
  const index = Math.min(Math.max(attempts, 1), RETRY_DELAYS_SECONDS.length) - 1;
  const delaySeconds = RETRY_DELAYS_SECONDS[index]!;
  return new Date(Math.min(now.getTime() + delaySeconds * 1000, deadline));
}
