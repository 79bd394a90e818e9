import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { bulkUpdateSchema, publicItem, updateChecklistItems } from "@/lib/checklists/items";

/** 200 with the items; 409 (with each changed item as it is now) when any `version` is stale: nothing is written. */
export const POST = apiRoute<{ slug: string }>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, bulkUpdateSchema);
  const items = await updateChecklistItems(actor, params.slug, body, audit);
  return jsonResponse({ items: items.map(publicItem) });
});
