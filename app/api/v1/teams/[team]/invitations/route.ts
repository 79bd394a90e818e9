import { jsonResponse } from "@/lib/http/json";
import { authorize } from "@/lib/auth/actor";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { createInvitation, createInvitationSchema, listInvitations, publicInvitation } from "@/lib/teams/invitations";
import { requireVisibleTeam } from "@/lib/teams/members";

type P = { team: string };

export const GET = apiRoute<P>(async (_req, { actor, params }) => {
  const team = await requireVisibleTeam(actor, params.team);
  authorize(actor, team.id, "invitations:create", "team");
  const invitations = await listInvitations(team.id, { openOnly: false });
  return jsonResponse({ invitations: invitations.map((i) => publicInvitation(i)) });
});

export const POST = apiRoute<P>(async (req, { actor, params, audit }) => {
  const team = await requireVisibleTeam(actor, params.team);
  authorize(actor, team.id, "invitations:create", "team");
  const body = await parseJsonBody(req, createInvitationSchema);
  const { invitation } = await createInvitation(actor, team.id, body, audit);
  return jsonResponse({ invitation: publicInvitation(invitation) }, { status: 201 });
});
