import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { publicItem } from "@/lib/checklists/items";
import { decideWaiver, waiverDecisionSchema } from "@/lib/checklists/waivers";

/** Approve or reject a required item's pending waiver (owners and reviewers, never its requester). */
export const POST = apiRoute<{ slug: string; itemKey: string }>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, waiverDecisionSchema);
  const item = await decideWaiver(actor, params.slug, params.itemKey, body, audit);
  return jsonResponse({ item: publicItem(item) });
});
