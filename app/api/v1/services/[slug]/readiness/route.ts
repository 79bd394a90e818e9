import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { serviceReadiness } from "@/lib/readiness/service";
import { requireService } from "@/lib/services/access";

/** The deploy gate: `ready` is true only when nothing blocks production. */
export const GET = apiRoute<{ slug: string }>(async (_req, { actor, params }) => {
  const service = await requireService(actor, params.slug);
  const r = await serviceReadiness(service.id);
  return jsonResponse({
    slug: service.slug,
    score: r.score,
    level: r.level,
    ready: r.ready,
    blockers: r.blockers.map(({ kind, message }) => ({ kind, message })),
    counts: r.counts,
  });
});
