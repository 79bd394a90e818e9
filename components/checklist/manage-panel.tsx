import { ActionForm } from "@/components/ui/action-form";
import { SelectField, TextField } from "@/components/ui/field";
import { addCustomItemAction, applyTemplateAction, removeTemplateAction, resyncAction } from "@/app/services/[slug]/actions";

/** Editors: apply templates, add a custom item, re-sync with the templates. */
export function ManageChecklistPanel({ slug, available, applied }: { slug: string; available: { key: string; name: string }[]; applied: { key: string; name: string }[] }) {
  return (
    <details id="manage-checklist" className="scroll-mt-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <summary className="cursor-pointer font-semibold">Manage this checklist</summary>
      <div className="mt-4 grid gap-6 md:grid-cols-2 xl:grid-cols-4">
        <section aria-labelledby="apply-template" className="space-y-2">
          <h3 id="apply-template" className="font-medium">Apply a template</h3>
          {available.length ? (
            <ActionForm action={applyTemplateAction.bind(null, slug)} submitLabel="Apply template">
              <SelectField label="Template" name="template" id="apply-template-select">
                {available.map((t) => (
                  <option key={t.key} value={t.key}>{t.name}</option>
                ))}
              </SelectField>
            </ActionForm>
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Every template is applied already.</p>
          )}
        </section>
        <section aria-labelledby="custom-item" className="space-y-2">
          <h3 id="custom-item" className="font-medium">Add a custom item</h3>
          <ActionForm action={addCustomItemAction.bind(null, slug)} submitLabel="Add item">
            <TextField label="Title" name="title" id="custom-title" required minLength={3} maxLength={200} />
            <TextField label="Section" name="section" id="custom-section" placeholder="Custom" />
            <SelectField label="Severity" name="severity" id="custom-severity" defaultValue="medium">
              <option value="critical">critical</option>
              <option value="high">high</option>
              <option value="medium">medium</option>
              <option value="low">low</option>
            </SelectField>
            <SelectField label="Required for readiness" name="required" id="custom-required" defaultValue="on">
              <option value="on">yes</option>
              <option value="off">no (optional)</option>
            </SelectField>
          </ActionForm>
        </section>
        <section aria-labelledby="remove-template" className="space-y-2">
          <h3 id="remove-template" className="font-medium">Remove a template</h3>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Its untouched items go. Items with a tick, a note or evidence stay, as custom items.
          </p>
          {/* The form stays when the last template goes, so its outcome stays on the page. */}
          <ActionForm action={removeTemplateAction.bind(null, slug)} submitLabel="Remove template" variant="danger" disabled={applied.length === 0}>
            {applied.length ? (
              <SelectField label="Template to remove" name="template" id="remove-template-select">
                {applied.map((t) => (
                  <option key={t.key} value={t.key}>{t.name}</option>
                ))}
              </SelectField>
            ) : (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">No template is applied.</p>
            )}
          </ActionForm>
        </section>
        <section aria-labelledby="resync" className="space-y-2">
          <h3 id="resync" className="font-medium">Re-sync with templates</h3>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Adds items the templates gained and archives items they dropped. Ticks, notes and evidence are kept.
          </p>
          <ActionForm action={resyncAction.bind(null, slug)} submitLabel="Re-sync now" variant="secondary" />
        </section>
      </div>
    </details>
  );
}
