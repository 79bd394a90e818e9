/**
 * Scraping each service's Prometheus text-format page (Service.metricsUrl) in the background rounds:
 * the series that thresholds map to (MetricThreshold.scrapeSeries, or the metric name) become samples.
 *
 * The network side is a parameter, `fetchText` (tests and other schedulers may pass their own);
 * `fetchMetricsPage`, the default, goes through the probe engine's HTTP client and target policy.
 */
import { sqlPool } from "@/lib/db";
import { log } from "@/lib/log";
import { httpProbe, type ProbeOptions } from "@/lib/probes/http-probe";
import { probeOptionsFromEnv } from "@/lib/probes/round";
import { worstOf } from "./evaluate";
import { matchSeries, parsePrometheusText, parseSeriesSelector, PrometheusFormatError } from "./prometheus";
import { insertSamples, loadThresholds, refreshThresholds, type NewSample } from "./store";
import { baseFactor, convert, unitFromSeriesName } from "./units";

/** Reads a page and returns its text; throws (with a message fit to show on the page) when it cannot. */
export type FetchText = (url: string) => Promise<string>;

export const SCRAPE_INTERVAL_SECONDS = 60;
export const SCRAPE_TIMEOUT_MS = 5_000;
export const SCRAPE_MAX_BYTES = 2 * 1024 * 1024;
export const SCRAPE_CONCURRENCY = 8;
/** Services claimed per call; the rest wait for the next round. */
export const SCRAPE_BATCH = 500;

export class ScrapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScrapeError";
  }
}

/** Only http(s): no file:, data: or other schemes reach the network code. */
export function scrapeUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "not a URL";
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return `the ${u.protocol} scheme is not scraped (use http or https)`;
  return null;
}

/**
 * The default fetcher: the probe engine's HTTP client, so a scrape obeys the same target policy as a
 * probe (link-local and metadata addresses refused on the resolved address, every redirect hop
 * checked, PROBE_ALLOW / PROBE_DENY), with `SCRAPE_TIMEOUT_MS` and a `SCRAPE_MAX_BYTES` cap.
 */
export async function fetchMetricsPage(url: string, opts: { timeoutMs?: number; maxBytes?: number; probeOptions?: ProbeOptions } = {}): Promise<string> {
  const problem = scrapeUrlProblem(url);
  if (problem) throw new ScrapeError(problem);
  const maxBytes = opts.maxBytes ?? SCRAPE_MAX_BYTES;
  const r = await httpProbe(
    { url, method: "GET", headers: { accept: "text/plain;version=0.0.4;q=1, */*;q=0.1" }, timeoutMs: opts.timeoutMs ?? SCRAPE_TIMEOUT_MS, maxBodyBytes: maxBytes + 1 },
    opts.probeOptions ?? probeOptionsFromEnv(),
  );
  // The client's messages name the failure (refused address, timeout, DNS, TLS), never page content.
  if (r.error) throw new ScrapeError(r.refusedReason ? `refused: ${r.refusedReason}` : r.error.message);
  if (r.httpStatus === null || r.httpStatus < 200 || r.httpStatus > 299) throw new ScrapeError(`answered HTTP ${r.httpStatus}`);
  if (r.bodyTruncated || r.body.length > maxBytes) throw new ScrapeError(`the page is larger than ${Math.round(maxBytes / 1024)} KiB`);
  return r.body.toString("utf8");
}

export interface ScrapeResult {
  serviceId: string;
  /** fetched, parsed, and every mapped series found */
  ok: boolean;
  samples: number;
  /** shown on the thresholds page; null when every mapped series was found */
  error: string | null;
}

/**
 * Scrape one service: fetch, parse, pick each scrape threshold's series (the worst value when several
 * match), convert by the series' unit suffix, store, evaluate. Failures are recorded on the service,
 * never thrown.
 */
export async function scrapeService(service: { id: string; metricsUrl: string }, now: Date, fetchText: FetchText): Promise<ScrapeResult> {
  const thresholds = (await loadThresholds({ serviceIds: [service.id] })).filter((t) => t.source === "scrape");
  let error: string | null = null;
  const samples: NewSample[] = [];
  try {
    const { series } = parsePrometheusText(await fetchText(service.metricsUrl));
    const missing: string[] = [];
    for (const t of thresholds) {
      const selectorText = t.scrapeSeries ?? t.metric;
      const matches = matchSeries(series, parseSeriesSelector(selectorText)).filter((s) => Number.isFinite(s.value));
      const values = matches
        .map((s) => convert(s.value, unitFromSeriesName(s.name) ?? t.unit, t.unit))
        .filter((v): v is number => v !== null);
      if (values.length === 0) {
        missing.push(selectorText);
        continue;
      }
      const value = values.reduce((a, b) => worstOf(a, b, t.comparator));
      samples.push({ metric: t.metric, value: value * baseFactor(t.unit), at: now, known: true });
    }
    if (missing.length) error = `no usable series on the page for ${missing.join(", ")}`;
  } catch (err) {
    if (err instanceof ScrapeError) error = err.message;
    else if (err instanceof PrometheusFormatError) error = "the page is not in the Prometheus text format";
    else {
      log.warn({ err, serviceId: service.id }, "metrics scrape failed");
      error = err instanceof Error && err.name === "TimeoutError" ? "timed out" : "the scrape failed";
    }
  }
  await insertSamples(service.id, "scrape", samples);
  await sqlPool().query(`UPDATE "Service" SET "metricsScrapeError" = $2 WHERE id = $1`, [service.id, error]);
  if (thresholds.length) await refreshThresholds({ ids: thresholds.map((t) => t.id) }, now);
  return { serviceId: service.id, ok: error === null, samples: samples.length, error };
}

/** Run `fn` over `items`, at most `limit` at a time. */
async function eachLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}

export interface ScrapeRoundOptions {
  fetchText?: FetchText;
  concurrency?: number;
  intervalSeconds?: number;
  batch?: number;
}

/**
 * Scrape every service whose page is due (never scraped, or last scraped `intervalSeconds` ago).
 * Services are claimed with one UPDATE … SKIP LOCKED that stamps `metricsScrapedAt`, so rounds running
 * at once (several app instances, or cron and the in-process loop) never scrape a service twice.
 */
export async function scrapeDueServices(now: Date, opts: ScrapeRoundOptions = {}): Promise<ScrapeResult[]> {
  const fetchText = opts.fetchText ?? ((url: string) => fetchMetricsPage(url));
  const { rows } = await sqlPool().query<{ id: string; metricsUrl: string }>(
    `UPDATE "Service" SET "metricsScrapedAt" = $1
     WHERE id IN (
       SELECT id FROM "Service"
       WHERE "metricsUrl" IS NOT NULL AND ("metricsScrapedAt" IS NULL OR "metricsScrapedAt" <= $1::timestamptz - make_interval(secs => $2))
       ORDER BY "metricsScrapedAt" NULLS FIRST
       LIMIT $3
       FOR UPDATE SKIP LOCKED)
     RETURNING id, "metricsUrl"`,
    [now, opts.intervalSeconds ?? SCRAPE_INTERVAL_SECONDS, opts.batch ?? SCRAPE_BATCH],
  );
  return eachLimited(rows, opts.concurrency ?? SCRAPE_CONCURRENCY, (s) => scrapeService(s, now, fetchText));
}
