import { apiRoute } from "@/lib/http/api";
import { parseQuery } from "@/lib/http/api-query";
import { jsonResponse } from "@/lib/http/json";
import { historyQuerySchema, serviceHistory } from "@/lib/history/query";
import { requireService } from "@/lib/services/access";

/** One readiness point per UTC day over ?days=1..400 (default 90), oldest first (anyone who can read the service). */
export const GET = apiRoute<{ slug: string }>(async (req, { actor, params }) => {
  const service = await requireService(actor, params.slug);
  const { days } = parseQuery(req.nextUrl.searchParams, historyQuerySchema);
  return jsonResponse({ slug: service.slug, days, points: await serviceHistory(service.id, days) });
});
