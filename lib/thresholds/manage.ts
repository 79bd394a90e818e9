/** Managing a service's thresholds and its metrics page (editors); every change is audited. */
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { Prisma } from "@/lib/generated/prisma/client";
import { ApiError, type ErrorIssue } from "@/lib/http/errors";
import { probeTargetIssues } from "@/lib/probes/round";
import { requireService } from "@/lib/services/access";
import { severitySchema } from "@/lib/templates/schema";
import { CRYPTOPULSE_THRESHOLDS, type ThresholdDefault } from "./defaults";
import { describeCondition } from "./evaluate";
import { parseSeriesSelector, PrometheusFormatError } from "./prometheus";
import { isProbeMetric, PROBE_METRICS, refreshThresholds, type ThresholdRow } from "./store";
import { unitsCompatible } from "./units";

/** Prometheus-style metric names: what pushes and scrapes use too. */
export const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const metricNameSchema = z
  .string()
  .trim()
  // An empty name gets one message ("Required."), not the naming rule as well.
  .min(1, { abort: true })
  .max(100)
  .regex(METRIC_NAME, "Use letters, digits, _ and : (a Prometheus-style name), not starting with a digit.");

const fields = {
  metric: metricNameSchema,
  label: z.string().trim().min(1).max(120),
  unit: z.string().trim().max(20),
  comparator: z.enum(["gt", "gte", "lt", "lte"]),
  limit: z.number({ error: "Enter the limit as a number." }),
  sustainedSeconds: z.number({ error: "Enter how long the value must last, as a number." }).int().min(0, "A window cannot be negative.").max(7 * 86_400, "The window can be at most 7 days."),
  severity: severitySchema,
  action: z.string().trim().max(500),
  source: z.enum(["probe", "push", "scrape"]),
  scrapeSeries: z.string().trim().max(300).nullable(),
};

export const createThresholdSchema = z
  .object({
    metric: fields.metric,
    label: fields.label.optional(),
    unit: fields.unit.default(""),
    comparator: fields.comparator,
    limit: fields.limit,
    sustainedSeconds: fields.sustainedSeconds.default(0),
    severity: fields.severity,
    action: fields.action.default(""),
    source: fields.source.default("push"),
    scrapeSeries: fields.scrapeSeries.optional(),
  })
  .strict();

export const updateThresholdSchema = z
  .object({
    metric: fields.metric.optional(),
    label: fields.label.optional(),
    unit: fields.unit.optional(),
    comparator: fields.comparator.optional(),
    limit: fields.limit.optional(),
    sustainedSeconds: fields.sustainedSeconds.optional(),
    severity: fields.severity.optional(),
    action: fields.action.optional(),
    source: fields.source.optional(),
    scrapeSeries: fields.scrapeSeries.optional(),
  })
  .strict();

type ThresholdConfig = Pick<ThresholdRow, "metric" | "unit" | "source" | "scrapeSeries">;

/** Rules across fields, checked on the threshold as it would be after the change. */
export function thresholdProblems(t: ThresholdConfig): ErrorIssue[] {
  const problems: ErrorIssue[] = [];
  if (t.source === "probe") {
    if (!isProbeMetric(t.metric)) {
      problems.push({ path: "source", message: `Probes measure only ${Object.keys(PROBE_METRICS).join(" and ")}: use the source push or scrape for ${t.metric}.` });
    } else if (!unitsCompatible(t.unit, PROBE_METRICS[t.metric])) {
      problems.push({ path: "unit", message: `The unit "${t.unit}" cannot express ${t.metric}, which probes measure in ${PROBE_METRICS[t.metric]}.` });
    }
  }
  if (t.scrapeSeries) {
    if (t.source !== "scrape") problems.push({ path: "scrapeSeries", message: "Only thresholds with the source scrape read a series: choose scrape or leave the series empty." });
    try {
      parseSeriesSelector(t.scrapeSeries);
    } catch (err) {
      if (!(err instanceof PrometheusFormatError)) throw err;
      problems.push({ path: "scrapeSeries", message: err.message });
    }
  }
  return problems;
}

type Ctx = Omit<AuditContext, "actor">;
type Tx = Prisma.TransactionClient;

/** The rule as written (no state): for audit entries and the public shape. */
const ruleFields = (t: ThresholdDefault & { scrapeSeries: string | null }) => ({
  metric: t.metric,
  label: t.label,
  unit: t.unit,
  comparator: t.comparator,
  limit: t.limit,
  sustainedSeconds: t.sustainedSeconds,
  severity: t.severity,
  action: t.action,
  source: t.source,
  scrapeSeries: t.scrapeSeries,
});

/** A threshold as the API answers it (`publicThreshold` builds it), evaluated. */
export const thresholdOutput = z.strictObject({
  id: z.string(),
  metric: z.string(),
  label: z.string(),
  unit: z.string(),
  comparator: z.enum(["gt", "gte", "lt", "lte"]),
  limit: z.number(),
  sustainedSeconds: z.number().int(),
  condition: z.string().describe('the rule in words, e.g. "> 80 % for 5 min"'),
  severity: z.enum(["critical", "high", "medium", "low"]),
  action: z.string(),
  source: z.enum(["probe", "push", "scrape"]),
  scrapeSeries: z.string().nullable(),
  status: z.enum(["ok", "pending", "breached", "no-data"]).describe("pending: over the limit, not yet for `sustainedSeconds`"),
  value: z.number().nullable().describe("latest value in `unit` (probe metrics: the window's aggregate); null without data"),
  valueAt: z.iso.datetime().nullable(),
  since: z.iso.datetime().nullable().describe("breached: when the breach began; pending: when the run over the limit began; null otherwise"),
  evaluatedAt: z.iso.datetime().nullable(),
});

export function publicThreshold(t: ThresholdRow): z.infer<typeof thresholdOutput> {
  return {
    id: t.id,
    ...ruleFields(t),
    condition: describeCondition(t, t.unit),
    status: t.status,
    value: t.value,
    valueAt: t.valueAt?.toISOString() ?? null,
    since: t.since?.toISOString() ?? null,
    evaluatedAt: t.evaluatedAt?.toISOString() ?? null,
  };
}

/** Samples that arrived before a threshold read their metric are not "unknown" any more. */
async function markKnown(tx: Tx, serviceId: string, metric: string, source: string) {
  if (source === "probe") return;
  await tx.$executeRaw`UPDATE "MetricSample" SET known = true WHERE "serviceId" = ${serviceId} AND metric = ${metric} AND NOT known`;
}

function conflict(err: unknown, metric: string): never {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
    throw new ApiError("conflict", `This service already has a threshold for ${metric}.`, [{ path: "metric", message: `This service already has a threshold for ${metric}.` }]);
  }
  throw err;
}

async function current(id: string): Promise<ThresholdRow> {
  const [row] = await refreshThresholds({ ids: [id] });
  if (!row) throw new ApiError("not_found", "No such threshold.");
  return row;
}

export async function createThreshold(actor: Actor, slug: string, input: z.infer<typeof createThresholdSchema>, ctx: Ctx): Promise<ThresholdRow> {
  const service = await requireService(actor, slug, "thresholds:manage");
  const data = { ...input, label: input.label ?? input.metric, scrapeSeries: input.scrapeSeries ?? null };
  const problems = thresholdProblems(data);
  if (problems.length) throw new ApiError("unprocessable", "The threshold is not valid.", problems);
  const created = await db
    .$transaction(async (tx) => {
      const t = await tx.metricThreshold.create({ data: { ...data, serviceId: service.id } });
      await markKnown(tx, service.id, t.metric, t.source);
      await recordAudit(tx, { actor, ...ctx }, { teamId: service.teamId, serviceId: service.id, action: "threshold.create", targetType: "threshold", targetId: `${slug}/${t.metric}`, after: ruleFields(t) });
      return t;
    })
    .catch((err: unknown) => conflict(err, data.metric));
  return current(created.id);
}

async function requireThreshold(actor: Actor, slug: string, id: string) {
  const service = await requireService(actor, slug, "thresholds:manage");
  const threshold = await db.metricThreshold.findFirst({ where: { id, serviceId: service.id } });
  if (!threshold) throw new ApiError("not_found", "No such threshold.");
  return { service, threshold };
}

export async function updateThreshold(actor: Actor, slug: string, id: string, input: z.infer<typeof updateThresholdSchema>, ctx: Ctx): Promise<ThresholdRow> {
  const { service, threshold } = await requireThreshold(actor, slug, id);
  const merged = { ...threshold, ...input };
  const problems = thresholdProblems(merged);
  if (problems.length) throw new ApiError("unprocessable", "The threshold is not valid.", problems);
  await db
    .$transaction(async (tx) => {
      const t = await tx.metricThreshold.update({ where: { id }, data: input });
      if (t.metric !== threshold.metric || t.source !== threshold.source) await markKnown(tx, service.id, t.metric, t.source);
      await recordAudit(tx, { actor, ...ctx }, {
        teamId: service.teamId,
        serviceId: service.id,
        action: "threshold.update",
        targetType: "threshold",
        targetId: `${slug}/${t.metric}`,
        before: ruleFields(threshold),
        after: ruleFields(t),
      });
    })
    .catch((err: unknown) => conflict(err, merged.metric));
  return current(id);
}

export async function deleteThreshold(actor: Actor, slug: string, id: string, ctx: Ctx): Promise<void> {
  const { service, threshold } = await requireThreshold(actor, slug, id);
  await db.$transaction(async (tx) => {
    await tx.metricThreshold.delete({ where: { id } });
    await recordAudit(tx, { actor, ...ctx }, { teamId: service.teamId, serviceId: service.id, action: "threshold.delete", targetType: "threshold", targetId: `${slug}/${threshold.metric}`, before: ruleFields(threshold) });
  });
}

const RECOMMENDED_METRICS = CRYPTOPULSE_THRESHOLDS.map((t) => t.metric) as [string, ...string[]];

/** Which of the recommended thresholds to add (the form's checkboxes). */
export const recommendedSelectionSchema = z.object({
  metrics: z
    .array(z.enum(RECOMMENDED_METRICS, { error: "That is not one of the recommended thresholds." }))
    .min(1, "Choose at least one threshold to add."),
});

/**
 * Adds the CryptoPulse guide's thresholds this service does not have yet (by metric name): those in
 * `metrics` when given (not every service has a Redis or a PostgreSQL), else the whole set.
 */
export async function addRecommendedThresholds(actor: Actor, slug: string, ctx: Ctx, metrics?: readonly string[]): Promise<{ added: string[] }> {
  const service = await requireService(actor, slug, "thresholds:manage");
  const chosen = CRYPTOPULSE_THRESHOLDS.filter((t) => !metrics || metrics.includes(t.metric));
  const added = await db.$transaction(async (tx) => {
    const have = new Set((await tx.metricThreshold.findMany({ where: { serviceId: service.id }, select: { metric: true } })).map((t) => t.metric));
    const missing = chosen.filter((t) => !have.has(t.metric));
    if (missing.length === 0) return [];
    await tx.metricThreshold.createMany({ data: missing.map((t) => ({ ...t, serviceId: service.id })), skipDuplicates: true });
    for (const t of missing) await markKnown(tx, service.id, t.metric, t.source);
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: "threshold.create",
      targetType: "service",
      targetId: slug,
      after: { recommendedSet: "cryptopulse", metrics: missing.map((t) => t.metric) },
    });
    return missing.map((t) => t.metric);
  });
  if (added.length) await refreshThresholds({ serviceIds: [service.id] });
  return { added };
}

export const metricsSourceSchema = z
  .object({
    url: z
      .string()
      .trim()
      .max(2000)
      .nullable()
      .transform((v) => v || null)
      .superRefine((v, c) => {
        if (v === null) return;
        let u: URL;
        try {
          u = new URL(v);
        } catch {
          c.addIssue({ code: "custom", message: "Enter a full URL such as https://api.example.com/metrics." });
          return;
        }
        if (u.protocol !== "http:" && u.protocol !== "https:") c.addIssue({ code: "custom", message: "The metrics URL must start with http:// or https://." });
        // Readers of the service see this URL: a password in it would be shown to all of them.
        if (u.username || u.password) c.addIssue({ code: "custom", message: "Remove the user name and password from the URL: everyone who can see the service sees it." });
      }),
  })
  .strict();

/** The answer of GET/PUT …/metrics/source (its `source`, built by `metricsSource`). */
export const metricsSourceOutput = z.strictObject({
  source: z.strictObject({ url: z.string().nullable(), lastScrapeAt: z.iso.datetime().nullable(), lastError: z.string().nullable() }),
});

export async function metricsSource(serviceId: string): Promise<z.infer<typeof metricsSourceOutput>["source"]> {
  const s = await db.service.findUniqueOrThrow({ where: { id: serviceId }, select: { metricsUrl: true, metricsScrapedAt: true, metricsScrapeError: true } });
  return { url: s.metricsUrl, lastScrapeAt: s.metricsScrapedAt?.toISOString() ?? null, lastError: s.metricsScrapeError };
}

/** Set or clear the Prometheus page the background rounds scrape; a new URL is scraped in the next round. */
export async function setMetricsSource(actor: Actor, slug: string, input: z.infer<typeof metricsSourceSchema>, ctx: Ctx) {
  const service = await requireService(actor, slug, "thresholds:manage");
  const refused = input.url ? probeTargetIssues(input.url) : [];
  if (refused.length) throw new ApiError("unprocessable", "The metrics URL is not valid.", refused);
  await db.$transaction(async (tx) => {
    await tx.service.update({ where: { id: service.id }, data: { metricsUrl: input.url, metricsScrapedAt: null, metricsScrapeError: null } });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: "service.metrics_source",
      targetType: "service",
      targetId: slug,
      before: { metricsUrl: service.metricsUrl },
      after: { metricsUrl: input.url },
    });
  });
  return metricsSource(service.id);
}
