import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { pushMetrics, pushMetricsSchema } from "@/lib/thresholds/ingest";
import { publicThreshold } from "@/lib/thresholds/manage";

/** Push samples `{samples:[{metric, value, at?, unit?}]}` (up to 1,000; all or nothing). */
export const POST = apiRoute<{ slug: string }>(async (req, { actor, params }) => {
  const body = await parseJsonBody(req, pushMetricsSchema);
  const r = await pushMetrics(actor, params.slug, body);
  return jsonResponse({ accepted: r.accepted, unknownMetrics: r.unknownMetrics, thresholds: r.thresholds.map(publicThreshold) }, { status: 201 });
});
