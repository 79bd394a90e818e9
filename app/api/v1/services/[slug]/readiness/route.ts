import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseQuery } from "@/lib/http/api-query";
import { notReadyError, publicReadiness, readinessQuerySchema, serviceReadiness } from "@/lib/readiness/service";
import { requireService } from "@/lib/services/access";

/** The deploy gate: `ready` is true only when nothing blocks production; `?require=ready` makes "not ready" a 412. */
export const GET = apiRoute<{ slug: string }>(async (req, { actor, params }) => {
  const query = parseQuery(req.nextUrl.searchParams, readinessQuerySchema);
  const service = await requireService(actor, params.slug);
  const answer = publicReadiness(service.slug, await serviceReadiness(service.id));
  if (query.require === "ready" && !answer.ready) throw notReadyError(answer);
  return jsonResponse(answer);
});
