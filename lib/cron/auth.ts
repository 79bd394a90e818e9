import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";

/** Background routes answer only to `Authorization: Bearer $CRON_SECRET` (compared in constant time). */
export function requireCronSecret(req: Request): void {
  const secret = env().CRON_SECRET;
  if (!secret) throw new ApiError("unavailable", "CRON_SECRET is not configured, so background routes are disabled.");
  const given = /^Bearer\s+(.+)$/i.exec(req.headers.get("authorization") ?? "")?.[1] ?? "";
  const digest = (s: string) => createHash("sha256").update(s).digest();
  if (!timingSafeEqual(digest(given), digest(secret))) throw new ApiError("unauthorized", "A valid cron secret is required.");
}
