/**
 * GET /api/metrics: the service facts (computed at most once per CACHE_MS, one computation shared by
 * concurrent scrapes, and served while a newer one runs for up to STALE_MS), then the probe rate and the alert outbox (two cheap counts, read every scrape),
 * probe rounds and lag summed over the processes that probe, and this process's own metrics
 * (collectDefaultMetrics). Registries of its own: prom-client's global one stays unused.
 */
import { AggregatorRegistry, collectDefaultMetrics, Registry } from "prom-client";
import { cachedValue } from "./cache";
import { probeHealthRegistry } from "./probe-health";
import { loadHealthFacts, loadMetricsFacts } from "./query";
import { renderFacts, renderHealth } from "./render";
import { publishedProbeHealth } from "./store";

/** How long one computation of the service facts answers scrapes as it is. */
export const CACHE_MS = 5_000;
/**
 * Past CACHE_MS and up to this age a scrape is answered from the last computation while a new one runs
 * behind it (decision 0039): a scrape costs milliseconds, not a computation, and what it reports is at
 * most one scrape interval (plus a computation) old. A scrape after a longer pause waits for a fresh one.
 */
export const STALE_MS = 60_000;

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry });

const serviceMetricsNow = async () => renderFacts(await loadMetricsFacts(new Date()));
const serviceMetrics = cachedValue(serviceMetricsNow, CACHE_MS, Date.now, STALE_MS);

/** For tests: the next scrape computes afresh. */
export const forgetServiceMetrics = (): void => serviceMetrics.reset();

/** Probe rounds and lag: this process's counts plus the other processes' recent publications. */
async function probeHealthText(): Promise<string> {
  const published = await publishedProbeHealth();
  const merged = AggregatorRegistry.aggregate([await probeHealthRegistry.getMetricsAsJSON(), ...published]);
  return merged.metrics();
}

/** The whole export; `fresh` skips the cache (benchmarks measure a scrape that computes). */
export async function metricsText({ fresh = false } = {}): Promise<string> {
  const services = fresh ? serviceMetricsNow() : serviceMetrics();
  const parts = await Promise.all([services, loadHealthFacts(new Date()).then(renderHealth), probeHealthText(), processRegistry.metrics()]);
  return parts.map((t) => t.trimEnd()).join("\n") + "\n";
}
