import { ActionForm } from "@/components/ui/action-form";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { deleteCheckAction, setCheckEnabledAction, updateCheckAction } from "@/app/services/[slug]/check-actions";
import type { PublicCheck } from "@/lib/checks/public";
import { CheckFields } from "./check-fields";

const disclosure = "cursor-pointer text-sm font-medium text-sky-800 hover:underline dark:text-sky-300";

/** Editors and owners: edit every setting, pause or resume, delete after a confirmation step. */
export function CheckControls({ slug, check }: { slug: string; check: PublicCheck }) {
  return (
    <div className="space-y-3 border-t border-zinc-100 pt-3 dark:border-zinc-900">
      <details>
        <summary className={disclosure}>Edit settings</summary>
        <ActionForm action={updateCheckAction.bind(null, slug, check.id)} submitLabel="Save changes" pendingLabel="Saving…" className="mt-3">
          <CheckFields idPrefix={`edit-${check.id}`} check={check} />
        </ActionForm>
      </details>
      <ActionForm
        action={setCheckEnabledAction.bind(null, slug, check.id, !check.enabled)}
        submitLabel={check.enabled ? "Pause checking" : "Resume checking"}
        variant="secondary"
        inline
      />
      <ConfirmAction label="Delete this check…" action={deleteCheckAction.bind(null, slug, check.id)} confirmLabel="Yes, delete this check">
        This removes the check with its probe history and incidents. It cannot be undone.
      </ConfirmAction>
    </div>
  );
}
