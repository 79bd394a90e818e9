/**
 * The in-process scheduler of long-lived servers (`npm run dev`, `npm start`; off with
 * PROBES_IN_PROCESS=false). It runs in the launcher process, beside the web server rather than inside
 * it, so page renders never delay a probe and probes never block a page (docs/decisions/0006).
 * Every tick starts a round unless `maxRounds` are already running: a round stuck on slow targets
 * does not hold up the checks that come due meanwhile, and SKIP LOCKED claims keep rounds disjoint.
 * Beside the rounds: pruning old probe data every minute, metric scrapes and threshold evaluation
 * every 30 s, and the maintenance sweep (down alerts of outages that outlived a window, audit rows of
 * windows that opened or closed by their times) every 15 s
 * (lib/maintenance/store.ts).
 */
import type { Pool } from "pg";
import { log } from "@/lib/log";
import { databaseProbe } from "@/lib/db";
import { databaseUnavailable, noteDatabaseDown, noteDatabaseUp } from "@/lib/db/outage";
import { feedDemoMetrics } from "@/lib/demo/metrics-feed";
import { maintenanceSweep } from "@/lib/maintenance/store";
import { thresholdRound } from "@/lib/thresholds/round";
import { pruneProbeData } from "./maintenance";
import { runProbeRound, type RoundOptions } from "./round";

export interface SchedulerOptions extends RoundOptions {
  pool: Pool;
  tickMs?: number;
  maxRounds?: number;
  rawRetentionDays: number;
  maintenanceEveryMs?: number;
  /** metric scrapes and threshold evaluation (lib/thresholds/round.ts); 0 turns them off */
  thresholdsEveryMs?: number;
  /** the maintenance sweep: after-maintenance down alerts, audit rows of windows that opened or closed; 0 turns it off */
  afterMaintenanceEveryMs?: number;
  /** development with demo data: keep the demo's pushed metrics coming (lib/demo/metrics-feed.ts) */
  feedDemoMetrics?: boolean;
}

export interface ProbeScheduler {
  /** Stop starting rounds and wait for the running ones to finish. */
  stop(): Promise<void>;
}

export function startProbeScheduler(options: SchedulerOptions): ProbeScheduler {
  const { tickMs = 500, maxRounds = 4, maintenanceEveryMs = 60_000, thresholdsEveryMs = 30_000, afterMaintenanceEveryMs = 15_000 } = options;
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  let probeRounds = 0;

  const track = (p: Promise<unknown>) => {
    running.add(p);
    void p.finally(() => running.delete(p));
  };

  /** A failed job: during a database outage one line for the outage (lib/db/outage.ts), not one a tick. */
  const failed = (err: unknown, message: string) => {
    if (databaseUnavailable(err)) noteDatabaseDown(err, databaseProbe);
    else log.error({ err }, message);
  };
  /** A job that runs every `everyMs`, never twice at once. */
  const periodic = (everyMs: number, name: string, job: () => Promise<unknown>) => {
    let last = 0;
    let busy = false;
    return () => {
      if (everyMs <= 0 || busy || Date.now() - last < everyMs) return;
      last = Date.now();
      busy = true;
      track(
        job()
          .then(noteDatabaseUp, (err: unknown) => failed(err, `${name} failed`))
          .finally(() => (busy = false)),
      );
    };
  };
  const maintenance = periodic(maintenanceEveryMs, "probe data pruning", () => pruneProbeData(options.pool, options.rawRetentionDays));
  const thresholds = periodic(thresholdsEveryMs, "threshold round", async () => {
    if (options.feedDemoMetrics) await feedDemoMetrics(options.pool);
    return thresholdRound(new Date());
  });
  const afterMaintenance = periodic(afterMaintenanceEveryMs, "maintenance sweep", () => maintenanceSweep(options.pool));

  const tick = () => {
    if (stopped) return;
    if (probeRounds < maxRounds) {
      probeRounds++;
      track(
        runProbeRound(options)
          .then((r) => {
            noteDatabaseUp();
            if (r.claimed) log.debug({ round: r }, "probe round");
          })
          .catch((err: unknown) => failed(err, "probe round failed"))
          .finally(() => probeRounds--),
      );
    }
    maintenance();
    thresholds();
    afterMaintenance();
  };
  const timer = setInterval(tick, tickMs);
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.allSettled([...running]);
    },
  };
}
