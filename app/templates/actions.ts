"use server";

import { revalidatePath } from "next/cache";
import { currentActor, requestIp } from "@/lib/auth/request";
import { ApiError, unstorableInput } from "@/lib/http/errors";
import { importTemplate } from "@/lib/templates/manage";

export interface ImportState {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
}

export async function importTemplateAction(_prev: ImportState, form: FormData): Promise<ImportState> {
  const actor = await currentActor();
  if (!actor) return { error: "Your session has ended. Sign in again." };
  const file = form.get("file");
  let text = String(form.get("text") ?? "");
  let name = "pasted.yaml";
  if (file instanceof File && file.size > 0) {
    if (file.size > 1_000_000) return { error: "The file is too large (1 MB at most)." };
    text = await file.text();
    name = file.name;
  }
  if (!text.trim()) return { error: "Choose a file or paste the template." };
  try {
    const r = await importTemplate(actor, text, name, { ip: await requestIp() });
    revalidatePath("/templates");
    return {
      ok: true,
      message: `${r.created ? "Imported" : "Updated"} template "${r.key}": ${r.itemsAdded} added, ${r.itemsUpdated} updated, ${r.itemsArchived} archived; ${r.servicesResynced} service(s) re-synced.`,
    };
  } catch (err) {
    if (err instanceof ApiError) return { error: err.message, fieldErrors: Object.fromEntries((err.issues ?? []).map((i) => [i.path, i.message])) };
    const unstorable = unstorableInput(err);
    if (unstorable) return { error: unstorable.message };
    throw err;
  }
}
