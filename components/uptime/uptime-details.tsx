/** The non-chart parts of the uptime page: breakdowns, incidents and the series as a table. */
import { EventNoticeLine } from "@/components/alerts/event-notice";
import { Status } from "@/components/ui/status";
import { Table } from "@/components/ui/table";
import { DateTime } from "@/components/ui/time";
import type { EventNotice } from "@/lib/alerts/notices";
import { formatDuration } from "@/lib/format/time";
import { ONGOING } from "@/lib/status/present";
import { uptimePercent, type SeriesPoint } from "@/lib/uptime/math";
import type { UptimeIncident } from "@/lib/uptime/query";
import { AVAILABILITY_TEXT, ERROR_CLASS_TEXT, formatMs, formatPercent, formatTime } from "@/lib/uptime/present";

/** Counts as a list with the share of each, and a bar whose length repeats the number. */
export function BreakdownList({ title, rows, total, empty }: { title: string; rows: { label: string; count: number }[]; total: number; empty: string }) {
  return (
    <section aria-labelledby={`${title}-h`} className="min-w-0">
      <h3 id={`${title}-h`} className="text-sm font-medium">{title}</h3>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>
      ) : (
        <ul className="mt-2 space-y-1.5 text-sm">
          {rows.map((r) => {
            const share = total ? (100 * r.count) / total : 0;
            return (
              <li key={r.label} className="grid grid-cols-[minmax(0,13rem)_1fr_auto] items-center gap-2">
                <span className="truncate" title={r.label}>{r.label}</span>
                <span className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800" aria-hidden="true">
                  <span className="block h-full bg-sky-600 dark:bg-sky-500" style={{ width: `${Math.max(share, 0.5)}%` }} />
                </span>
                <span className="tabular-nums text-zinc-700 dark:text-zinc-300">
                  {r.count.toLocaleString("en-US")} <span className="text-zinc-500 dark:text-zinc-400">({share < 0.1 && share > 0 ? "< 0.1" : share.toFixed(1)} %)</span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function errorClassLabel(errorClass: string): string {
  return ERROR_CLASS_TEXT[errorClass] ?? errorClass;
}

const NOTICE_LABEL: Record<string, string> = { "check.down": "Down alert", "check.up": "Recovery alert" };

/** `notices`: the incidents' check.down/check.up events by incident id (lib/alerts/notices.ts), shown as a "Notified" column. */
export function IncidentList({
  incidents,
  now,
  caption = "Incidents in this range, newest first",
  empty = "No incident in this range.",
  notices,
}: {
  incidents: UptimeIncident[];
  now: number;
  caption?: string;
  empty?: string;
  notices?: ReadonlyMap<string, EventNotice[]>;
}) {
  if (incidents.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>;
  return (
    <Table caption={caption} columns={["Started", "Ended", "Duration", "Check", "First error", ...(notices ? ["Notified"] : [])]} alignTop>
      {incidents.map((i) => (
        <tr key={i.id}>
          <td className="whitespace-nowrap py-2 pr-3"><DateTime at={i.startedAt} /></td>
          <td className="whitespace-nowrap py-2 pr-3">
            {i.endedAt ? <DateTime at={i.endedAt} /> : <Status status={ONGOING} />}
          </td>
          <td className="whitespace-nowrap py-2 pr-3 tabular-nums">{formatDuration(((i.endedAt?.getTime() ?? now) - i.startedAt.getTime()) / 1000)}</td>
          <td className="py-2 pr-3">{i.checkName}</td>
          <td className="break-words py-2 pr-3 font-mono text-xs">{i.firstError}</td>
          {notices ? (
            <td className="min-w-56 space-y-1 py-2">
              {notices.get(i.id)?.map((n) => <EventNoticeLine key={n.eventId} label={NOTICE_LABEL[n.type] ?? n.type} notice={n} />) ?? <EventNoticeLine label="Alerts" notice={undefined} />}
            </td>
          ) : null}
        </tr>
      ))}
    </Table>
  );
}

/**
 * The chart's data as a table (the text alternative of the latency chart and the strip). Probes during
 * maintenance are counted in their own column and left out of "Available".
 */
export function SeriesTable({ series, stepMs, rangeSummary }: { series: SeriesPoint[]; stepMs: number; rangeSummary?: string }) {
  const caption = `Probes, availability and latency per point, oldest first${rangeSummary ? `. Whole range: ${rangeSummary}` : ""}`;
  return (
    <Table caption={caption} columns={["Time", "Probes", "Up", "Down", "Degraded", "Maintenance", "Available", "p50", "p95", "p99"]}>
      {series.map((p) => {
        const counted = p.up + p.down + p.degraded;
        const probes = counted + p.maintenance;
        return (
          <tr key={p.t} className="tabular-nums">
            <th scope="row" className="whitespace-nowrap py-1.5 pr-3 font-normal">{formatTime(p.t, stepMs)}</th>
            <td className="py-1.5 pr-3">{probes}</td>
            <td className="py-1.5 pr-3">{p.up}</td>
            <td className="py-1.5 pr-3">{p.down}</td>
            <td className="py-1.5 pr-3">{p.degraded}</td>
            <td className="py-1.5 pr-3">{p.maintenance}</td>
            <td className="whitespace-nowrap py-1.5 pr-3">{counted ? formatPercent(uptimePercent(p)) : p.maintenance ? AVAILABILITY_TEXT.maintenance : AVAILABILITY_TEXT.none}</td>
            <td className="whitespace-nowrap py-1.5 pr-3">{formatMs(p.p50)}</td>
            <td className="whitespace-nowrap py-1.5 pr-3">{formatMs(p.p95)}</td>
            <td className="whitespace-nowrap py-1.5">{formatMs(p.p99)}</td>
          </tr>
        );
      })}
    </Table>
  );
}
