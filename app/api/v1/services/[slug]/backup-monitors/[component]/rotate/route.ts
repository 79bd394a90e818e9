import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { rotatePingToken } from "@/lib/recovery/write";

/** A new ping URL for the monitor (editors); the old one stops working at once. */
export const POST = apiRoute<{ slug: string; component: string }>(async (_req, { actor, params, audit }) => {
  const { pingUrl } = await rotatePingToken(actor, params.slug, params.component, audit);
  return jsonResponse({ component: params.component, pingUrl });
});
