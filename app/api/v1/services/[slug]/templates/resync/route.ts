import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { resyncService } from "@/lib/templates/manage";

export const POST = apiRoute<{ slug: string }>(async (_req, { actor, params, audit }) => {
  return jsonResponse(await resyncService(actor, params.slug, audit));
});
