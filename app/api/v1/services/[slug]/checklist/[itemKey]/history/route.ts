import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseQuery } from "@/lib/http/api-query";
import { itemHistory, itemHistoryQuerySchema } from "@/lib/audit/item-history";
import { requireService } from "@/lib/services/access";

/** The item's changes from the audit log, newest first, for everyone who can read the service. */
export const GET = apiRoute<{ slug: string; itemKey: string }>(async (req, { actor, params }) => {
  const service = await requireService(actor, params.slug);
  const query = parseQuery(req.nextUrl.searchParams, itemHistoryQuerySchema);
  return jsonResponse(await itemHistory(service, params.itemKey, query));
});
