"use server";

import { ApiError } from "@/lib/http/errors";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { importTemplate } from "@/lib/templates/manage";

export async function importTemplateAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runFormAction("/templates", async ({ actor, audit }) => {
    const file = form.get("file");
    let text = String(form.get("text") ?? "");
    let name = "pasted.yaml";
    if (file instanceof File && file.size > 0) {
      if (file.size > 1_000_000) throw new ApiError("bad_request", "The file is too large (1 MB at most).");
      text = await file.text();
      name = file.name;
    }
    if (!text.trim()) throw new ApiError("bad_request", "Choose a file or paste the template.");
    const r = await importTemplate(actor, text, name, audit);
    return `${r.created ? "Imported" : "Updated"} template "${r.key}": ${r.itemsAdded} added, ${r.itemsUpdated} updated, ${r.itemsArchived} archived; ${r.servicesResynced} service(s) re-synced.`;
  });
}
