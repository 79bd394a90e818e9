import { jsonResponse } from "@/lib/http/json";
import { authorize } from "@/lib/auth/actor";
import { auditFilterSchema, listAuditEvents, publicAuditEvent } from "@/lib/audit/query";
import { apiRoute } from "@/lib/http/api";
import { ApiError, zodIssues } from "@/lib/http/errors";
import { requireVisibleTeam } from "@/lib/teams/members";

export const GET = apiRoute<{ team: string }>(async (req, { actor, params }) => {
  const team = await requireVisibleTeam(actor, params.team);
  authorize(actor, team.id, "audit:read", "team");
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!parsed.success) throw new ApiError("bad_request", "Invalid filter.", zodIssues(parsed.error));
  const { events, nextBefore } = await listAuditEvents(team.id, parsed.data);
  return jsonResponse({ events: events.map(publicAuditEvent), nextBefore });
});
