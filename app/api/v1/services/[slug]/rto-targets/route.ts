import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { rtoTargetSchema } from "@/lib/recovery/schemas";
import { publicTarget, recoveryOverview } from "@/lib/recovery/store";
import { upsertRtoTarget } from "@/lib/recovery/write";
import { requireService } from "@/lib/services/access";

/** RTO/RPO targets, each with its newest drill and met / missed / never / overdue. */
export const GET = apiRoute<{ slug: string }>(async (_req, { actor, params }) => {
  const service = await requireService(actor, params.slug);
  const { targets } = await recoveryOverview(service.id, { revealPingUrls: false });
  return jsonResponse({ targets: targets.map(publicTarget) });
});

/** Create a target, or replace the one of the same component (editors). */
export const POST = apiRoute<{ slug: string }>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, rtoTargetSchema);
  const { created } = await upsertRtoTarget(actor, params.slug, body, audit);
  const service = await requireService(actor, params.slug);
  const { targets } = await recoveryOverview(service.id, { revealPingUrls: false });
  const target = targets.find((t) => t.component === body.component)!;
  return jsonResponse({ target: publicTarget(target) }, { status: created ? 201 : 200 });
});
