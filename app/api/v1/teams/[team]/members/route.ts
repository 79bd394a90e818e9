import { jsonResponse } from "@/lib/http/json";
import { db } from "@/lib/db";
import { apiRoute } from "@/lib/http/api";
import { requireVisibleTeam } from "@/lib/teams/members";

export const GET = apiRoute<{ team: string }>(async (_req, { actor, params }) => {
  const team = await requireVisibleTeam(actor, params.team);
  const members = await db.membership.findMany({
    where: { teamId: team.id },
    include: { user: { select: { id: true, email: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return jsonResponse({
    members: members.map((m) => ({ userId: m.user.id, email: m.user.email, name: m.user.name, role: m.role })),
  });
});
