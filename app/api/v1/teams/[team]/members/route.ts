import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { listMembers, requireVisibleTeam } from "@/lib/teams/members";

export const GET = apiRoute<{ team: string }>(async (_req, { actor, params }) => {
  const team = await requireVisibleTeam(actor, params.team);
  const members = await listMembers(team.id);
  return jsonResponse({
    members: members.map((m) => ({ userId: m.user.id, email: m.user.email, name: m.user.name, role: m.role })),
  });
});
