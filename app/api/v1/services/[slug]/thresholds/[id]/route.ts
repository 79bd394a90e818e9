import { NextResponse } from "next/server";
import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { deleteThreshold, publicThreshold, updateThreshold, updateThresholdSchema } from "@/lib/thresholds/manage";

/** Change a threshold (editors); 200 with the threshold evaluated under its new rule. */
export const PATCH = apiRoute<{ slug: string; id: string }>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, updateThresholdSchema);
  const threshold = await updateThreshold(actor, params.slug, params.id, body, audit);
  return jsonResponse({ threshold: publicThreshold(threshold) });
});

export const DELETE = apiRoute<{ slug: string; id: string }>(async (_req, { actor, params, audit }) => {
  await deleteThreshold(actor, params.slug, params.id, audit);
  return new NextResponse(null, { status: 204 });
});
