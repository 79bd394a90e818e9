/**
 * The thresholds' share of a background round: scrape the pages that are due, evaluate every
 * threshold (so probe metrics and staleness move without a push), and delete samples past retention.
 */
import { sqlPool } from "@/lib/db";
import { SAMPLE_RETENTION_DAYS } from "./ingest";
import { scrapeDueServices, type ScrapeRoundOptions } from "./scrape";
import { refreshThresholds } from "./store";

/** Rows deleted per statement, so retention never holds long locks. */
const PRUNE_BATCH = 10_000;

export async function pruneMetricSamples(now: Date, retentionDays = SAMPLE_RETENTION_DAYS): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  let total = 0;
  for (;;) {
    const { rowCount } = await sqlPool().query(
      `DELETE FROM "MetricSample" WHERE id IN (SELECT id FROM "MetricSample" WHERE at < $1 LIMIT $2)`,
      [cutoff, PRUNE_BATCH],
    );
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < PRUNE_BATCH) return total;
  }
}

export async function thresholdRound(now: Date, opts: ScrapeRoundOptions = {}) {
  const scrapes = await scrapeDueServices(now, opts);
  const evaluated = await refreshThresholds({}, now);
  const pruned = await pruneMetricSamples(now);
  return {
    scraped: scrapes.length,
    scrapeFailures: scrapes.filter((s) => !s.ok).length,
    evaluated: evaluated.length,
    breached: evaluated.filter((t) => t.status === "breached").length,
    pruned,
  };
}
