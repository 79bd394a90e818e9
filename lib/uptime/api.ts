/** The JSON shape of GET /api/v1/services/{slug}/uptime, as a zod schema (also used by the OpenAPI document). */
import { z } from "zod";
import { MIN_COVERAGE_SHARE, MIN_PROBES, NOT_ENOUGH_DATA } from "./coverage";
import { PERCENTILE_RELATIVE_ERROR } from "./histogram";
import type { ServiceUptime } from "./query";
import { UPTIME_RANGES } from "./ranges";

const latencySchema = z.strictObject({ p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable() });

export const uptimeResponseSchema = z.strictObject({
  service: z.string(),
  range: z.enum(UPTIME_RANGES),
  from: z.iso.datetime().describe("start of the first point"),
  to: z.iso.datetime().describe("now: the last point is in progress"),
  stepSeconds: z.number().int().describe("one point per this many seconds (900, 3600 or 86400)"),
  granularity: z.enum(["minute", "hour", "day"]).describe("the rollups the range is read from"),
  checks: z.array(z.strictObject({ id: z.string(), name: z.string(), enabled: z.boolean(), included: z.boolean() })),
  uptimePercent: z.number().nullable().describe("available (up or degraded) probes / all probes; null when there is no probe in the range"),
  noData: z.boolean().describe("true when the range holds no probe at all (uptimePercent and latency are then null)"),
  probes: z.number().int(),
  counts: z.strictObject({ up: z.number().int(), down: z.number().int(), degraded: z.number().int() }),
  coverage: z.number().min(0).max(1).describe("share of the range's points that hold at least one probe; points without probes are unknown, not up"),
  observed: z
    .strictObject({
      firstProbeAt: z.iso.datetime().nullable().describe("the range's first probe (to the minute for the last 2 days, to the range's step before)"),
      seconds: z.number().int().describe("from the first probe to now"),
      share: z.number().min(0).max(1).describe("`seconds` / the range so far"),
      enough: z.boolean().describe(`false under ${MIN_PROBES} probes or under ${MIN_COVERAGE_SHARE * 100} % of the range: the UI shows "${NOT_ENOUGH_DATA}" instead of uptimePercent`),
    })
    .describe("how much of the range the figures stand on"),
  latency: latencySchema,
  percentileRelativeError: z.number().describe("percentiles come from log-bucketed histograms and are within this relative error of the exact values"),
  series: z.array(
    z.strictObject({ t: z.iso.datetime(), up: z.number().int(), down: z.number().int(), degraded: z.number().int() }).extend(latencySchema.shape).strict(),
  ),
  statusCodes: z.array(z.strictObject({ code: z.string(), count: z.number().int() })),
  errorClasses: z.array(z.strictObject({ errorClass: z.string(), count: z.number().int() })),
  incidents: z.array(
    z.strictObject({
      id: z.string(),
      checkId: z.string(),
      checkName: z.string(),
      startedAt: z.iso.datetime(),
      endedAt: z.iso.datetime().nullable().describe("null while ongoing"),
      ongoing: z.boolean(),
      durationSeconds: z.number().int().describe("up to now when ongoing"),
      firstError: z.string(),
      lastError: z.string().nullable(),
    }),
  ),
});

export type UptimeResponse = z.infer<typeof uptimeResponseSchema>;

export function uptimeResponse(slug: string, u: ServiceUptime): UptimeResponse {
  const iso = (ms: number) => new Date(ms).toISOString();
  const included = new Set(u.checkIds);
  return {
    service: slug,
    range: u.window.range,
    from: iso(u.window.from),
    to: iso(u.window.now),
    stepSeconds: u.window.stepMs / 1000,
    granularity: u.window.granularity,
    checks: u.checks.map((c) => ({ ...c, included: included.has(c.id) })),
    uptimePercent: u.uptimePercent,
    noData: u.probes === 0,
    probes: u.probes,
    counts: u.counts,
    coverage: Math.round(u.coverage * 10_000) / 10_000,
    observed: {
      firstProbeAt: u.observed.firstProbeAt?.toISOString() ?? null,
      seconds: u.observed.observedSeconds,
      share: Math.round(u.observed.share * 10_000) / 10_000,
      enough: u.observed.enough,
    },
    latency: u.latency,
    percentileRelativeError: Math.round(PERCENTILE_RELATIVE_ERROR * 10_000) / 10_000,
    series: u.series.map(({ t, ...p }) => ({ t: iso(t), ...p })),
    statusCodes: u.statusCodes,
    errorClasses: u.errorClasses,
    incidents: u.incidents.map((i) => ({
      id: i.id,
      checkId: i.checkId,
      checkName: i.checkName,
      startedAt: i.startedAt.toISOString(),
      endedAt: i.endedAt?.toISOString() ?? null,
      ongoing: i.endedAt === null,
      durationSeconds: Math.round(((i.endedAt?.getTime() ?? u.window.now) - i.startedAt.getTime()) / 1000),
      firstError: i.firstError,
      lastError: i.lastError,
    })),
  };
}
