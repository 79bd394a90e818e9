import type { Metadata } from "next";
import { coverageText, rangeLengthText, uptimeFigure } from "@/lib/uptime/coverage";
import { serviceTitle } from "@/lib/pages/titles";
import Link from "next/link";
import { AvailabilityStrip } from "@/components/uptime/availability-strip";
import { LatencyChart } from "@/components/uptime/latency-chart";
import { BreakdownList, errorClassLabel, IncidentList, SeriesTable } from "@/components/uptime/uptime-details";
import { EmptyState } from "@/components/ui/empty-state";
import { LiveRefresh } from "@/components/ui/live-refresh";
import { StatusAnnouncer } from "@/components/ui/status-announcer";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { loadServicePage } from "@/lib/services/page-data";
import { ongoingIncidentAnnouncement } from "@/lib/status/announce";
import { PERCENTILE_RELATIVE_ERROR } from "@/lib/uptime/histogram";
import { formatMs, formatPercent, stripBars } from "@/lib/uptime/present";
import { loadServiceUptime } from "@/lib/uptime/query";
import { pageRange, RANGE_SPECS, UPTIME_RANGES, type UptimeRange } from "@/lib/uptime/ranges";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  return { title: await serviceTitle(slug, "Uptime") };
}

const STEP_TEXT: Record<UptimeRange, string> = { "24h": "15 minutes", "7d": "hour", "30d": "day", "90d": "day" };

export default async function UptimePage({ params, searchParams }: Params) {
  const { slug } = await params;
  const raw = await searchParams;
  const range = pageRange(raw.range);
  const { service } = await loadServicePage(slug, `/services/${slug}/uptime`);
  const checkParam = typeof raw.check === "string" ? raw.check : undefined;
  // An unknown ?check= falls back to all checks rather than failing the page.
  const uptime = await loadServiceUptime(service.id, range, { checkId: checkParam }).catch(async (err: unknown) => {
    if (checkParam && err instanceof ApiError) return loadServiceUptime(service.id, range);
    throw err;
  });
  const selectedCheck = uptime.checkIds.length === 1 && checkParam ? checkParam : undefined;
  const href = (r: UptimeRange, check = selectedCheck) => `/services/${slug}/uptime?${new URLSearchParams({ range: r, ...(check ? { check } : {}) })}`;
  const { window } = uptime;
  const spec = RANGE_SPECS[range];
  const noData = uptime.probes + uptime.maintenanceProbes === 0;
  const bars = stripBars(uptime.series, spec.stripMs);
  const errorTotal = uptime.errorClasses.reduce((n, e) => n + e.count, 0);
  const statusTotal = uptime.statusCodes.reduce((n, e) => n + e.count, 0);

  return (
    <div className="space-y-6">
      <LiveRefresh seconds={env().PREFLIGHT_REFRESH_SECONDS} />
      <StatusAnnouncer statuses={ongoingIncidentAnnouncement(uptime.incidents)} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="break-words text-2xl font-semibold tracking-tight">{service.name} uptime</h1>
        <nav aria-label="Time range">
          <ul className="flex rounded-md border border-zinc-300 text-sm dark:border-zinc-700">
            {UPTIME_RANGES.map((r) => (
              <li key={r}>
                <Link
                  href={href(r)}
                  aria-current={r === range ? "page" : undefined}
                  className={`block px-3 py-1.5 ${r === range ? "bg-zinc-900 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
                >
                  {/* The visible words are the link's name (WCAG 2.5.3, label in name): "Last 7 days" read, "7 days" shown. */}
                  <span className="sr-only">Last </span>
                  {RANGE_SPECS[r].label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>

      {uptime.checks.length > 1 ? (
        <nav aria-label="Health checks" className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-zinc-600 dark:text-zinc-400">Checks:</span>
          {[{ id: undefined, name: "All enabled checks" }, ...uptime.checks].map((c) => {
            const current = c.id === selectedCheck;
            return (
              <Link
                key={c.id ?? "all"}
                href={href(range, c.id)}
                aria-current={current ? "page" : undefined}
                className={`rounded-full px-2.5 py-0.5 ring-1 ring-inset ${current ? "bg-sky-50 font-medium text-sky-900 ring-sky-400 dark:bg-sky-950 dark:text-sky-100" : "ring-zinc-300 hover:bg-zinc-100 dark:ring-zinc-700 dark:hover:bg-zinc-800"}`}
              >
                {c.name}
              </Link>
            );
          })}
        </nav>
      ) : null}

      {noData ? (
        <EmptyState title="No probe data in this range yet">
          {uptime.checks.length === 0
            ? "This service has no health check. Add one (its URL, expected status and interval) and probe results appear here within a minute."
            : uptime.checkIds.length === 0
              ? "Every health check of this service is disabled. Enable one to collect probe results."
              : `Probes of ${uptime.checkIds.length === 1 ? "its health check" : `its ${uptime.checkIds.length} health checks`} show up here within a minute of their first run. A longer range may hold older results.`}
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="summary-h">
            <h2 id="summary-h" className="sr-only">Summary</h2>
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
              {[
                {
                  label: `Uptime (${spec.label})`,
                  value: uptimeFigure(formatPercent(uptime.uptimePercent), uptime.observed),
                  hint: `${coverageText(uptime.observed, range)} · ${uptime.counts.down.toLocaleString("en-US")} failed probes${uptime.maintenanceProbes ? `; ${uptime.maintenanceProbes.toLocaleString("en-US")} in maintenance, not counted` : ""}`,
                },
                { label: "p50 latency", value: formatMs(uptime.latency.p50) },
                { label: "p95 latency", value: formatMs(uptime.latency.p95) },
                { label: "p99 latency", value: formatMs(uptime.latency.p99) },
                { label: "Observed", value: `${Math.floor(uptime.observed.share * 100)} %`, hint: `of the last ${rangeLengthText(range)} had probes` },
                { label: "Probes", value: uptime.probes.toLocaleString("en-US"), hint: `${uptime.counts.degraded.toLocaleString("en-US")} degraded` },
              ].map((s) => (
                <div key={s.label} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
                  <dt className="text-xs text-zinc-600 dark:text-zinc-400">{s.label}</dt>
                  <dd className="mt-1 text-xl font-semibold tabular-nums">{s.value}</dd>
                  {s.hint ? <dd className="text-xs text-zinc-500 dark:text-zinc-400">{s.hint}</dd> : null}
                </div>
              ))}
            </dl>
            <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
              Percentiles come from latency histograms and are within {Math.ceil(PERCENTILE_RELATIVE_ERROR * 100)} % of the exact values. Points
              without probes count as unknown, not as up; probes during maintenance windows are left out of uptime and latency.
            </p>
          </section>

          <section aria-labelledby="strip-h" className="space-y-2">
            <h2 id="strip-h" className="text-lg font-semibold">Availability per {spec.stripMs >= 86_400_000 ? "day" : "hour"}</h2>
            <AvailabilityStrip bars={bars} barLabel={spec.stripMs >= 86_400_000 ? "day" : "hour"} />
          </section>

          <section aria-labelledby="latency-h" className="space-y-2">
            <h2 id="latency-h" className="text-lg font-semibold">Latency per {STEP_TEXT[range]}</h2>
            <figure className="space-y-2">
              <LatencyChart
                points={uptime.series.map(({ t, p50, p95, p99 }) => ({ t, p50, p95, p99 }))}
                from={window.from}
                end={window.axisEnd}
                now={window.now}
                stepMs={window.stepMs}
                incidents={uptime.incidents.map((i) => ({ id: i.id, start: i.startedAt.getTime(), end: i.endedAt?.getTime() ?? null, label: i.firstError }))}
                maintenance={uptime.maintenance.map((m) => ({ id: m.id, start: m.startsAt.getTime(), end: m.endsAt.getTime(), label: m.reason }))}
              />
              <figcaption className="text-xs text-zinc-500 dark:text-zinc-400">
                p50, p95 and p99 latency (solid, dashed and dotted lines) over UTC time; red areas are incidents
                {uptime.maintenance.length ? ", blue areas with a dashed border are maintenance windows (their probes are left out)" : ""}. The table below holds the same data.
              </figcaption>
            </figure>
          </section>

          <section aria-labelledby="breakdown-h" className="space-y-3">
            <h2 id="breakdown-h" className="text-lg font-semibold">Responses</h2>
            <div className="grid gap-6 md:grid-cols-2">
              <BreakdownList
                title="HTTP status codes"
                rows={uptime.statusCodes.map((s) => ({ label: s.code, count: s.count }))}
                total={statusTotal}
                empty="No HTTP response in this range."
              />
              <BreakdownList
                title="Errors by class"
                rows={uptime.errorClasses.map((e) => ({ label: errorClassLabel(e.errorClass), count: e.count }))}
                total={errorTotal}
                empty="No failed probe in this range."
              />
            </div>
          </section>

          <details className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
            <summary className="cursor-pointer text-sm font-medium">Show data as table</summary>
            <div className="mt-3">
              <SeriesTable series={uptime.series} stepMs={window.stepMs} rangeSummary={`${uptimeFigure(formatPercent(uptime.uptimePercent), uptime.observed)} · ${coverageText(uptime.observed, range)}`} />
            </div>
          </details>
        </>
      )}

      <section aria-labelledby="incidents-h" className="space-y-2">
        <h2 id="incidents-h" className="text-lg font-semibold">Incidents</h2>
        <IncidentList incidents={uptime.incidents} now={window.now} />
      </section>
    </div>
  );
}
