import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { publicReadiness, serviceReadiness } from "@/lib/readiness/service";
import { requireService } from "@/lib/services/access";

/** The deploy gate: `ready` is true only when nothing blocks production. */
export const GET = apiRoute<{ slug: string }>(async (_req, { actor, params }) => {
  const service = await requireService(actor, params.slug);
  const r = await serviceReadiness(service.id);
  return jsonResponse(publicReadiness(service.slug, r));
});
