import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { createAgentToken, createAgentTokenSchema, listAgentTokens, publicAgentToken } from "@/lib/agents/tokens";
import { requireVisibleTeam } from "@/lib/teams/members";

type P = { team: string };

export const GET = apiRoute<P>(async (_req, { actor, params }) => {
  const team = await requireVisibleTeam(actor, params.team);
  const tokens = await listAgentTokens(actor, team.id);
  return jsonResponse({ agentTokens: tokens.map((t) => publicAgentToken(t)) });
});

/** Team owners; the secret is in this response only (stored hashed). */
export const POST = apiRoute<P>(async (req, { actor, params, audit }) => {
  const team = await requireVisibleTeam(actor, params.team);
  const body = await parseJsonBody(req, createAgentTokenSchema);
  const { token, secret } = await createAgentToken(actor, team.id, body, audit);
  return jsonResponse({ agentToken: { ...publicAgentToken(token), secret } }, { status: 201 });
});
