import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { requireService } from "@/lib/services/access";
import { uptimeResponse } from "@/lib/uptime/api";
import { loadServiceUptime } from "@/lib/uptime/query";
import { parseQuery } from "@/lib/http/api-query";
import { uptimeQuerySchema } from "@/lib/uptime/ranges";

/** Uptime, latency percentiles, breakdowns and incidents over ?range=24h|7d|30d|90d, optionally ?location= (any team member). */
export const GET = apiRoute<{ slug: string }>(async (req, { actor, params }) => {
  const service = await requireService(actor, params.slug);
  const query = parseQuery(req.nextUrl.searchParams, uptimeQuerySchema);
  const uptime = await loadServiceUptime(service.id, query.range, { checkId: query.check, location: query.location });
  return jsonResponse(uptimeResponse(service.slug, uptime));
});
