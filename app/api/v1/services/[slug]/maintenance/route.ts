import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { publicWindow, scheduleWindowSchema } from "@/lib/maintenance/schemas";
import { listWindows, scheduleWindow } from "@/lib/maintenance/windows";
import { requireService } from "@/lib/services/access";

/** The service's maintenance windows: the open one, upcoming ones, then those of the last 30 days (every member). */
export const GET = apiRoute<{ slug: string }>(async (_req, { actor, params }) => {
  const service = await requireService(actor, params.slug);
  const now = new Date();
  const { open, upcoming, recent } = await listWindows(service.id, now);
  return jsonResponse({ windows: [...(open ? [open] : []), ...upcoming, ...recent].map((w) => publicWindow(w, now)) });
});

/** Schedule a window (editors). */
export const POST = apiRoute<{ slug: string }>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, scheduleWindowSchema);
  const now = new Date();
  const window = await scheduleWindow(actor, params.slug, body, audit, now);
  return jsonResponse({ window: publicWindow(window, now) }, { status: 201 });
});
