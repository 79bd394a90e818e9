import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { listChecklist, publicItem } from "@/lib/checklists/items";
import { requireService } from "@/lib/services/access";
import { parseJsonBody } from "@/lib/http/body";
import { addCustomItem, customItemSchema } from "@/lib/templates/manage";

export const GET = apiRoute<{ slug: string }>(async (_req, { actor, params }) => {
  const service = await requireService(actor, params.slug);
  const items = await listChecklist(service.id);
  return jsonResponse({ items: items.map(publicItem) });
});

/** Add a custom item to this service only (editors). */
export const POST = apiRoute<{ slug: string }>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, customItemSchema);
  const item = await addCustomItem(actor, params.slug, body, audit);
  return jsonResponse({ item: publicItem(item) }, { status: 201 });
});
