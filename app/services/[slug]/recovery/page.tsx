import type { Metadata } from "next";
import { serviceTitle } from "@/lib/pages/titles";
import Link from "next/link";
import { DeliveriesLink, LastAlert } from "@/components/alerts/event-notice";
import { BackupChart, type ChartPoint } from "@/components/recovery/backup-chart";
import { PingInstructions } from "@/components/recovery/ping-instructions";
import { Procedure } from "@/components/recovery/procedure";
import { LogEventForm, MonitorForm, TargetForm } from "@/components/recovery/recovery-forms";
import { ActionForm } from "@/components/ui/action-form";
import { removeMonitorAction, rotatePingAction } from "./actions";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Alert, SelectField } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { Status } from "@/components/ui/status";
import { ScrollBox } from "@/components/ui/scroll-box";
import { Table } from "@/components/ui/table";
import { DateTime, RelativeTime } from "@/components/ui/time";
import { ShortValue } from "@/components/recovery/short-value";
import { formatBytes, MIB } from "@/lib/format/bytes";
import { formatDateTime, formatDuration } from "@/lib/format/time";
import { latestNotices, noticeReader, subjectKey } from "@/lib/alerts/notices";
import { can } from "@/lib/auth/actor";
import { EVENT_KINDS, eventFilterSchema } from "@/lib/recovery/schemas";
import { correctionChoices, recoveryEntryName } from "@/lib/recovery/entry-name";
import { backupHistory, listRecoveryEvents, recoveryComponents, recoveryEntryNames, recoveryOverview, type MonitorView, type TargetView } from "@/lib/recovery/store";
import { loadServicePage } from "@/lib/services/page-data";
import { backupStatusWord, DRILL_STATUS, ENTRY_STATUS, overdueByText } from "@/lib/status/present";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: await serviceTitle(slug, "Recovery") };
}

const when = (d: Date | string | null) => (d ? formatDateTime(d) : "—");
const cell = "py-2 pr-3";
const muted = "text-zinc-600 dark:text-zinc-400";

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const REASONS = { failed: "the drill failed", rto: "took longer than the RTO", rpo: "restored data older than the RPO allows" } as const;
const KIND_LABEL = { backup: "Backup", "restore-test": "Restore test", drill: "Drill" } as const;

function problemBanners(targets: TargetView[], monitors: MonitorView[]): string[] {
  const out: string[] = [];
  for (const m of monitors) {
    const b = m.backup;
    const lastFailed = b.status === "failing" ? `the last backup (${when(b.lastBackupAt)}) failed` : null;
    if (b.overdueBySeconds !== null) {
      const lastGood = b.lastSuccessAt ? `the last successful one finished ${when(b.lastSuccessAt)}` : `no successful backup since the monitor was added (${when(m.createdAt)})`;
      out.push(`${m.component} backup: ${overdueByText(b.overdueBySeconds)}. ${capitalise(lastFailed ? `${lastFailed}; ${lastGood}` : lastGood)}.`);
    } else if (lastFailed) {
      out.push(`${m.component} backup: ${lastFailed}; the next one is due by ${when(b.dueAt)}.`);
    }
  }
  for (const t of targets) {
    const d = t.drill;
    if (d.status === "missed") out.push(`Recovery drill for ${t.component} missed its objective: ${d.reasons.map((r) => REASONS[r]).join(", ")}.`);
    if (d.status === "never") out.push(`Recovery drill overdue for ${t.component}: never drilled.`);
    if (d.status === "overdue") out.push(`Recovery drill overdue for ${t.component}: the last successful drill was ${when(d.lastSuccessfulDrill?.finishedAt ?? null)}, more than ${t.drillIntervalDays} days ago.`);
  }
  return out;
}

export default async function RecoveryPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { actor, service: found } = await loadServicePage(slug, `/services/${slug}/recovery`);
  const canWrite = can(actor, found.teamId, "recovery:write");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const filter = eventFilterSchema.parse(raw);
  // ?correct=<entry> opens the log form on a correction of that entry (the row's "Correct" link).
  const { correct, ...listParams } = raw;
  const now = new Date();
  const [{ targets, monitors }, log, components, history] = await Promise.all([
    recoveryOverview(found.id, { now, revealPingUrls: canWrite }),
    listRecoveryEvents(found.id, filter),
    recoveryComponents(found.id),
    backupHistory(found.id),
  ]);
  const reader = await noticeReader(actor, found.teamId, found.slug);
  const notices = await latestNotices(found.id, ["backup", "drill"], reader);
  const banners = problemBanners(targets, monitors);
  const entryNames = await recoveryEntryNames(found.id, log.events.flatMap((e) => [e.correctsId, e.correctedById].filter((id): id is string => id !== null)));
  const nameOf = (id: string) => {
    const e = entryNames.get(id);
    return e ? recoveryEntryName(e) : "an entry no longer in the log";
  };
  const corrections = correctionChoices(log.events.map((e) => ({ ...e, outcome: ENTRY_STATUS[e.status].text.toLowerCase() })));
  const byComponent = new Map<string, ChartPoint[]>();
  for (const p of history) {
    const list = byComponent.get(p.component) ?? [];
    list.push({ t: new Date(p.at).getTime(), durationMin: p.durationSeconds === null ? null : Math.round(p.durationSeconds / 6) / 10, sizeMiB: p.sizeBytes === null ? null : Math.round((p.sizeBytes / MIB) * 10) / 10 });
    byComponent.set(p.component, list);
  }
  const pageHref = (page: number) => `/services/${slug}/recovery?${new URLSearchParams({ ...listParams, page: String(page) })}#log`;
  const correctHref = (id: string) => `/services/${slug}/recovery?${new URLSearchParams({ ...listParams, correct: id })}#log-event`;

  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="break-words text-2xl font-semibold tracking-tight">{found.name} recovery</h1>
        <p className={`text-sm ${muted}`}>RTO/RPO targets with restore drills, backup monitors with ping URLs, and the backup/restore log.</p>
      </header>

      {banners.length ? (
        <section aria-label="Recovery problems" className="space-y-2">
          {banners.map((b) => (
            <Alert key={b} tone="error">
              <span aria-hidden="true">⚠ </span>
              {b}
            </Alert>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="targets" className="space-y-3">
        <h2 id="targets" className="text-lg font-semibold">RTO and RPO targets</h2>
        {targets.length === 0 ? (
          <EmptyState title="No recovery targets yet">
            {canWrite ? "Add one below, or start from the CryptoPulse guide's defaults." : "Editors and owners can add them."}
          </EmptyState>
        ) : (
          <Table caption="Recovery targets with the last drill and its status" columns={["Component", "Status", "RTO target", "RPO target", "Last drill", "Achieved", "Last alert", "Procedure"]} alignTop>
            {targets.map((t) => {
              const d = t.drill;
              return (
                <tr key={t.id} data-component={t.component}>
                  <th scope="row" className={`${cell} font-medium`}>{t.component}</th>
                  <td className={`${cell} min-w-36`}>
                    <span data-testid="rto-status"><Status status={DRILL_STATUS[d.status]} /></span>
                    {d.reasons.length ? <span className={`block text-xs ${muted}`}>{d.reasons.map((r) => REASONS[r]).join("; ")}</span> : null}
                    {d.dueAt ? <span className={`block text-xs ${muted}`}>next drill by <DateTime at={d.dueAt} dateOnly /></span> : null}
                  </td>
                  <td className={cell}>{formatDuration(t.rtoSeconds)}</td>
                  <td className={cell}>{t.rpoSeconds === null ? "—" : formatDuration(t.rpoSeconds)}</td>
                  <td className={`${cell} whitespace-nowrap`}>
                    {d.lastDrill ? (
                      <>
                        {d.lastDrill.finishedAt ? <DateTime at={d.lastDrill.finishedAt} /> : "—"}
                        {d.lastDrill.status === "failed" ? <span className={`block text-xs ${muted}`}>Failed</span> : null}
                      </>
                    ) : (
                      "Never"
                    )}
                  </td>
                  <td className={cell}>
                    {d.lastDrill ? (
                      <>
                        <span className="block">RTO {formatDuration(d.achievedRtoSeconds)}</span>
                        <span className={`block text-xs ${muted}`}>RPO {formatDuration(d.achievedRpoSeconds)}</span>
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className={`${cell} min-w-56`}>
                    <LastAlert notice={notices.get(subjectKey("drill", t.component))} />
                  </td>
                  <td className={`${cell} min-w-48`}>
                    <details>
                      <summary aria-label={`Procedure for ${t.component}`} className="cursor-pointer text-sky-700 dark:text-sky-400">Procedure</summary>
                      <div className="mt-2"><Procedure markdown={t.procedure} /></div>
                    </details>
                  </td>
                </tr>
              );
            })}
          </Table>
        )}
      </section>

      <section aria-labelledby="monitors" className="space-y-3">
        <h2 id="monitors" className="text-lg font-semibold">Backup monitors</h2>
        {monitors.length === 0 ? (
          <EmptyState title="No backup monitors yet">
            A monitor expects a backup every interval and gives the backup script a ping URL.{canWrite ? " Add one below." : ""}
          </EmptyState>
        ) : (
          <ul className="space-y-3">
            {monitors.map((m) => (
              <li key={m.id} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-monitor={m.component}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h3 className="font-medium">{m.component}</h3>
                  <span data-testid="backup-status"><Status status={backupStatusWord(m.backup)} /></span>
                </div>
                <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
                  <dt className={muted}>Expected</dt>
                  <dd>every {formatDuration(m.intervalSeconds)}, grace {formatDuration(m.graceSeconds)}</dd>
                  <dt className={muted}>Last backup</dt>
                  <dd>
                    {m.backup.lastBackupAt ? <RelativeTime at={m.backup.lastBackupAt} now={now} /> : "Never"}
                    {m.backup.status === "failing" ? " (failed)" : ""}
                  </dd>
                  <dt className={muted}>Last success</dt>
                  <dd>{m.backup.lastSuccessAt ? <RelativeTime at={m.backup.lastSuccessAt} now={now} /> : "Never"}</dd>
                  {m.backup.overdueBySeconds !== null ? (
                    <>
                      <dt className={muted}>Was due</dt>
                      <dd><DateTime at={m.backup.dueAt} /></dd>
                    </>
                  ) : (
                    <>
                      <dt className={muted}>Next due</dt>
                      <dd><RelativeTime at={m.backup.dueAt} now={now} /></dd>
                    </>
                  )}
                  <dt className={muted}>Last alert</dt>
                  <dd className="col-span-1 sm:col-span-3">
                    <LastAlert notice={notices.get(subjectKey("backup", m.component))} />
                  </dd>
                  {m.runStartedAt ? (
                    <>
                      <dt className={muted}>Running</dt>
                      <dd>started <RelativeTime at={m.runStartedAt} now={now} /></dd>
                    </>
                  ) : null}
                </dl>
                {m.pingUrl ? <PingInstructions pingUrl={m.pingUrl} component={m.component} /> : null}
                {m.pingUrlUnavailable ? (
                  <p className={`mt-2 text-sm ${muted}`}>
                    The ping URL cannot be shown: it was sealed under another <code>NEXTAUTH_SECRET</code>. Replace it to get a new one.
                  </p>
                ) : null}
                {canWrite ? (
                  <details className="mt-2 text-sm">
                    <summary className="cursor-pointer text-sky-700 dark:text-sky-400">Replace the ping URL or remove the monitor<span className="sr-only"> of {m.component}</span></summary>
                    <p className={`my-2 ${muted}`}>Replace a URL that leaked or cannot be shown: the old URL stops working at once.</p>
                    <ActionForm action={rotatePingAction.bind(null, slug, m.component)} submitLabel={`Replace the ping URL of ${m.component}`} variant="danger" inline />
                    <p className={`my-2 ${muted}`}>Remove the monitor of a store that is gone: its backups stay in the log.</p>
                    <ActionForm action={removeMonitorAction.bind(null, slug, m.component)} submitLabel={`Remove the monitor of ${m.component}`} variant="danger" inline />
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <DeliveriesLink href={reader.deliveriesHref} serviceName={found.name} />

      {canWrite ? (
        <section aria-labelledby="edit" className="space-y-4">
          <h2 id="edit" className="text-lg font-semibold">Record and configure</h2>
          <LogEventForm slug={slug} components={components} corrections={corrections} correct={log.events.some((e) => e.id === correct) ? correct : undefined} />
          <div className="grid gap-4 lg:grid-cols-2">
            <TargetForm slug={slug} components={components} targets={targets.map((t) => t.component)} />
            <MonitorForm slug={slug} components={components} />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="history" className="space-y-3">
        <h2 id="history" className="text-lg font-semibold">Backup duration and size</h2>
        {byComponent.size === 0 ? (
          <p className={`text-sm ${muted}`}>No successful backups in the last 120 days.</p>
        ) : (
          <div className="grid gap-6 lg:grid-cols-2">
            {[...byComponent].map(([component, points]) => (
              <div key={component} className="min-w-0 space-y-2">
                <h3 className="font-medium">{component}</h3>
                <BackupChart component={component} points={points} />
                <details>
                  <summary className="cursor-pointer text-sm text-sky-700 dark:text-sky-400">{component}: the {points.length} backups as a table</summary>
                  <Table caption={`Successful backups of ${component}, oldest first`} columns={["Finished", "Duration", "Size"]}>
                    {points.map((p) => (
                      <tr key={p.t}>
                        <td className={`${cell} whitespace-nowrap`}><DateTime at={p.t} /></td>
                        <td className={cell}>{p.durationMin === null ? "—" : `${p.durationMin} min`}</td>
                        <td className="py-2">{p.sizeMiB === null ? "—" : `${p.sizeMiB} MiB`}</td>
                      </tr>
                    ))}
                  </Table>
                </details>
              </div>
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="log" className="space-y-3">
        <h2 id="log" className="text-lg font-semibold">Backup and restore log</h2>
        <FilterForm className="grid gap-3 sm:grid-cols-4" aria-label="Filter the log" action={`/services/${slug}/recovery#log`}>
          <SelectField label="Component" name="component" id="filter-component" defaultValue={filter.component ?? ""}>
            <option value="">all</option>
            {components.map((c) => (
              <option key={c} value={c}>{c}</option>
            ))}
          </SelectField>
          <SelectField label="Kind" name="kind" id="filter-kind" defaultValue={filter.kind ?? ""}>
            <option value="">all</option>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>{KIND_LABEL[k]}</option>
            ))}
          </SelectField>
          <SelectField label="Outcome" name="status" id="filter-status" defaultValue={filter.status ?? ""}>
            <option value="">all</option>
            <option value="success">{ENTRY_STATUS.success.text}</option>
            <option value="failed">{ENTRY_STATUS.failed.text}</option>
          </SelectField>
          <div className="flex items-end gap-2">
            <Button type="submit" variant="secondary">Filter</Button>
            <Link href={`/services/${slug}/recovery#log`} className="pb-1.5 text-sm text-sky-700 underline dark:text-sky-400">Clear</Link>
          </div>
        </FilterForm>
        {log.total === 0 ? (
          <EmptyState title={filter.component || filter.kind || filter.status ? "No entries match these filters" : "The log is empty"}>
            Backups arrive through the ping URLs or the API; drills and restore tests are logged here or through the API.
          </EmptyState>
        ) : (
          <>
            <Table caption="Backup and restore log, newest first" columns={["Finished", "Outcome", "Component", "Kind", "Duration", "Size", "Artifact", "Reported by", "Notes"]} alignTop>
              {log.events.map((e) => (
                <tr key={e.id} className={e.correctedById ? "opacity-60" : ""}>
                  <td className={`${cell} whitespace-nowrap`}>
                    {e.finishedAt ? <DateTime at={e.finishedAt} /> : "—"}
                    {canWrite ? (
                      <Link href={correctHref(e.id)} className="block text-xs text-sky-700 underline dark:text-sky-400">
                        Correct<span className="sr-only"> {recoveryEntryName(e)}</span>
                      </Link>
                    ) : null}
                  </td>
                  <td className={`${cell} whitespace-nowrap`}><Status status={ENTRY_STATUS[e.status]} /></td>
                  <td className={`${cell} min-w-24`}>{e.component}</td>
                  <td className={cell}>{KIND_LABEL[e.kind]}</td>
                  <td className={`${cell} whitespace-nowrap`}>
                    {formatDuration(e.durationSeconds)}
                    {e.achievedRpoSeconds !== null ? <span className={`block text-xs ${muted}`}>RPO {formatDuration(e.achievedRpoSeconds)}</span> : null}
                  </td>
                  <td className={`${cell} whitespace-nowrap`}>{formatBytes(e.sizeBytes)}</td>
                  <td className={`${cell} min-w-40 max-w-64 text-xs`}>
                    {e.location ? <span className="block"><ShortValue value={e.location} label={`the location of ${recoveryEntryName(e)}`} /></span> : "—"}
                    {e.checksum ? (
                      <span className={`block ${muted}`}>
                        <ShortValue value={e.checksum} label={`the checksum of ${recoveryEntryName(e)}`} max={22} />
                      </span>
                    ) : null}
                  </td>
                  <td className={`${cell} min-w-32 text-xs`}>
                    {e.reportedBy}
                    <span className={`block ${muted}`}>via {e.source}</span>
                  </td>
                  <td className="min-w-48 max-w-72 py-2 text-xs">
                    {e.correctedById ? <span className="block font-medium">Corrected by {nameOf(e.correctedById)}: no longer counts.</span> : null}
                    {e.correctsId ? <span className="block font-medium">Corrects {nameOf(e.correctsId)}.</span> : null}
                    {e.notes ? <span className="block">{e.notes}</span> : null}
                    {e.logExcerpt ? (
                      <details>
                        <summary className="cursor-pointer text-sky-700 dark:text-sky-400">Log excerpt</summary>
                        <ScrollBox label="Log excerpt" className="mt-1 max-h-48 overflow-auto rounded bg-zinc-100 p-2 dark:bg-zinc-900">
                          <pre className="whitespace-pre-wrap font-mono">{e.logExcerpt}</pre>
                        </ScrollBox>
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))}
            </Table>
            <nav aria-label="Log pages" className="flex items-center gap-4 text-sm">
              {log.page > 1 ? <Link href={pageHref(log.page - 1)} className="text-sky-700 underline dark:text-sky-400">Newer entries</Link> : null}
              <span className={muted}>
                Page {log.page} of {log.pages} ({log.total} entries)
              </span>
              {log.page < log.pages ? <Link href={pageHref(log.page + 1)} className="text-sky-700 underline dark:text-sky-400">Older entries</Link> : null}
            </nav>
          </>
        )}
      </section>
    </div>
  );
}
