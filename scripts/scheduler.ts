/**
 * `npm run scheduler`: a scheduler-only instance (docs/deployment.md). It runs the probe rounds, alert
 * deliveries, threshold and alert sweeps and pruning against DATABASE_URL, and serves nothing; web
 * instances beside it run with PROBES_IN_PROCESS=false. Several at once are safe (decision 0041).
 * SIGTERM / Ctrl-C let the running rounds finish before it exits.
 */
import { existsSync } from "node:fs";
import { EnvError, parseEnv } from "../lib/env";

const fail = (m: string): never => {
  console.error(`[preflight] ${m}`);
  process.exit(1);
};

if (existsSync(".env")) process.loadEnvFile(".env");
(process.env as Record<string, string>).NODE_ENV ||= "production";
try {
  const env = parseEnv(process.env);
  if (!env.DATABASE_URL) fail("DATABASE_URL: a scheduler-only instance needs the database the web instances use. Set it to its postgres:// URL.");
} catch (err) {
  if (err instanceof EnvError) fail(err.message);
  throw err;
}

const { startSchedulerRole } = await import("../lib/probes/scheduler-role");
const { disconnectDb } = await import("../lib/db");
const scheduler = startSchedulerRole("scheduler-only");
console.log("[preflight] Scheduler-only instance: probes, alert deliveries and sweeps run here (Ctrl-C to stop).");

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void scheduler
      .stop()
      .then(() => disconnectDb())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(err);
          process.exit(1);
        },
      );
  });
}
