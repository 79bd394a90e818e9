import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { rotateSigningSecret } from "@/lib/alerts/channels";
import { requireVisibleTeam } from "@/lib/teams/members";

/** The new secret is in this answer only; the old one stops signing at once. */
export const POST = apiRoute<{ team: string; id: string }>(async (_req, { actor, params, audit }) => {
  const team = await requireVisibleTeam(actor, params.team);
  const { channel, signingSecret } = await rotateSigningSecret(actor, team.id, params.id, audit);
  return jsonResponse({ channel: { ...channel, signingSecret } });
});
