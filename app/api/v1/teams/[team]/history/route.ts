import { apiRoute } from "@/lib/http/api";
import { parseQuery } from "@/lib/http/api-query";
import { jsonResponse } from "@/lib/http/json";
import { historyQuerySchema, teamHistory } from "@/lib/history/query";
import { requireVisibleTeam } from "@/lib/teams/members";

/** The team's readiness per UTC day over ?days=1..400 (default 90), oldest first (any member). */
export const GET = apiRoute<{ team: string }>(async (req, { actor, params }) => {
  const team = await requireVisibleTeam(actor, params.team);
  const { days } = parseQuery(req.nextUrl.searchParams, historyQuerySchema);
  return jsonResponse({ team: team.slug, days, points: await teamHistory(team.id, days) });
});
