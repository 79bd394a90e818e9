import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { deleteTeam, deleteTeamSchema, publicTeamRef, renameTeam, renameTeamSchema, teamDeletion } from "@/lib/teams/manage";

type P = { team: string };

/** Owners rename their team; instance admins any team. */
export const PATCH = apiRoute<P>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, renameTeamSchema);
  const team = await renameTeam(actor, params.team, body, audit);
  return jsonResponse({ team: publicTeamRef(team) });
});

/** Instance admins only. A team with services is archived with them, and only with `{"confirm": "<team name>"}`. */
export const DELETE = apiRoute<P>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, deleteTeamSchema);
  const result = await deleteTeam(actor, params.team, body, audit);
  return jsonResponse(teamDeletion(params.team, result));
});
