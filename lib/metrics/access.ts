/**
 * Who may scrape GET /api/metrics: nobody while METRICS_TOKEN is unset (404, as if the route did not
 * exist), then only `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise). The comparison is of
 * sha256 digests in constant time, like the cron secret's (lib/cron/auth.ts).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";

export type MetricsAccess = "off" | "denied" | "allowed";

const digest = (s: string) => createHash("sha256").update(s).digest();

export function metricsAccess(token: string | undefined, authorization: string | null): MetricsAccess {
  if (!token) return "off";
  const given = /^Bearer\s+(.+)$/i.exec(authorization ?? "")?.[1] ?? "";
  return timingSafeEqual(digest(given), digest(token)) ? "allowed" : "denied";
}

export function requireMetricsToken(req: Request): void {
  const access = metricsAccess(env().METRICS_TOKEN, req.headers.get("authorization"));
  if (access === "off") throw new ApiError("not_found", "There is no such API endpoint.");
  if (access === "denied") throw new ApiError("unauthorized", "A valid metrics token is required (Authorization: Bearer <METRICS_TOKEN>).");
}
