import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { publicAgentToken, revokeAgentToken } from "@/lib/agents/tokens";
import { requireVisibleTeam } from "@/lib/teams/members";

export const DELETE = apiRoute<{ team: string; id: string }>(async (_req, { actor, params, audit }) => {
  const team = await requireVisibleTeam(actor, params.team);
  const token = await revokeAgentToken(actor, team.id, params.id, audit);
  return jsonResponse({ agentToken: publicAgentToken(token) });
});
