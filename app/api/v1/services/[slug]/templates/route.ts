import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { applyTemplateSchema, applyTemplateToService } from "@/lib/templates/manage";

export const POST = apiRoute<{ slug: string }>(async (req, { actor, params, audit }) => {
  const { template } = await parseJsonBody(req, applyTemplateSchema);
  return jsonResponse(await applyTemplateToService(actor, params.slug, template, audit));
});
