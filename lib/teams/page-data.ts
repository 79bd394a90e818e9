import "server-only";
import { notFound } from "next/navigation";
import { roleIn, type Actor } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page";
import type { Role } from "@/lib/generated/prisma/enums";
import { findTeamBySlug } from "./members";

/** For team pages: signed-in actor, the team (404 when not a member), and the actor's role in it. */
export async function loadTeamPage(slug: string, path: string): Promise<{ actor: Actor; team: { id: string; slug: string; name: string; publicBadges: boolean }; role: Role }> {
  const actor = await requirePageActor(path);
  const team = await findTeamBySlug(slug);
  const role = team ? roleIn(actor, team.id) : null;
  if (!team || !role) notFound();
  return { actor, team, role };
}
