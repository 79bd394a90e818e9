import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { createTeam, createTeamSchema, listTeams, publicTeam } from "@/lib/teams/manage";

/** The caller's teams (a token: its own); every team for an instance admin. */
export const GET = apiRoute(async (_req, { actor }) => {
  const teams = await listTeams(actor);
  return jsonResponse({ teams: teams.map(publicTeam) });
});

/** Instance admins only; the creator becomes the team's owner. */
export const POST = apiRoute(async (req, { actor, audit }) => {
  const body = await parseJsonBody(req, createTeamSchema);
  const team = await createTeam(actor, body, audit);
  return jsonResponse(
    { team: publicTeam({ ...team, services: 0, members: 1, role: "owner" }) },
    { status: 201, headers: { location: `/api/v1/teams/${team.slug}` } },
  );
});
