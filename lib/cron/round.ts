import "server-only";
import { sqlPool } from "@/lib/db";
import { env } from "@/lib/env";
import { maintenanceSweep } from "@/lib/maintenance/store";
import { pruneProbeData } from "@/lib/probes/maintenance";
import { runProbeRound, type RoundSummary } from "@/lib/probes/round";
import { thresholdRound } from "@/lib/thresholds/round";

/**
 * One background round for external schedulers (POST /api/cron/probe): probes, then metric scrapes
 * and threshold evaluation, the maintenance sweep (lib/maintenance/store.ts), then
 * pruning. Returns the probe round's summary.
 */
export async function backgroundRound(): Promise<RoundSummary> {
  const summary = await runProbeRound();
  await thresholdRound(new Date());
  await maintenanceSweep(sqlPool());
  await pruneProbeData(sqlPool(), env().PROBE_RAW_RETENTION_DAYS);
  return summary;
}
