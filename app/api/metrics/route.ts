import { route } from "@/lib/http/handler";
import { requireMetricsToken } from "@/lib/metrics/access";
import { METRICS_CONTENT_TYPE, metricsText } from "@/lib/metrics/export";

export const dynamic = "force-dynamic";

/** Prometheus text format for scrapers: 404 unless METRICS_TOKEN is set, then bearer METRICS_TOKEN (docs/metrics.md). */
export const GET = route(async (req) => {
  requireMetricsToken(req);
  return new Response(await metricsText(), { headers: { "content-type": METRICS_CONTENT_TYPE, "cache-control": "no-store" } });
});
