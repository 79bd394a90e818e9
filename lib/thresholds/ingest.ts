/**
 * Pushed metric samples: `POST /api/v1/services/{slug}/metrics`. A batch is all or nothing: any
 * invalid sample (or more than MAX_SAMPLES_PER_PUSH) is a 422 and nothing is written.
 */
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { ApiError, type ErrorIssue } from "@/lib/http/errors";
import { requireService } from "@/lib/services/access";
import { metricNameSchema } from "./manage";
import { insertSamples, loadThresholds, refreshThresholds, isProbeMetric, type NewSample, type ThresholdRow } from "./store";
import { baseFactor, unitsCompatible } from "./units";

export const MAX_SAMPLES_PER_PUSH = 1000;
/** Samples are kept this long (lib/thresholds/round.ts deletes older ones); older pushes are refused. */
export const SAMPLE_RETENTION_DAYS = 14;
/** Clocks disagree a little; a sample further in the future than this is refused. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export const pushMetricsSchema = z
  .object({
    samples: z
      .array(
        z
          .object({
            metric: metricNameSchema,
            value: z.number(),
            /** ISO 8601 with offset; default: when the request arrives */
            at: z.iso.datetime({ offset: true }).optional(),
            /** the value's unit, converted to the threshold's (s → ms, ratio → %); default: the threshold's unit */
            unit: z.string().trim().min(1).max(20).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_SAMPLES_PER_PUSH, `Send at most ${MAX_SAMPLES_PER_PUSH.toLocaleString("en")} samples a request.`),
  })
  .strict();

export type PushMetrics = z.infer<typeof pushMetricsSchema>;

/** Thresholds that read pushed samples of a metric (probe-derived ones read probes instead). */
function readersByMetric(thresholds: ThresholdRow[]): Map<string, ThresholdRow> {
  return new Map(thresholds.filter((t) => !(t.source === "probe" && isProbeMetric(t.metric))).map((t) => [t.metric, t]));
}

/**
 * The samples of a push in the threshold's units, and the problems that refuse the batch (a time outside
 * what is kept, a unit that cannot be converted); pure, so the rules are tested without a database.
 */
export function checkSamples(input: PushMetrics, readers: ReadonlyMap<string, Pick<ThresholdRow, "unit">>, now: Date): { samples: NewSample[]; problems: ErrorIssue[] } {
  const problems: ErrorIssue[] = [];
  const samples: NewSample[] = [];
  const oldest = now.getTime() - SAMPLE_RETENTION_DAYS * 86_400_000;

  input.samples.forEach((s, i) => {
    const at = s.at ? new Date(s.at) : now;
    if (at.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) problems.push({ path: `samples.${i}.at`, message: `The sample time is more than ${MAX_CLOCK_SKEW_MS / 60_000} minutes in the future: check the sender's clock.` });
    if (at.getTime() < oldest) problems.push({ path: `samples.${i}.at`, message: `The sample time is more than ${SAMPLE_RETENTION_DAYS} days ago: older samples are not kept.` });
    const threshold = readers.get(s.metric);
    if (s.unit && threshold && !unitsCompatible(s.unit, threshold.unit)) {
      problems.push({ path: `samples.${i}.unit`, message: `The unit "${s.unit}" cannot be converted to "${threshold.unit}", the unit of ${s.metric}.` });
    }
    const unit = s.unit ?? threshold?.unit ?? "";
    samples.push({ metric: s.metric, value: s.value * baseFactor(unit), at, known: threshold !== undefined });
  });
  return { samples, problems };
}

export async function pushMetrics(actor: Actor, slug: string, input: PushMetrics, now = new Date()) {
  const service = await requireService(actor, slug, "metrics:push");
  const readers = readersByMetric(await loadThresholds({ serviceIds: [service.id] }));
  const { samples, problems } = checkSamples(input, readers, now);
  if (problems.length) throw new ApiError("unprocessable", "Some samples are not valid; none were stored.", problems);

  await insertSamples(service.id, "push", samples);
  const touched = [...new Set(samples.filter((s) => s.known).map((s) => readers.get(s.metric)!.id))];
  const thresholds = touched.length ? await refreshThresholds({ ids: touched }, now) : [];
  return {
    accepted: samples.length,
    unknownMetrics: [...new Set(samples.filter((s) => !s.known).map((s) => s.metric))].sort(),
    thresholds,
  };
}
