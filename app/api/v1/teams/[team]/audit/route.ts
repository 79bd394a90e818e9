import { jsonResponse } from "@/lib/http/json";
import { authorize } from "@/lib/auth/actor";
import { auditFilterSchema, listAuditEvents, publicAuditEvent } from "@/lib/audit/query";
import { apiRoute } from "@/lib/http/api";
import { parseQuery } from "@/lib/http/api-query";
import { requireVisibleTeam } from "@/lib/teams/members";

export const GET = apiRoute<{ team: string }>(async (req, { actor, params }) => {
  const team = await requireVisibleTeam(actor, params.team);
  authorize(actor, team.id, "audit:read", "team");
  const filter = parseQuery(req.nextUrl.searchParams, auditFilterSchema);
  const { events, nextBefore } = await listAuditEvents(team.id, filter);
  return jsonResponse({ events: events.map(publicAuditEvent), nextBefore });
});
