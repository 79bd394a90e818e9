/**
 * The in-process scheduler of long-lived servers (`npm run dev`, `npm start`; off with
 * PROBES_IN_PROCESS=false). It runs in the launcher process, beside the web server rather than inside
 * it, so page renders never delay a probe and probes never block a page (docs/decisions/0006).
 * Every tick starts a round unless `maxRounds` are already running: a round stuck on slow targets
 * does not hold up the checks that come due meanwhile, and SKIP LOCKED claims keep rounds disjoint.
 */
import type { Pool } from "pg";
import { log } from "@/lib/log";
import { pruneProbeData } from "./maintenance";
import { runProbeRound, type RoundOptions } from "./round";

export interface SchedulerOptions extends RoundOptions {
  pool: Pool;
  tickMs?: number;
  maxRounds?: number;
  rawRetentionDays: number;
  maintenanceEveryMs?: number;
}

export interface ProbeScheduler {
  /** Stop starting rounds and wait for the running ones to finish. */
  stop(): Promise<void>;
}

export function startProbeScheduler(options: SchedulerOptions): ProbeScheduler {
  const { tickMs = 500, maxRounds = 4, maintenanceEveryMs = 60_000 } = options;
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  let lastMaintenance = 0;

  const track = (p: Promise<unknown>) => {
    running.add(p);
    void p.finally(() => running.delete(p));
  };

  const tick = () => {
    if (stopped) return;
    if (running.size < maxRounds) {
      track(
        runProbeRound(options)
          .then((r) => {
            if (r.claimed) log.debug({ round: r }, "probe round");
          })
          .catch((err: unknown) => log.error({ err }, "probe round failed")),
      );
    }
    if (Date.now() - lastMaintenance >= maintenanceEveryMs) {
      lastMaintenance = Date.now();
      track(pruneProbeData(options.pool, options.rawRetentionDays).catch((err: unknown) => log.error({ err }, "probe data pruning failed")));
    }
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
