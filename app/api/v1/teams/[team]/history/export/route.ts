import { apiRoute } from "@/lib/http/api";
import { parseQuery } from "@/lib/http/api-query";
import { historyCsvStream } from "@/lib/history/csv";
import { historyQuerySchema } from "@/lib/history/query";
import { requireVisibleTeam } from "@/lib/teams/members";

/** Every service's daily points over ?days=1..400 (default 90) as CSV, streamed (any member). */
export const GET = apiRoute<{ team: string }>(async (req, { actor, params }) => {
  const team = await requireVisibleTeam(actor, params.team);
  const { days } = parseQuery(req.nextUrl.searchParams, historyQuerySchema);
  return new Response(historyCsvStream(team.id, days), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${team.slug}-readiness-${days}d.csv"`,
      "cache-control": "no-store",
    },
  });
});
