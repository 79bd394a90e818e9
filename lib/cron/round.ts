import "server-only";
import { runDeliveryRound } from "@/lib/alerts/deliver";
import { runAlertSweep } from "@/lib/alerts/sweep";
import { sqlPool } from "@/lib/db";
import { env } from "@/lib/env";
import { pruneHistory, recordDailySnapshots } from "@/lib/history/store";
import { maintenanceSweep } from "@/lib/maintenance/store";
import { pruneProbeData } from "@/lib/probes/maintenance";
import { runProbeRound, type RoundSummary } from "@/lib/probes/round";
import { thresholdRound } from "@/lib/thresholds/round";

/**
 * One background round for external schedulers (POST /api/cron/probe): probes, then metric scrapes
 * and threshold evaluation, the alert sweep (lib/alerts/sweep.ts: overdue backups and drills, readiness
 * changes), then alert deliveries (the events those wrote, retries and reminders due), then pruning.
 * The maintenance sweep (lib/maintenance/store.ts) runs before the deliveries. The day's first round also
 * writes the daily readiness points (lib/history/store.ts); every round prunes points past their retention.
 * Returns the probe round's summary.
 */
export async function backgroundRound(): Promise<RoundSummary> {
  const summary = await runProbeRound();
  await thresholdRound(new Date());
  await runAlertSweep(sqlPool(), new Date());
  await maintenanceSweep(sqlPool());
  await runDeliveryRound();
  const now = new Date();
  await recordDailySnapshots(now);
  await pruneProbeData(sqlPool(), env().PROBE_RAW_RETENTION_DAYS);
  await pruneHistory(now);
  return summary;
}
