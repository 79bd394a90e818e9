import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { publicInvitation, revokeInvitation } from "@/lib/teams/invitations";
import { requireVisibleTeam } from "@/lib/teams/members";

export const DELETE = apiRoute<{ team: string; id: string }>(async (_req, { actor, params, audit }) => {
  const team = await requireVisibleTeam(actor, params.team);
  const invitation = await revokeInvitation(actor, team.id, params.id, audit);
  return jsonResponse({ invitation: publicInvitation(invitation) });
});
