import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { publicToken, revokeApiToken } from "@/lib/teams/api-tokens";
import { requireVisibleTeam } from "@/lib/teams/members";

export const DELETE = apiRoute<{ team: string; id: string }>(async (_req, { actor, params, audit }) => {
  const team = await requireVisibleTeam(actor, params.team);
  const token = await revokeApiToken(actor, team.id, params.id, audit);
  return jsonResponse({ token: publicToken(token) });
});
