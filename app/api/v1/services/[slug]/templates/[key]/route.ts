import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { removeTemplateFromService } from "@/lib/checklists/remove";

/** Remove a template: its untouched items go, items with a tick, note or evidence stay as custom items. */
export const DELETE = apiRoute<{ slug: string; key: string }>(async (_req, { actor, params, audit }) => {
  return jsonResponse(await removeTemplateFromService(actor, params.slug, params.key, audit));
});
