/**
 * One scheduler instance in its own process against DATABASE_URL, as a second replica of the app would
 * run it: probe rounds and alert delivery rounds on its own pool, until SIGTERM (stops cleanly) or
 * SIGKILL (a crash). Options come as one JSON argument; it prints "ready" once started.
 * Used by tests/integration/alert-scale.test.ts and bench/alerts.ts.
 */
import pg from "pg";
import { databaseUrl } from "@/lib/db";
import { startProbeScheduler } from "@/lib/probes/scheduler";
import { createTargetPolicy } from "@/lib/probes/target-policy";

interface ChildOptions {
  tickMs?: number;
  maxRounds?: number;
  poolMax?: number;
  /** probe concurrency of each round */
  concurrency?: number;
  batchSize?: number;
  flushAfterMs?: number;
  /** false: no delivery rounds; otherwise their options */
  deliveries?: { concurrency?: number; timeoutMs?: number } | false;
}

const options = JSON.parse(process.argv[2] ?? "{}") as ChildOptions;
const pool = new pg.Pool({ connectionString: databaseUrl(), max: options.poolMax ?? 10 });
const scheduler = startProbeScheduler({
  pool,
  rawRetentionDays: 14,
  thresholdsEveryMs: 0,
  tickMs: options.tickMs,
  maxRounds: options.maxRounds,
  concurrency: options.concurrency,
  batchSize: options.batchSize,
  flushAfterMs: options.flushAfterMs,
  probeOptions: { policy: createTargetPolicy() },
  deliveries: options.deliveries,
});
console.log("ready");

process.once("SIGTERM", () => {
  void scheduler
    .stop()
    .then(() => pool.end())
    .then(() => process.exit(0));
});
