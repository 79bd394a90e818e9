import { ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import { MaintenanceIcon } from "./maintenance-icon";
import { DateTime } from "@/components/ui/time";
import { deleteWindowAction, endWindowAction, scheduleWindowAction } from "@/app/services/[slug]/maintenance-actions";
import { formatSpan, inMaintenanceText } from "@/lib/maintenance/present";
import { MAX_WINDOW_DAYS, REASON_MAX, type MaintenanceWindowRow } from "@/lib/maintenance/schemas";
import type { ServiceWindows } from "@/lib/maintenance/windows";

const MUTED = "text-sm text-zinc-600 dark:text-zinc-400";

/** The open window: until when and why, what it means, and "End now" for editors. */
function OpenWindow({ slug, window, canManage, now }: { slug: string; window: MaintenanceWindowRow; canManage: boolean; now: Date }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border-2 border-sky-400 bg-sky-50 px-4 py-3 text-sky-950 dark:border-sky-600 dark:bg-sky-950 dark:text-sky-50" data-testid="maintenance-open">
      <div className="min-w-0 space-y-1">
        <p className="break-words font-semibold">
          <MaintenanceIcon /> {inMaintenanceText(window.endsAt, now)} — {window.reason}
        </p>
        <p className="text-sm text-sky-900 dark:text-sky-200">
          Check alerts are held back and probes are left out of uptime until then. Started <DateTime at={window.startsAt} />
          {window.createdBy ? ` by ${window.createdBy}` : ""}.
        </p>
      </div>
      {canManage ? (
        <ActionForm action={endWindowAction.bind(null, slug, window.id)} submitLabel="End now" submitAriaLabel="End this maintenance now" pendingLabel="Ending…" variant="secondary" inline />
      ) : null}
    </div>
  );
}

/**
 * The service's maintenance: the window open now, upcoming and recent windows, and (for owners and
 * editors) the schedule form, "End now" and deleting an upcoming window. Viewers see the same lists.
 */
export function MaintenancePanel({ slug, windows, canManage, now }: { slug: string; windows: ServiceWindows; canManage: boolean; now: Date }) {
  return (
    <section id="maintenance" aria-labelledby="maintenance-heading" className="scroll-mt-4 space-y-3">
      <h2 id="maintenance-heading" className="text-lg font-semibold">
        Maintenance
      </h2>
      <p className={MUTED}>
        While a maintenance window is open, this service&apos;s check alerts are held back and its probes are left out of uptime. An outage still open when the window ends is alerted then.
      </p>
      {windows.open ? <OpenWindow slug={slug} window={windows.open} canManage={canManage} now={now} /> : <p className={MUTED}>Not in maintenance now.</p>}
      <div className="space-y-2">
        <h3 className="text-sm font-medium">Upcoming</h3>
        {windows.upcoming.length ? (
          <ul aria-label="Upcoming maintenance" className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {windows.upcoming.map((w) => (
              <li key={w.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
                <span className="min-w-0 break-words">
                  <span className="font-medium tabular-nums">{formatSpan(w.startsAt, w.endsAt)}</span> — {w.reason}
                  {w.createdBy ? <span className="text-zinc-600 dark:text-zinc-400"> (scheduled by {w.createdBy})</span> : null}
                </span>
                {canManage ? (
                  <ActionForm action={deleteWindowAction.bind(null, slug, w.id)} submitLabel="Delete" submitAriaLabel={`Delete maintenance of ${formatSpan(w.startsAt, w.endsAt)}`} pendingLabel="Deleting…" variant="danger" inline />
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className={MUTED}>No maintenance scheduled.</p>
        )}
      </div>
      {canManage ? (
        <details className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          <summary className="cursor-pointer font-semibold">Schedule maintenance</summary>
          <ActionForm action={scheduleWindowAction.bind(null, slug)} submitLabel="Schedule maintenance" pendingLabel="Scheduling…" className="mt-4">
            <div className="grid gap-3 sm:grid-cols-3">
              <TextField label="Start (UTC)" name="startsAt" id="maintenance-start" type="datetime-local" hint="blank: now" />
              <TextField label="End (UTC)" name="endsAt" id="maintenance-end" type="datetime-local" hint="or give a duration" />
              <TextField label="Duration (minutes)" name="durationMinutes" id="maintenance-duration" type="number" min={1} step="any" hint={`at most ${MAX_WINDOW_DAYS} days`} />
            </div>
            <TextField label="Reason" name="reason" id="maintenance-reason" required maxLength={REASON_MAX} placeholder="Database upgrade to PostgreSQL 17" />
          </ActionForm>
        </details>
      ) : null}
      <div className="space-y-2">
        <h3 className="text-sm font-medium">Recent</h3>
        {windows.recent.length ? (
          <Table caption="Maintenance windows of the last 30 days, newest first" columns={["When", "Reason"]} alignTop>
            {windows.recent.map((w) => (
              <tr key={w.id}>
                <td className="py-2 pr-3 tabular-nums sm:whitespace-nowrap">{formatSpan(w.startsAt, w.endsAt)}</td>
                <td className="break-words py-2">
                  {w.reason}
                  {w.createdBy ? <span className="block text-xs text-zinc-600 dark:text-zinc-400">scheduled by {w.createdBy}</span> : null}
                </td>
              </tr>
            ))}
          </Table>
        ) : (
          <p className={MUTED}>No maintenance in the last 30 days.</p>
        )}
      </div>
    </section>
  );
}
