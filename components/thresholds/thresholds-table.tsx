import Link from "next/link";
import { LastAlert } from "@/components/alerts/event-notice";
import { ActionForm } from "@/components/ui/action-form";
import { Table } from "@/components/ui/table";
import { deleteThresholdAction } from "@/app/services/[slug]/thresholds/actions";
import { SeverityBadge } from "@/components/checklist/state-label";
import { Status } from "@/components/ui/status";
import { RelativeTime } from "@/components/ui/time";
import type { EventNotice } from "@/lib/alerts/notices";
import { formatDuration } from "@/lib/format/time";
import { THRESHOLD_STATUS } from "@/lib/status/present";
import { breaches, describeCondition, pendingProgress, probeWindowSeconds } from "@/lib/thresholds/evaluate";
import { HISTORY_BUCKET_SECONDS, isProbeMetric, type SparkPoint, type ThresholdRow } from "@/lib/thresholds/store";
import { formatMeasure } from "@/lib/format/amount";
import { Sparkline } from "./sparkline";

function sourceText(t: ThresholdRow): string {
  if (t.source === "probe" && isProbeMetric(t.metric)) {
    const what = t.metric === "latency_p95_ms" ? "p95 latency" : "error rate";
    return `from probes: ${what} over ${formatDuration(probeWindowSeconds(t))}`;
  }
  if (t.source === "scrape") return `scraped: ${t.scrapeSeries ?? t.metric}`;
  return "pushed samples";
}

/**
 * What one sparkline point is: a short bucket, not the row's value (probe metrics aggregate over their
 * whole window, pushed metrics show the newest sample), so the two can differ and say so.
 */
function pointLabel(t: ThresholdRow): string {
  const bucket = formatDuration(HISTORY_BUCKET_SECONDS);
  if (t.source === "probe" && isProbeMetric(t.metric)) return `${t.metric === "latency_p95_ms" ? "p95 latency" : "error rate"} per ${bucket}`;
  return `worst sample per ${bucket}`;
}

function historySummary(t: ThresholdRow, points: SparkPoint[]): string {
  if (points.length === 0) return `${t.label}: no samples in the last hour.`;
  const values = points.map((p) => p.value);
  const over = points.filter((p) => breaches(p.value, t)).length;
  const f = (v: number) => formatMeasure(v, t.unit);
  return `${t.label}, last hour, ${pointLabel(t)}: ${points.length} points from ${f(Math.min(...values))} to ${f(Math.max(...values))}, newest point ${f(values.at(-1)!)}; ${over} of ${points.length} beyond the limit of ${f(t.limit)}.`;
}

export function ThresholdsTable({
  slug,
  thresholds,
  history,
  canManage,
  now,
  alerts,
}: {
  slug: string;
  thresholds: ThresholdRow[];
  history: Map<string, SparkPoint[]>;
  canManage: boolean;
  now: Date;
  /** each threshold's newest alert event and where it went, by threshold id */
  alerts: ReadonlyMap<string, EventNotice | undefined>;
}) {
  // Status right after the name: on a phone the table scrolls sideways and these two stay in view.
  const columns = ["Metric", "Status", "Condition", "Last value", "Last hour", "Severity", "Action", "Last alert", ...(canManage ? [{ label: "Edit or delete", srOnly: true }] : [])];
  return (
    <Table columns={columns} caption="Thresholds with their current status" alignTop>
      {thresholds.map((t) => {
        const points = history.get(t.id) ?? [];
        return (
          <tr key={t.id} id={`threshold-${t.metric}`}>
            <td className="py-2 pr-3">
              <div className="font-medium">{t.label}</div>
              <code className="text-xs text-zinc-500 dark:text-zinc-400">{t.metric}</code>
              <div className="text-xs text-zinc-500 dark:text-zinc-400">{sourceText(t)}</div>
            </td>
            <td className="whitespace-nowrap py-2 pr-3">
              <Status status={THRESHOLD_STATUS[t.status]} />
              {t.status === "breached" && t.since ? (
                <div className="mt-1 text-xs text-red-700 dark:text-red-400">
                  since <RelativeTime at={t.since} now={now} />
                </div>
              ) : null}
              {pendingProgress(t) ? <div className="mt-1 text-xs text-amber-800 dark:text-amber-300">{pendingProgress(t)}</div> : null}
            </td>
            <td className="whitespace-nowrap py-2 pr-3">{describeCondition(t, t.unit)}</td>
            <td className="whitespace-nowrap py-2 pr-3">
              {t.value !== null ? formatMeasure(t.value, t.unit) : <span className="text-zinc-500 dark:text-zinc-400">—</span>}
              {t.valueAt ? (
                <div className="text-xs text-zinc-500 dark:text-zinc-400">
                  <RelativeTime at={t.valueAt} now={now} />
                </div>
              ) : null}
            </td>
            <td className="py-2 pr-3">
              <Sparkline points={points.map((p) => ({ t: p.at.getTime(), v: p.value }))} limit={t.limit} breached={t.status === "breached"} summary={historySummary(t, points)} />
              {points.length ? <div className="text-xs text-zinc-500 dark:text-zinc-400">{pointLabel(t)}</div> : null}
            </td>
            <td className="py-2 pr-3">
              <SeverityBadge severity={t.severity} />
            </td>
            <td className="min-w-32 py-2 pr-3">{t.action || <span className="text-zinc-500 dark:text-zinc-400">—</span>}</td>
            <td className="min-w-56 py-2 pr-3">
              <LastAlert notice={alerts.get(t.id)} />
            </td>
            {canManage ? (
              <td className="py-2">
                <div className="flex items-start gap-2">
                  <Link
                    href={`/services/${slug}/thresholds?edit=${t.id}#edit-threshold`}
                    aria-label={`Edit ${t.label}`}
                    className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
                  >
                    Edit
                  </Link>
                  <ActionForm action={deleteThresholdAction.bind(null, slug, t.id)} submitLabel="Delete" submitAriaLabel={`Delete ${t.label}`} variant="danger" inline />
                </div>
              </td>
            ) : null}
          </tr>
        );
      })}
    </Table>
  );
}
