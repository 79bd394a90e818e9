import { NextResponse } from "next/server";
import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { publicWindow, updateWindowSchema } from "@/lib/maintenance/schemas";
import { deleteWindow, updateWindow } from "@/lib/maintenance/windows";

/** A new end (editors): at or before now ends an open window now; later shortens or lengthens it. */
export const PATCH = apiRoute<{ slug: string; id: string }>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, updateWindowSchema);
  const now = new Date();
  const { window } = await updateWindow(actor, params.slug, params.id, body, audit, now);
  return jsonResponse({ window: publicWindow(window, now) });
});

/** Delete a window that has not started (editors). */
export const DELETE = apiRoute<{ slug: string; id: string }>(async (_req, { actor, params, audit }) => {
  await deleteWindow(actor, params.slug, params.id, audit);
  return new NextResponse(null, { status: 204 });
});
