import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/ui/action-form";
import { TierField } from "@/components/services/tier-field";
import { Alert, SelectField, TextField } from "@/components/ui/field";
import { can } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page";
import { serviceTitle } from "@/lib/pages/titles";
import { findServiceBySlug } from "@/lib/services/lookup";
import { ENVIRONMENTS } from "@/lib/services/manage";
import { loadServiceSettings } from "@/lib/services/settings";
import { deleteServiceAction, moveServiceAction, setArchivedAction, updateServiceAction } from "./actions";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Settings · ${await serviceTitle(slug)}` };
}

const section = "space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800";

export default async function ServiceSettingsPage({ params }: Params) {
  const { slug } = await params;
  const actor = await requirePageActor(`/services/${slug}/settings`);
  const found = await findServiceBySlug(slug);
  if (!found || !can(actor, found.teamId, "team:read")) notFound();
  const { service, owner, memberEmails, moveTargets, canEdit, canArchive, canDelete, tierLimited, reviewRequiredUpToTier } = await loadServiceSettings(actor, found.id);
  const archived = service.archivedAt !== null;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Settings of {service.name}</h1>
      {!canEdit ? <Alert tone="info">Your role may read these settings; editors and owners change them.</Alert> : null}
      {canEdit ? (
        <section aria-labelledby="edit-heading" className={section}>
          <h2 id="edit-heading" className="text-lg font-semibold">About this service</h2>
          <ActionForm action={updateServiceAction.bind(null, service.slug)} submitLabel="Save changes" pendingLabel="Saving…">
            <TextField label="Name" name="name" required maxLength={100} defaultValue={service.name} />
            <TextField label="Description" name="description" maxLength={2000} defaultValue={service.description} />
            <div className="grid gap-4 sm:grid-cols-2">
              <TierField tier={service.tier} items={tierLimited} reviewRequiredUpToTier={reviewRequiredUpToTier} />
              <SelectField label="Environment" name="environment" defaultValue={(ENVIRONMENTS as readonly string[]).includes(service.environment) ? service.environment : "other"}>
                {ENVIRONMENTS.map((e) => (
                  <option key={e} value={e}>{e}</option>
                ))}
              </SelectField>
            </div>
            <TextField label="Tags (comma-separated)" name="tags" defaultValue={service.tags.join(", ")} errorKey="tags" />
            <TextField
              label="Owner"
              name="owner"
              maxLength={200}
              list="owner-members"
              defaultValue={owner?.email ?? owner?.name ?? ""}
              hint="A member's email (suggested as you type) or any name, such as a squad."
            />
            <datalist id="owner-members">
              {memberEmails.map((e) => (
                <option key={e} value={e} />
              ))}
            </datalist>
            <TextField label="On call" name="onCall" maxLength={500} defaultValue={service.onCall ?? ""} hint="A person, a channel, or the rotation's URL (http or https)." />
            <TextField label="Runbook URL" name="runbookUrl" type="url" maxLength={2000} defaultValue={service.runbookUrl ?? ""} placeholder="https://" />
            <TextField label="Repository URL" name="repositoryUrl" type="url" maxLength={2000} defaultValue={service.repositoryUrl ?? ""} placeholder="https://" />
          </ActionForm>
        </section>
      ) : null}
      {canArchive ? (
        <section aria-labelledby="archive-heading" className={section}>
          <h2 id="archive-heading" className="text-lg font-semibold">{archived ? "Restore" : "Archive"}</h2>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            {archived
              ? "This service is archived: hidden from the board and lists, with its checklist and history kept. Restoring puts it back."
              : "Archiving hides the service from the board and lists and keeps everything; its checklist cannot change until it is restored."}
          </p>
          <ActionForm action={setArchivedAction.bind(null, service.slug, !archived)} submitLabel={archived ? "Restore service" : "Archive service"} variant="secondary" />
        </section>
      ) : null}
      {canArchive && moveTargets.length ? (
        <section aria-labelledby="move-heading" className={section}>
          <h2 id="move-heading" className="text-lg font-semibold">Move to another team</h2>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">Its checklist, checks and history move with it. You can move it to teams you own.</p>
          <ActionForm action={moveServiceAction.bind(null, service.slug)} submitLabel="Move service" variant="secondary">
            <SelectField label="New team" name="team">
              {moveTargets.map((t) => (
                <option key={t.slug} value={t.slug}>{t.name}</option>
              ))}
            </SelectField>
          </ActionForm>
        </section>
      ) : null}
      {canDelete ? (
        <section aria-labelledby="delete-heading" className={`${section} border-red-300 dark:border-red-900`}>
          <h2 id="delete-heading" className="text-lg font-semibold text-red-800 dark:text-red-300">Delete for good</h2>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            Deletes the service with its checklist, checks, thresholds and recovery log. Its audit entries are kept. To keep it instead, archive it.
          </p>
          <ActionForm action={deleteServiceAction.bind(null, service.slug)} submitLabel="Delete service" variant="danger">
            <TextField label={`Type the slug, ${service.slug}, to confirm`} name="confirm" id="confirm-delete" required autoComplete="off" />
          </ActionForm>
        </section>
      ) : null}
    </div>
  );
}
