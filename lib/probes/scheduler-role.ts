/**
 * The scheduler of a process the launcher did not start: the standalone server (`node server.js`,
 * unless PROBES_IN_PROCESS=false makes it a web-only instance) and the scheduler-only instance
 * (`npm run scheduler`). Under the launcher the scheduler runs in the launcher instead (decision 0006);
 * several of these at once are safe, their probe claims use SKIP LOCKED and leases (decision 0041).
 */
import { env } from "@/lib/env";
import { sqlPool } from "@/lib/db";
import { log } from "@/lib/log";
import { startProbeScheduler, type ProbeScheduler } from "./scheduler";

export function startSchedulerRole(where: "server" | "scheduler-only"): ProbeScheduler {
  const scheduler = startProbeScheduler({ pool: sqlPool(), rawRetentionDays: env().PROBE_RAW_RETENTION_DAYS });
  log.info({ where }, "probe scheduler started in this process");
  return scheduler;
}
