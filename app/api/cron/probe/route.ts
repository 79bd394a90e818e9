import { NextResponse } from "next/server";
import { requireCronSecret } from "@/lib/cron/auth";
import { sqlPool } from "@/lib/db";
import { env } from "@/lib/env";
import { route } from "@/lib/http/handler";
import { pruneProbeData } from "@/lib/probes/maintenance";
import { runProbeRound } from "@/lib/probes/round";

export const dynamic = "force-dynamic";

/** One probing round for external schedulers (serverless hosting): `{claimed, probed, failed, durationMs}`. */
export const POST = route(async (req) => {
  requireCronSecret(req);
  const summary = await runProbeRound();
  await pruneProbeData(sqlPool(), env().PROBE_RAW_RETENTION_DAYS);
  return NextResponse.json(summary, { headers: { "cache-control": "no-store" } });
});
