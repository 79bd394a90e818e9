"use server";

import { runFormAction, type FormState } from "@/lib/http/form-state";
import { removeTemplateFromService } from "@/lib/checklists/remove";
import { addCustomItem, applyTemplateToService, resyncService } from "@/lib/templates/manage";

const run = (slug: string, fn: Parameters<typeof runFormAction>[1]) => runFormAction(`/services/${slug}`, fn);

export async function applyTemplateAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, audit }) => {
    const { itemsAdded } = await applyTemplateToService(actor, slug, String(form.get("template") ?? ""), audit);
    return `Template applied: ${itemsAdded} item(s) added.`;
  });
}

export async function resyncAction(slug: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, audit }) => {
    const r = await resyncService(actor, slug, audit);
    return `Re-synced: ${r.added} added, ${r.updated} updated, ${r.archived} archived. Ticked state is kept.`;
  });
}

export async function addCustomItemAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, audit }) => {
    const item = await addCustomItem(
      actor,
      slug,
      {
        title: String(form.get("title") ?? ""),
        guidance: String(form.get("guidance") ?? ""),
        severity: String(form.get("severity") ?? "medium"),
        required: form.get("required") === "on",
        section: String(form.get("section") ?? "").trim() || "Custom",
      },
      audit,
    );
    return `Added "${item.title}" to the checklist.`;
  });
}

export async function removeTemplateAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, audit }) => {
    const r = await removeTemplateFromService(actor, slug, String(form.get("template") ?? ""), audit);
    const kept = r.kept.length
      ? ` ${r.kept.length} item(s) with a tick, a note or evidence were kept as custom items: ${r.kept.map((i) => i.title).join(", ")}.`
      : "";
    return `Template removed: ${r.removed} untouched item(s) removed.${kept}`;
  });
}
