import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { publicInvitation, resendInvitation } from "@/lib/teams/invitations";
import { requireVisibleTeam } from "@/lib/teams/members";

export const POST = apiRoute<{ team: string; id: string }>(async (_req, { actor, params, audit }) => {
  const team = await requireVisibleTeam(actor, params.team);
  const { invitation } = await resendInvitation(actor, team.id, params.id, audit);
  return jsonResponse({ invitation: publicInvitation(invitation) });
});
