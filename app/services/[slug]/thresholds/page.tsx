import type { Metadata } from "next";
import { serviceTitle } from "@/lib/pages/titles";
import Link from "next/link";
import { DeliveriesLink } from "@/components/alerts/event-notice";
import { ThresholdFields } from "@/components/thresholds/threshold-fields";
import { ThresholdsTable } from "@/components/thresholds/thresholds-table";
import { ActionForm } from "@/components/ui/action-form";
import { Alert, TextField } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/empty-state";
import { LiveRefresh } from "@/components/ui/live-refresh";
import { StatusAnnouncer } from "@/components/ui/status-announcer";
import { Status } from "@/components/ui/status";
import { RelativeTime } from "@/components/ui/time";
import { ScrollBox } from "@/components/ui/scroll-box";
import { latestNotices, noticeReader, subjectKey } from "@/lib/alerts/notices";
import { can } from "@/lib/auth/actor";
import { loadServicePage } from "@/lib/services/page-data";
import { RecommendedThresholds } from "@/components/thresholds/recommended-thresholds";
import { CRYPTOPULSE_THRESHOLDS } from "@/lib/thresholds/defaults";
import { THRESHOLD_STATUS } from "@/lib/status/present";
import type { ThresholdState } from "@/lib/thresholds/evaluate";
import { metricsSource } from "@/lib/thresholds/manage";
import { refreshThresholds, thresholdHistory, unknownMetrics } from "@/lib/thresholds/store";
import { env, publicUrl } from "@/lib/env";
import { thresholdAnnouncements } from "@/lib/status/announce";
import { createThresholdAction, setMetricsSourceAction, updateThresholdAction } from "./actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ edit?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: await serviceTitle(slug, "Thresholds") };
}

export default async function ThresholdsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { edit } = await searchParams;
  const { actor, service } = await loadServicePage(slug, `/services/${slug}/thresholds`);
  const canManage = can(actor, service.teamId, "thresholds:manage");
  const now = new Date();
  // Evaluated on the way in, so the page never shows a state older than the request.
  const thresholds = await refreshThresholds({ serviceIds: [service.id] }, now);
  const reader = await noticeReader(actor, service.teamId, service.slug);
  const [history, unknown, source, notices] = await Promise.all([
    thresholdHistory(thresholds, now),
    unknownMetrics(service.id, now),
    metricsSource(service.id),
    latestNotices(service.id, ["threshold"], reader),
  ]);
  const alerts = new Map(thresholds.map((t) => [t.id, notices.get(subjectKey("threshold", t.id))]));
  const editing = canManage ? thresholds.find((t) => t.id === edit) : undefined;
  const missingRecommended = CRYPTOPULSE_THRESHOLDS.filter((d) => !thresholds.some((t) => t.metric === d.metric));
  const count = (s: ThresholdState) => thresholds.filter((t) => t.status === s).length;

  return (
    <div className="space-y-8">
      <LiveRefresh seconds={env().PREFLIGHT_REFRESH_SECONDS} />
      <StatusAnnouncer statuses={thresholdAnnouncements(thresholds)} />
      <header className="space-y-2">
        <h1 className="break-words text-2xl font-semibold tracking-tight">{service.name} thresholds</h1>
        <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Each threshold compares a metric with a limit. A <strong>critical</strong> threshold that is breached blocks readiness. Values come from
          Preflight&apos;s probes, from samples pushed to the API, or from the service&apos;s Prometheus page.
        </p>
        {thresholds.length ? (
          <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-live="polite">
            {(["breached", "pending", "ok", "no-data"] as const).map((s) => (
              <Status key={s} status={THRESHOLD_STATUS[s]} variant="text">
                {THRESHOLD_STATUS[s].text}: {count(s)}
              </Status>
            ))}
          </p>
        ) : null}
      </header>

      {editing ? (
        <section id="edit-threshold" aria-labelledby="edit-threshold-title" className="space-y-3 rounded-lg border border-sky-300 p-4 dark:border-sky-800">
          <h2 id="edit-threshold-title" className="text-lg font-semibold">
            Edit “{editing.label}”
          </h2>
          <ActionForm action={updateThresholdAction.bind(null, slug, editing.id)} submitLabel="Save threshold">
            <ThresholdFields prefix="edit" values={editing} />
          </ActionForm>
          <Link href={`/services/${slug}/thresholds`} className="text-sm underline">
            Cancel
          </Link>
        </section>
      ) : null}

      {thresholds.length === 0 ? (
        <EmptyState title="No thresholds yet">
          {canManage ? (
            <p>
              Start from the recommended thresholds under <a href="#add-threshold" className="underline">Add a threshold</a>, leaving out what this service does not
              run, or add your own.
            </p>
          ) : (
            "An owner or editor of the team can add them."
          )}
        </EmptyState>
      ) : (
        <section aria-labelledby="thresholds-title" className="space-y-3">
          <h2 id="thresholds-title" className="sr-only">
            Thresholds
          </h2>
          <ThresholdsTable slug={slug} thresholds={thresholds} history={history} canManage={canManage} now={now} alerts={alerts} />
          <DeliveriesLink href={reader.deliveriesHref} serviceName={service.name} />
        </section>
      )}

      {canManage ? (
        <section aria-labelledby="add-threshold" className="space-y-3">
          <h2 id="add-threshold" className="text-lg font-semibold">
            Add a threshold
          </h2>
          {/* Always at this place in the tree: after a success the same form shows its message. */}
          {missingRecommended.length > 0 ? <RecommendedThresholds slug={slug} missing={missingRecommended} variant={thresholds.length ? "secondary" : "primary"} /> : null}
          <h3 className="pt-2 font-medium">{missingRecommended.length > 0 ? "Or one of your own" : "Your own threshold"}</h3>
          <ActionForm action={createThresholdAction.bind(null, slug)} submitLabel="Add threshold">
            <ThresholdFields prefix="new" />
          </ActionForm>
        </section>
      ) : null}

      {unknown.length ? (
        <section aria-labelledby="unknown-metrics" className="space-y-2">
          <h2 id="unknown-metrics" className="text-lg font-semibold">
            Metrics received without a threshold
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Stored and flagged; add a threshold with the same name to evaluate them.</p>
          <ul className="list-disc pl-5 text-sm">
            {unknown.map((m) => (
              <li key={m.metric}>
                <code>{m.metric}</code>: {m.samples} sample(s) in the last day, latest <RelativeTime at={m.lastAt} now={now} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="metric-sources" className="space-y-3">
        <h2 id="metric-sources" className="text-lg font-semibold">
          Where values come from
        </h2>
        <div className="grid gap-6 md:grid-cols-2">
          <div className="min-w-0 space-y-2 text-sm">
            <h3 className="font-medium">Push samples</h3>
            <p className="text-zinc-600 dark:text-zinc-400">With an API token of an editor (up to 1,000 samples a request; `at` and `unit` are optional):</p>
            <ScrollBox label="Command that pushes a sample" className="overflow-x-auto rounded bg-zinc-100 p-3 text-xs dark:bg-zinc-900">
              <pre>
                {`curl -X POST ${publicUrl()}/api/v1/services/${slug}/metrics \\
  -H "Authorization: Bearer $PREFLIGHT_TOKEN" -H "Content-Type: application/json" \\
  -d '{"samples":[{"metric":"cpu_percent","value":73.5}]}'`}
              </pre>
            </ScrollBox>
          </div>
          <div className="min-w-0 space-y-2 text-sm">
            <h3 className="font-medium">Scrape a Prometheus page</h3>
            {source.url ? (
              <p>
                Scraping <code className="break-all">{source.url}</code> every minute
                {source.lastScrapeAt ? (
                  <>
                    ; last scrape <RelativeTime at={source.lastScrapeAt} now={now} />
                  </>
                ) : (
                  "; not scraped yet"
                )}
                .
              </p>
            ) : (
              <p className="text-zinc-600 dark:text-zinc-400">No page set: thresholds with source “Prometheus page” get no values.</p>
            )}
            {source.lastError ? <Alert tone="error">Last scrape: {source.lastError}</Alert> : null}
            {canManage ? (
              <ActionForm action={setMetricsSourceAction.bind(null, slug)} submitLabel={source.url ? "Save page" : "Start scraping"}>
                <TextField label="Prometheus metrics URL" name="url" id="metrics-url" type="url" defaultValue={source.url ?? ""} placeholder="http://cryptopulse.internal:9100/metrics" hint="Leave empty and save to stop scraping." />
              </ActionForm>
            ) : null}
          </div>
        </div>
      </section>
    </div>
  );
}
