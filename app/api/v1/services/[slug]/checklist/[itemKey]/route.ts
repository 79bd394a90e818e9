import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { publicItem, updateChecklistItem, updateItemSchema } from "@/lib/checklists/items";

/** 200 with the item; 409 (with the current item) when `version` is stale; 422 for invalid input. */
export const PATCH = apiRoute<{ slug: string; itemKey: string }>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, updateItemSchema);
  const item = await updateChecklistItem(actor, params.slug, params.itemKey, body, audit);
  return jsonResponse({ item: publicItem(item) });
});
