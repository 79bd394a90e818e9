import "server-only";
import { currentActor } from "@/lib/auth/request";
import type { Role } from "@/lib/generated/prisma/enums";
import { rolesByTeam } from "@/lib/teams/members";

/**
 * What a refusal page (a segment's forbidden.tsx, answered 403) says about the person refused: their
 * role in each of their teams. Those pages get no props, so they read the request's actor themselves.
 */
export async function rolesOfCurrentActor(): Promise<{ team: string; role: Role }[]> {
  const actor = await currentActor();
  return actor ? rolesByTeam(actor.roles) : [];
}
