import { jsonResponse } from "@/lib/http/json";
import { requireCronSecret } from "@/lib/cron/auth";
import { backgroundRound } from "@/lib/cron/round";
import { route } from "@/lib/http/handler";

export const dynamic = "force-dynamic";

/**
 * One background round for external schedulers (serverless hosting): probes, then metric scrapes and
 * threshold evaluation, then alert deliveries, then pruning. Answers the probe round's `{claimed, probed, failed, durationMs}`.
 */
export const POST = route(async (req) => {
  requireCronSecret(req);
  return jsonResponse(await backgroundRound());
});
