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

export async function hitRateLimit(rule: RateLimit, subject: string): Promise<RateLimitResult> {
  // The key is the table's primary key: a subject of any length (a huge "email" on the sign-in form)
  // is counted under its hash once it is too long to be a readable key.
  const lower = subject.toLowerCase();
  const key = `${rule.name}:${lower.length > MAX_PLAIN_SUBJECT ? `sha256:${createHash("sha256").update(lower).digest("hex")}` : lower}`;
  const rows = await db.$queryRaw<{ count: number; expiresAt: Date }[]>`
    INSERT INTO "RateLimitBucket" (key, count, "windowStart", "expiresAt")
    VALUES (${key}, 1, now(), now() + make_interval(secs => ${rule.windowSeconds}))
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN "RateLimitBucket"."expiresAt" <= now() THEN 1 ELSE "RateLimitBucket".count + 1 END,
      "windowStart" = CASE WHEN "RateLimitBucket"."expiresAt" <= now() THEN now() ELSE "RateLimitBucket"."windowStart" END,
      "expiresAt" = CASE WHEN "RateLimitBucket"."expiresAt" <= now()
                         THEN now() + make_interval(secs => ${rule.windowSeconds})
                         ELSE "RateLimitBucket"."expiresAt" END
    RETURNING count, "expiresAt"`;
  const row = rows[0]!;
  return {
    allowed: row.count <= rule.limit,
    count: row.count,
    retryAfterSeconds: Math.max(1, Math.ceil((row.expiresAt.getTime() - Date.now()) / 1000)),
  };
}

/** Check several limits (e.g. per email and per IP); throws 429 with Retry-After when one is exceeded. */
export async function enforceRateLimits(checks: { rule: RateLimit; subject: string }[]): Promise<void> {
  const results = await Promise.all(checks.map((c) => hitRateLimit(c.rule, c.subject)));
  const blocked = results.filter((r) => !r.allowed);
  if (blocked.length) {
    const retry = Math.max(...blocked.map((r) => r.retryAfterSeconds));
    throw new ApiError("rate_limited", `Too many attempts. Try again in ${Math.ceil(retry / 60)} minute(s).`, undefined, {
      "retry-after": String(retry),
    });
  }
}

