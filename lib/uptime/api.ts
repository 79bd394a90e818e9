/** The JSON shape of GET /api/v1/services/{slug}/uptime, as a zod schema (also used by the OpenAPI document). */
import { z } from "zod";
import { coverageText, MIN_COVERAGE_SHARE, MIN_OBSERVED_SECONDS, MIN_PROBES, minimumObservedSeconds, NOT_ENOUGH_DATA } from "./coverage";
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
  uptimePercent: z
    .number()
    .nullable()
    .describe("available (up or degraded) probes / all probes outside maintenance windows; null when there is no such probe in the range"),
  noData: z.boolean().describe("true when the range holds no probe at all, in maintenance or not (uptimePercent and latency are then null)"),
  probes: z.number().int().describe("probes outside maintenance windows (the ones uptime counts)"),
  counts: z.strictObject({
    up: z.number().int(),
    down: z.number().int(),
    degraded: z.number().int(),
    maintenance: z.number().int().describe("probes during maintenance windows: left out of uptime, latency and the breakdowns"),
  }),
  coverage: z.number().min(0).max(1).describe("share of the range's points that hold at least one probe; points without probes are unknown, not up"),
  observed: z
    .strictObject({
      firstProbeAt: z.iso
        .datetime()
        .nullable()
        .describe("the range's first counted probe: to the minute while minute rollups are kept (2 days), else the check's creation or the start of its first rollup bucket"),
      seconds: z.number().int().describe("time with probes from the first probe to now; rollup buckets without a probe (a paused check) are left out"),
      share: z.number().min(0).max(1).describe("`seconds` / the range so far (`from` to `to`)"),
      minimumSeconds: z.number().int().describe(`the least observed time for a figure: the larger of ${MIN_OBSERVED_SECONDS / 3600} hour and ${MIN_COVERAGE_SHARE * 100} % of the range`),
      enough: z
        .boolean()
        .describe(`false under \`minimumSeconds\` or under ${MIN_PROBES} probes: the UI shows "${NOT_ENOUGH_DATA}" instead of uptimePercent (which is still answered)`),
      text: z.string().describe('the same in words, as the UI writes it beside the figure ("3 h 5 min of 30 d observed")'),
    })
    .describe("how much of the range the figures stand on"),
  latency: latencySchema,
  percentileRelativeError: z.number().describe("percentiles come from log-bucketed histograms and are within this relative error of the exact values"),
  series: z.array(
    z
      .strictObject({ t: z.iso.datetime(), up: z.number().int(), down: z.number().int(), degraded: z.number().int(), maintenance: z.number().int() })
      .extend(latencySchema.shape)
      .strict(),
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
  maintenance: z
    .array(z.strictObject({ id: z.string(), startsAt: z.iso.datetime(), endsAt: z.iso.datetime(), reason: z.string() }))
    .describe("the service's maintenance windows that overlap the range, newest first"),
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
    noData: u.probes + u.maintenanceProbes === 0,
    probes: u.probes,
    counts: u.counts,
    coverage: Math.round(u.coverage * 10_000) / 10_000,
    observed: {
      firstProbeAt: u.observed.firstProbeAt?.toISOString() ?? null,
      seconds: u.observed.observedSeconds,
      share: Math.round(u.observed.share * 1_000_000) / 1_000_000,
      minimumSeconds: minimumObservedSeconds(u.observed.rangeSeconds),
      enough: u.observed.enough,
      text: coverageText(u.observed, u.window.range),
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
    maintenance: u.maintenance.map((m) => ({ id: m.id, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString(), reason: m.reason })),
  };
}
