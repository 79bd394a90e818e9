/**
 * Preflight's own probe health, counted in the process that runs the rounds: rounds started, and each
 * probe's start behind its planned time (scheduling lag). Counters are per process (they start at 0 when
 * the process starts). The in-process scheduler runs in the launcher, not in the web server that answers
 * /api/metrics, so the scheduler publishes these as JSON to the database every few seconds
 * (lib/metrics/store.ts) and the export sums every recent publication with its own process's counts
 * (POST /api/cron/probe rounds run in the web server). A registry of its own, never prom-client's global one.
 */
import { Counter, Histogram, Registry } from "prom-client";

export const probeHealthRegistry = new Registry();

const rounds = new Counter({
  name: "preflight_probe_rounds_total",
  help: "Probe rounds started (per process that probes; summed over the processes that published in the last minute)",
  registers: [probeHealthRegistry],
});

const lag = new Histogram({
  name: "preflight_probe_schedule_lag_seconds",
  help: "How long after its planned time each probe started",
  buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
  registers: [probeHealthRegistry],
});

export function noteProbeRound(): void {
  rounds.inc();
}

export function noteProbeStart(lagMs: number): void {
  lag.observe(Math.max(0, lagMs) / 1000);
}
