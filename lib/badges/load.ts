/**
 * The data behind a public badge, read without a session: only for a team that turned public badges on
 * (Team.publicBadges, owners; lib/teams/badges.ts). Anything else — no such team or service, the
 * service in another team, badges off, either archived — is one and the same 404, so a badge URL says
 * nothing about what exists behind it. Reads only (no threshold refresh): the board's figures.
 */
import { z } from "zod";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { readinessSummaries } from "@/lib/readiness/levels";
import { healthCounts } from "@/lib/status/health";
import { loadServiceUptime } from "@/lib/uptime/query";
import { UPTIME_RANGES, type UptimeRange } from "@/lib/uptime/ranges";
import { healthBadge, readinessBadge, uptimeBadge, type BadgeKind } from "./messages";
import type { BadgeSpec } from "./svg";

export const BADGE_NOT_FOUND = "No such badge.";

/** ?range= of the uptime badge (default 30 days, the board's range); an unknown one is a 400. */
export const DEFAULT_BADGE_RANGE: UptimeRange = "30d";
export const badgeQuerySchema = z.object({ range: z.enum(UPTIME_RANGES).default(DEFAULT_BADGE_RANGE) });

export async function badgeService(teamSlug: string, serviceSlug: string) {
  const service = await db.service.findFirst({
    where: { slug: serviceSlug, archivedAt: null, team: { slug: teamSlug, publicBadges: true, archivedAt: null } },
    select: { id: true, name: true },
  });
  if (!service) throw new ApiError("not_found", BADGE_NOT_FOUND);
  return service;
}

export async function badgeSpec(kind: BadgeKind, service: { id: string; name: string }, range: UptimeRange, now = new Date()): Promise<BadgeSpec> {
  if (kind === "readiness") {
    const summary = (await readinessSummaries([service.id], now)).get(service.id)!;
    return readinessBadge(service.name, summary);
  }
  if (kind === "health") {
    const checks = await db.healthCheck.findMany({ where: { serviceId: service.id }, select: { enabled: true, status: true } });
    return healthBadge(service.name, healthCounts(checks.filter((c) => c.enabled), checks.filter((c) => !c.enabled).length));
  }
  const uptime = await loadServiceUptime(service.id, range, { now });
  return uptimeBadge(service.name, range, uptime);
}
