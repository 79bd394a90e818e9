import "server-only";
import { isInstanceAdmin } from "@/lib/auth/actor";
import { currentActor } from "@/lib/auth/request";
import { listTeams } from "@/lib/teams/members";

export interface SiteHeaderUser {
  email: string;
  /** The actor's teams, by name: the header links to each team page. */
  teams: { slug: string; name: string }[];
  /** An instance admin (PREFLIGHT_ADMIN_EMAILS): the header says so and links to the teams list. */
  admin: boolean;
}

/** What the site header shows: the signed-in user and their teams, or null (a "Sign in" link). */
export async function siteHeaderUser(): Promise<SiteHeaderUser | null> {
  const actor = await currentActor();
  if (!actor) return null;
  return { email: actor.email, teams: await listTeams([...actor.roles.keys()]), admin: isInstanceAdmin(actor) };
}
