import { ActionForm } from "@/components/ui/action-form";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { addDefaultTargetsAction, addMonitorAction, logEventAction, removeTargetAction, saveTargetAction } from "@/app/services/[slug]/recovery/actions";
import { CRYPTOPULSE_RTO_TARGETS } from "@/lib/recovery/defaults";
import type { CorrectionChoice } from "@/lib/recovery/entry-name";

function ComponentField({ id, components, label = "Component" }: { id: string; components: string[]; label?: string }) {
  return (
    <>
      <TextField label={label} name="component" id={id} required maxLength={80} list={`${id}-options`} autoComplete="off" />
      <datalist id={`${id}-options`}>
        {components.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
    </>
  );
}

/**
 * Editors and owners: log a drill, restore test or backup. Times are UTC, like the log. A correction
 * names the entry it corrects by what it was (`corrections`: the log's entries on screen), never by id;
 * `correct` is the one the log's "Correct" link chose, and opens the form.
 */
export function LogEventForm({ slug, components, corrections = [], correct }: { slug: string; components: string[]; corrections?: { group: string; choices: CorrectionChoice[] }[]; correct?: string }) {
  return (
    <details className="group space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800" open={correct ? true : undefined}>
      <summary className="cursor-pointer font-semibold">
        <h3 id="log-event" className="inline">Log a drill, restore test or backup</h3>
      </summary>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Entries are never changed afterwards: to fix one, log a new entry that names it under “Corrects”
        (or follow “Correct” beside it in the log). Give two of start, end and duration: the third follows.
      </p>
      <ActionForm action={logEventAction.bind(null, slug)} submitLabel="Log entry" pendingLabel="Logging…">
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField label="Kind" name="kind" id="event-kind" defaultValue="drill">
            <option value="drill">Restore drill</option>
            <option value="restore-test">Restore test</option>
            <option value="backup">Backup</option>
          </SelectField>
          <ComponentField id="event-component" components={components} />
          <SelectField label="Outcome" name="status" id="event-status" defaultValue="success">
            <option value="success">Succeeded</option>
            <option value="failed">Failed</option>
          </SelectField>
          <TextField label="Started at (UTC)" name="startedAt" id="event-started" type="datetime-local" hint="blank: end − duration" />
          <TextField label="Duration (minutes)" name="durationMinutes" errorKey="durationSeconds" id="event-duration" type="number" min={0} step="any" hint="with a start or an end" />
          <TextField label="Ended at (UTC)" name="finishedAt" id="event-finished" type="datetime-local" hint="blank: start + duration, or now" />
          <TextField label="Data restored to (UTC)" name="restoredToAt" id="event-restored" type="datetime-local" hint="drills and restore tests: gives the achieved RPO" />
          <TextField label="Size (MiB)" name="sizeMiB" errorKey="sizeBytes" id="event-size" type="number" min={0} step="any" />
          <TextField label="Location or artifact" name="location" id="event-location" maxLength={500} />
          <TextField label="Checksum" name="checksum" id="event-checksum" maxLength={200} />
          {/* Keyed by the choice: a "Correct" link navigates in place, and a mounted select keeps its first default. */}
          <SelectField key={correct ?? ""} label="Corrects" name="correctsId" id="event-corrects" defaultValue={correct ?? ""} hint="only for corrections: the entry this one replaces">
            <option value="">nothing (a new entry)</option>
            {corrections.map(({ group, choices }) => (
              <optgroup key={group} label={group}>
                {choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
        </div>
        <TextAreaField label="Notes" id="event-notes" name="notes" rows={2} maxLength={4000} />
      </ActionForm>
    </details>
  );
}

export function TargetForm({ slug, components, targets }: { slug: string; components: string[]; targets: string[] }) {
  return (
    <details className="group space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <summary className="cursor-pointer font-semibold">
        <h3 id="target-form" className="inline">Add or change an RTO/RPO target</h3>
      </summary>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        A component that already has a target gets the new values. Defaults from the CryptoPulse guide:{" "}
        {CRYPTOPULSE_RTO_TARGETS.map((t) => `${t.component} ${t.rtoSeconds / 60} min`).join(", ")}.
      </p>
      <ActionForm action={addDefaultTargetsAction.bind(null, slug)} submitLabel="Add the default targets" variant="secondary" inline />
      <ActionForm action={saveTargetAction.bind(null, slug)} submitLabel="Save target" pendingLabel="Saving…">
        <div className="grid gap-3 sm:grid-cols-4">
          <ComponentField id="target-component" components={[...new Set([...CRYPTOPULSE_RTO_TARGETS.map((t) => t.component), ...components])]} />
          <TextField label="RTO (minutes)" name="rtoMinutes" errorKey="rtoSeconds" id="target-rto" type="number" min={0.1} step="any" required />
          <TextField label="RPO (hours)" name="rpoHours" errorKey="rpoSeconds" id="target-rpo" type="number" min={0} step="any" hint="blank: no RPO check" />
          <TextField label="Drill every (days)" name="drillIntervalDays" id="target-interval" type="number" min={1} max={3650} defaultValue={90} />
        </div>
        <TextAreaField label="Recovery procedure (Markdown)" id="target-procedure" name="procedure" rows={4} maxLength={20000} className="font-mono" />
      </ActionForm>
      {targets.length ? (
        <ActionForm action={removeTargetAction.bind(null, slug)} submitLabel="Remove target" variant="danger" inline>
          <SelectField label="Remove the target of" name="component" id="target-remove">
            {targets.map((t) => (
              <option key={t} value={t}>{t}</option>
            ))}
          </SelectField>
        </ActionForm>
      ) : null}
    </details>
  );
}

export function MonitorForm({ slug, components }: { slug: string; components: string[] }) {
  return (
    <details className="group space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <summary className="cursor-pointer font-semibold">
        <h3 id="monitor-form" className="inline">Add a backup monitor</h3>
      </summary>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Gives the component a ping URL for its backup script. Without a successful ping within the interval plus the grace
        period, the backup is overdue and the service is not ready.
      </p>
      <ActionForm action={addMonitorAction.bind(null, slug)} submitLabel="Add monitor" pendingLabel="Adding…">
        <div className="grid gap-3 sm:grid-cols-3">
          <ComponentField id="monitor-component" components={components} />
          <TextField label="Expected every (hours)" name="intervalHours" errorKey="intervalSeconds" id="monitor-interval" type="number" min={0.02} step="any" defaultValue={24} />
          <TextField label="Grace period (minutes)" name="graceMinutes" errorKey="graceSeconds" id="monitor-grace" type="number" min={0} step="any" defaultValue={60} />
        </div>
      </ActionForm>
    </details>
  );
}
