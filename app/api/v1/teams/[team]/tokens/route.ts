import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { createApiToken, createTokenSchema, listApiTokens, publicToken } from "@/lib/teams/api-tokens";
import { requireVisibleTeam } from "@/lib/teams/members";

type P = { team: string };

export const GET = apiRoute<P>(async (_req, { actor, params }) => {
  const team = await requireVisibleTeam(actor, params.team);
  const tokens = await listApiTokens(actor, team.id);
  return jsonResponse({ tokens: tokens.map((t) => ({ ...publicToken(t), owner: t.user.email })) });
});

/** The secret is in this response only; it is stored hashed. */
export const POST = apiRoute<P>(async (req, { actor, params, audit }) => {
  const team = await requireVisibleTeam(actor, params.team);
  const body = await parseJsonBody(req, createTokenSchema);
  const { token, secret } = await createApiToken(actor, team.id, body, audit);
  return jsonResponse({ token: { ...publicToken(token), secret } }, { status: 201 });
});
