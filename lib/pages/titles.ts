/**
 * Page titles that name a service or team only for someone who may see it: the title of a 404 must not
 * reveal that another team's service exists, or what it is called.
 */
import "server-only";
import { can } from "@/lib/auth/actor";
import type { Action } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/request";
import { findServiceBySlug } from "@/lib/services/lookup";
import { findTeamBySlug } from "@/lib/teams/members";

const NOT_FOUND = "Not found";
/** a member refused a page of their own team (its forbidden.tsx, 403): they know the team, so no secret */
const NOT_ALLOWED = "Not allowed";

/** "Uptime · CryptoPulse" for a member, "Not found" otherwise. */
export async function serviceTitle(slug: string, page?: string): Promise<string> {
  const [actor, service] = await Promise.all([currentActor(), findServiceBySlug(slug)]);
  if (!actor || !service || !can(actor, service.teamId, "team:read")) return NOT_FOUND;
  return page ? `${page} · ${service.name}` : service.name;
}

/**
 * "API tokens · Platform" for a member, "Team Platform" for the team page, "Not found" otherwise; "Not
 * allowed" for a member without `needs`, the page's own permission (the page answers its forbidden.tsx).
 */
export async function teamTitle(slug: string, page?: string, needs?: Action): Promise<string> {
  const [actor, team] = await Promise.all([currentActor(), findTeamBySlug(slug)]);
  if (!actor || !team || !can(actor, team.id, "team:read")) return NOT_FOUND;
  if (needs && !can(actor, team.id, needs)) return NOT_ALLOWED;
  return page ? `${page} · ${team.name}` : `Team ${team.name}`;
}
