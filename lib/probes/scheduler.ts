/**
 * The in-process scheduler of long-lived servers (`npm run dev`, `npm start`; off with
 * PROBES_IN_PROCESS=false). It runs in the launcher process, beside the web server rather than inside
 * it, so page renders never delay a probe and probes never block a page (docs/decisions/0006); without
 * the launcher, in the standalone server or `npm run scheduler` (./scheduler-role.ts, decision 0041).
 * Every tick starts a round unless `maxRounds` are already running: a round stuck on slow targets
 * does not hold up the checks that come due meanwhile, and SKIP LOCKED claims keep rounds disjoint.
 * Beside the rounds: an alert delivery round every tick (never two at once in this process; SKIP LOCKED
 * claims keep instances apart), pruning old probe data and alert history every minute, metric scrapes
 * and threshold evaluation every 30 s, and the alert sweep (overdue backups and drills, readiness
 * changes; lib/alerts/sweep.ts) every 30 s, and the maintenance sweep (down alerts of outages that outlived a window, audit rows of
 * windows that opened or closed by their times) every 15 s
 * (lib/maintenance/store.ts), and publishing this process's probe counters for /api/metrics every 15 s
 * (lib/metrics/store.ts). Every minute as well: the day's readiness points, written by the day's first
 * such run, and pruning of points past their retention (lib/history/store.ts).
 */
import type { Pool } from "pg";
import { runDeliveryRound, type DeliveryRoundOptions } from "@/lib/alerts/deliver";
import { runAlertSweep } from "@/lib/alerts/sweep";
import { log } from "@/lib/log";
import { databaseProbe } from "@/lib/db";
import { databaseUnavailable, noteDatabaseDown, noteDatabaseUp } from "@/lib/db/outage";
import { feedDemoMetrics } from "@/lib/demo/metrics-feed";
import { pruneHistory, recordDailySnapshots } from "@/lib/history/store";
import { maintenanceSweep } from "@/lib/maintenance/store";
import { PUBLISH_EVERY_MS, publishProbeHealth } from "@/lib/metrics/store";
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
  /** the alert sweep (lib/alerts/sweep.ts); 0 turns it off */
  alertSweepEveryMs?: number;
  /** the maintenance sweep: after-maintenance down alerts, audit rows of windows that opened or closed; 0 turns it off */
  afterMaintenanceEveryMs?: number;
  /** development with demo data: keep the demo's pushed metrics coming (lib/demo/metrics-feed.ts) */
  feedDemoMetrics?: boolean;
  /** alert delivery rounds (lib/alerts/deliver.ts, on `pool`); false turns them off */
  deliveries?: Omit<DeliveryRoundOptions, "pool" | "eventIds"> | false;
}

export interface ProbeScheduler {
  /** Stop starting rounds and wait for the running ones to finish. */
  stop(): Promise<void>;
}

export function startProbeScheduler(options: SchedulerOptions): ProbeScheduler {
  const { tickMs = 500, maxRounds = 4, maintenanceEveryMs = 60_000, thresholdsEveryMs = 30_000, alertSweepEveryMs = 30_000, afterMaintenanceEveryMs = 15_000 } = options;
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  let probeRounds = 0;
  let delivering = false;

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
  const alertSweep = periodic(alertSweepEveryMs, "alert sweep", () => runAlertSweep(options.pool, new Date()));
  const history = periodic(maintenanceEveryMs, "readiness history", async () => {
    const now = new Date();
    await recordDailySnapshots(now);
    await pruneHistory(now);
  });
  const afterMaintenance = periodic(afterMaintenanceEveryMs, "maintenance sweep", () => maintenanceSweep(options.pool));
  const probeHealth = periodic(PUBLISH_EVERY_MS, "probe health publication", () => publishProbeHealth(options.pool));

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
    if (options.deliveries !== false && !delivering) {
      delivering = true;
      track(
        runDeliveryRound({ ...options.deliveries, pool: options.pool })
          .then((r) => {
            noteDatabaseUp();
            if (r.claimed || r.reminders) log.debug({ round: r }, "delivery round");
          })
          .catch((err: unknown) => failed(err, "delivery round failed"))
          .finally(() => (delivering = false)),
      );
    }
    maintenance();
    thresholds();
    alertSweep();
    afterMaintenance();
    probeHealth();
    history();
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
