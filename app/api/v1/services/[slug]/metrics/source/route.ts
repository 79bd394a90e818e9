import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { requireService } from "@/lib/services/access";
import { metricsSource, metricsSourceSchema, setMetricsSource } from "@/lib/thresholds/manage";

/** The Prometheus page scraped for this service, and how the last scrape went. */
export const GET = apiRoute<{ slug: string }>(async (_req, { actor, params }) => {
  const service = await requireService(actor, params.slug);
  return jsonResponse({ source: await metricsSource(service.id) });
});

/** Set (`{url}`) or clear (`{url: null}`) it (editors). */
export const PUT = apiRoute<{ slug: string }>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, metricsSourceSchema);
  return jsonResponse({ source: await setMetricsSource(actor, params.slug, body, audit) });
});
