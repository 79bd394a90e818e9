/**
 * Page titles that name a service or team only for someone who may see it: the title of a 404 must not
 * reveal that another team's service exists, or what it is called.
 */
import "server-only";
import { can } from "@/lib/auth/actor";
import { currentActor } from "@/lib/auth/request";
import { findServiceBySlug } from "@/lib/services/lookup";
import { findTeamBySlug } from "@/lib/teams/members";

const NOT_FOUND = "Not found";

/** "Uptime · CryptoPulse" for a member, "Not found" otherwise. */
export async function serviceTitle(slug: string, page?: string): Promise<string> {
  const [actor, service] = await Promise.all([currentActor(), findServiceBySlug(slug)]);
  if (!actor || !service || !can(actor, service.teamId, "team:read")) return NOT_FOUND;
  return page ? `${page} · ${service.name}` : service.name;
}

/** "API tokens · Platform" for a member, "Team Platform" for the team page, "Not found" otherwise. */
export async function teamTitle(slug: string, page?: string): Promise<string> {
  const [actor, team] = await Promise.all([currentActor(), findTeamBySlug(slug)]);
  if (!actor || !team || !can(actor, team.id, "team:read")) return NOT_FOUND;
  return page ? `${page} · ${team.name}` : `Team ${team.name}`;
}
