import { jsonResponse } from "@/lib/http/json";
import { requireCronSecret } from "@/lib/cron/auth";
import { sqlPool } from "@/lib/db";
import { env } from "@/lib/env";
import { route } from "@/lib/http/handler";
import { pruneProbeData } from "@/lib/probes/maintenance";
import { runProbeRound } from "@/lib/probes/round";
import { thresholdRound } from "@/lib/thresholds/round";

export const dynamic = "force-dynamic";

/**
 * One background round for external schedulers (serverless hosting): probes, then metric scrapes and
 * threshold evaluation, then pruning. Answers the probe round's `{claimed, probed, failed, durationMs}`.
 */
export const POST = route(async (req) => {
  requireCronSecret(req);
  const summary = await runProbeRound();
  await thresholdRound(new Date());
  await pruneProbeData(sqlPool(), env().PROBE_RAW_RETENTION_DAYS);
  return jsonResponse(summary);
});
