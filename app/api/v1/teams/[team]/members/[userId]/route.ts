import { NextResponse } from "next/server";
import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { changeMemberRole, changeRoleSchema, removeMember, requireVisibleTeam } from "@/lib/teams/members";

type P = { team: string; userId: string };

export const PATCH = apiRoute<P>(async (req, { actor, params, audit }) => {
  const team = await requireVisibleTeam(actor, params.team);
  const body = await parseJsonBody(req, changeRoleSchema);
  const m = await changeMemberRole(actor, team.id, params.userId, body, audit);
  return jsonResponse({ member: { userId: m.userId, role: m.role } });
});

export const DELETE = apiRoute<P>(async (_req, { actor, params, audit }) => {
  const team = await requireVisibleTeam(actor, params.team);
  await removeMember(actor, team.id, params.userId, audit);
  return new NextResponse(null, { status: 204 });
});
