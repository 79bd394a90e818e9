import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { requireService } from "@/lib/services/access";
import { createThreshold, createThresholdSchema, publicThreshold } from "@/lib/thresholds/manage";
import { refreshThresholds } from "@/lib/thresholds/store";

/** The service's thresholds, each evaluated now: status (ok / pending / breached / no-data), value, since. */
export const GET = apiRoute<{ slug: string }>(async (_req, { actor, params }) => {
  const service = await requireService(actor, params.slug);
  const thresholds = await refreshThresholds({ serviceIds: [service.id] });
  return jsonResponse({ thresholds: thresholds.map(publicThreshold) });
});

/** Add a threshold (editors). */
export const POST = apiRoute<{ slug: string }>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, createThresholdSchema);
  const threshold = await createThreshold(actor, params.slug, body, audit);
  return jsonResponse({ threshold: publicThreshold(threshold) }, { status: 201 });
});
