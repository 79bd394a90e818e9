import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DayBars, DayTable } from "@/components/status-page/day-bars";
import { IncidentList } from "@/components/status-page/incident-list";
import { Status } from "@/components/ui/status";
import { DateTime } from "@/components/ui/time";
import { formatSpan } from "@/lib/maintenance/present";
import { cachedStatusPage } from "@/lib/status-page/cache";
import { formatPercent } from "@/lib/uptime/present";

// The root layout reads the session, so the page renders per request; its figures come from the
// per-team 30 s cache (lib/status-page/cache.ts), not from the database each time.
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ team: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { team } = await params;
  const view = await cachedStatusPage(team);
  if (!view) return { title: "Not found" };
  return { title: view.title, alternates: { types: { "application/atom+xml": [{ url: `/status/${view.teamSlug}/feed.atom`, title: `${view.title}: incidents` }] } } };
}

/** A team's public status page (no sign-in): 404 unless an owner published it. */
export default async function StatusPage({ params }: Params) {
  const { team } = await params;
  const view = await cachedStatusPage(team);
  if (!view) notFound();
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight break-words">{view.title}</h1>
        <p className="text-lg" data-testid="overall-status">
          <Status status={view.overall} variant="text" />
        </p>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          As of <DateTime at={view.generatedAt} />; the figures are at most 30 seconds old. Days are UTC days.{" "}
          <a href={`/status/${view.teamSlug}/feed.atom`} className="text-sky-700 underline dark:text-sky-400">
            Incident feed (Atom)
          </a>
        </p>
      </div>

      <section aria-labelledby="open-heading" className="space-y-3">
        <h2 id="open-heading" className="text-lg font-semibold">Open incidents</h2>
        {view.openIncidents.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">No open incidents.</p> : <IncidentList incidents={view.openIncidents} />}
      </section>

      <section aria-labelledby="maintenance-heading" className="space-y-3">
        <h2 id="maintenance-heading" className="text-lg font-semibold">Maintenance</h2>
        {view.maintenance.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No maintenance in progress or planned for the next 30 days.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {view.maintenance.map((m) => (
              <li key={m.id} className="space-y-1 p-3 text-sm">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{m.serviceName}</span>
                  <Status status={{ tone: "neutral", text: m.open ? "In progress" : "Planned" }} />
                </p>
                <p>{formatSpan(m.startsAt, m.endsAt)}</p>
                <p className="break-words text-zinc-600 dark:text-zinc-400">{m.reason}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="services-heading" className="space-y-3">
        <h2 id="services-heading" className="text-lg font-semibold">Services</h2>
        {view.services.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No services are listed on this page yet.</p>
        ) : (
          <ul className="space-y-6">
            {view.services.map((s) => (
              <li key={s.id} className="space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800" data-testid="status-service">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-semibold break-words">{s.name}</h3>
                  <Status status={s.word} />
                </div>
                {s.description ? <p className="text-sm break-words text-zinc-600 dark:text-zinc-400">{s.description}</p> : null}
                <p className="text-sm">{s.uptime === null ? "No uptime data in the last 90 days." : `${formatPercent(s.uptime)} uptime over the last 90 days`}</p>
                <DayBars serviceName={s.name} bars={s.bars} />
                <DayTable serviceName={s.name} bars={s.bars} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">Incident history (90 days)</h2>
        {view.pastIncidents.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">No incidents in the last 90 days.</p> : <IncidentList incidents={view.pastIncidents} />}
      </section>
    </div>
  );
}
