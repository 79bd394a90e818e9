import { jsonResponse } from "@/lib/http/json";
import { z } from "zod";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { parseQuery } from "@/lib/http/api-query";
import { eventQuerySchema } from "@/lib/recovery/schemas";
import { getRecoveryEvent, listRecoveryEvents } from "@/lib/recovery/store";
import { recordRecoveryEvent } from "@/lib/recovery/write";
import { requireService } from "@/lib/services/access";

/** The backup/restore log, newest first; filters component, kind, status; page, perPage. */
export const GET = apiRoute<{ slug: string }>(async (req, { actor, params }) => {
  const service = await requireService(actor, params.slug);
  const filter = parseQuery(req.nextUrl.searchParams, eventQuerySchema);
  return jsonResponse(await listRecoveryEvents(service.id, filter));
});

/** Append a backup, restore test or drill (editors); a correction names the entry it corrects. */
export const POST = apiRoute<{ slug: string }>(async (req, { actor, params, audit }) => {
  // Validated by recordRecoveryEvent (422 with issues), after the permission check.
  const body = await parseJsonBody(req, z.record(z.string(), z.unknown()));
  const created = await recordRecoveryEvent(actor, params.slug, body, audit);
  return jsonResponse({ event: await getRecoveryEvent(created.id) }, { status: 201 });
});
