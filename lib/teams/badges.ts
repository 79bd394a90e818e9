/**
 * The team setting behind public badges (Team.publicBadges, off by default): owners turn it on or off,
 * each change audited. While it is off every badge URL of the team answers the same 404 as one that does
 * not exist (lib/badges/load.ts).
 */
import { z } from "zod";
import { authorize, type Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { requireVisibleTeam } from "./members";

export const publicBadgesSchema = z.strictObject({ publicBadges: z.boolean() });

/** Turns the team's public badges on or off (owners); returns the new setting. Setting it to what it is writes nothing. */
export async function setPublicBadges(actor: Actor, teamSlug: string, input: unknown, ctx: Omit<AuditContext, "actor">): Promise<boolean> {
  const team = await requireVisibleTeam(actor, teamSlug);
  authorize(actor, team.id, "badges:manage", "team");
  const { publicBadges } = publicBadgesSchema.parse(input);
  await db.$transaction(async (tx) => {
    const before = await tx.team.findUniqueOrThrow({ where: { id: team.id }, select: { publicBadges: true } });
    if (before.publicBadges === publicBadges) return;
    await tx.team.update({ where: { id: team.id }, data: { publicBadges } });
    await recordAudit(tx, { actor, ...ctx }, { teamId: team.id, action: "team.badges", targetType: "team", targetId: team.slug, before, after: { publicBadges } });
  });
  return publicBadges;
}

/** The badge URLs of a service and the Markdown for a README, from the app's public origin. */
export function badgeLinks(origin: string, teamSlug: string, serviceSlug: string, serviceName: string) {
  const base = `${origin.replace(/\/$/, "")}/api/badge/${encodeURIComponent(teamSlug)}/${encodeURIComponent(serviceSlug)}`;
  const alt = (what: string) => `${serviceName} ${what}`.replace(/[[\]\\]/g, "\\$&");
  const badges = [
    { kind: "readiness", url: `${base}/readiness.svg`, alt: alt("readiness") },
    { kind: "health", url: `${base}/health.svg`, alt: alt("health") },
    { kind: "uptime", url: `${base}/uptime.svg?range=30d`, alt: alt("uptime over 30 days") },
  ];
  return { badges, markdown: badges.map((b) => `![${b.alt}](${b.url})`).join(" ") };
}

/** The team's slug and whether its public badges are on (the service page's badge panel). */
export async function teamBadges(teamId: string) {
  return db.team.findUniqueOrThrow({ where: { id: teamId }, select: { slug: true, publicBadges: true } });
}
