import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { publicService } from "@/lib/services/list";
import { moveService, moveServiceSchema } from "@/lib/services/manage";

export const POST = apiRoute<{ slug: string }>(async (req, { actor, params, audit }) => {
  const service = await moveService(actor, params.slug, await parseJsonBody(req, moveServiceSchema), audit);
  return jsonResponse({ service: publicService(service) });
});
