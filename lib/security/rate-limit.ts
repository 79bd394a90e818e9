/**
 * Fixed-window rate limits counted in PostgreSQL (table RateLimitBucket), so several app instances
 * share them. One statement per check: an upsert that resets an expired window.
 */
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";

export interface RateLimit {
  /** e.g. "signin:email" */
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/** Longer subjects are stored as their sha256 (an index entry holds about 2.7 KB at most). */
const MAX_PLAIN_SUBJECT = 320;

/** `now` is the moment of the attempt (tests pass one instead of waiting for a window to end). */
export async function hitRateLimit(rule: RateLimit, subject: string, now: Date = new Date()): Promise<RateLimitResult> {
  // The key is the table's primary key: a subject of any length (a huge "email" on the sign-in form)
  // is counted under its hash once it is too long to be a readable key.
  const lower = subject.toLowerCase();
  const key = `${rule.name}:${lower.length > MAX_PLAIN_SUBJECT ? `sha256:${createHash("sha256").update(lower).digest("hex")}` : lower}`;
  const at = now.toISOString();
  const rows = await db.$queryRaw<{ count: number; expiresAt: Date }[]>`
    INSERT INTO "RateLimitBucket" (key, count, "windowStart", "expiresAt")
    VALUES (${key}, 1, ${at}::timestamptz, ${at}::timestamptz + make_interval(secs => ${rule.windowSeconds}))
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN "RateLimitBucket"."expiresAt" <= ${at}::timestamptz THEN 1 ELSE "RateLimitBucket".count + 1 END,
      "windowStart" = CASE WHEN "RateLimitBucket"."expiresAt" <= ${at}::timestamptz THEN ${at}::timestamptz ELSE "RateLimitBucket"."windowStart" END,
      "expiresAt" = CASE WHEN "RateLimitBucket"."expiresAt" <= ${at}::timestamptz
                         THEN ${at}::timestamptz + make_interval(secs => ${rule.windowSeconds})
                         ELSE "RateLimitBucket"."expiresAt" END
    RETURNING count, "expiresAt"`;
  const row = rows[0]!;
  return {
    allowed: row.count <= rule.limit,
    count: row.count,
    retryAfterSeconds: Math.max(1, Math.ceil((row.expiresAt.getTime() - now.getTime()) / 1000)),
  };
}

/** Check several limits (e.g. per email and per IP); throws 429 with Retry-After when one is exceeded. */
export async function enforceRateLimits(checks: { rule: RateLimit; subject: string }[], now: Date = new Date()): Promise<void> {
  const results = await Promise.all(checks.map((c) => hitRateLimit(c.rule, c.subject, now)));
  const blocked = results.filter((r) => !r.allowed);
  if (blocked.length) {
    const retry = Math.max(...blocked.map((r) => r.retryAfterSeconds));
    throw new ApiError("rate_limited", `Too many attempts. Try again in ${Math.ceil(retry / 60)} minute(s).`, undefined, {
      "retry-after": String(retry),
    });
  }
}

