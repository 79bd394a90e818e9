"use server";

import { revalidatePath } from "next/cache";
import { currentActor, requestIp } from "@/lib/auth/request";
import { ApiError, zodIssues } from "@/lib/http/errors";
import { z } from "zod";
import { addCustomItem, applyTemplateToService, resyncService } from "@/lib/templates/manage";

export interface ManageState {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
}

async function run(slug: string, fn: (ctx: { actor: NonNullable<Awaited<ReturnType<typeof currentActor>>>; audit: { ip: string } }) => Promise<string>): Promise<ManageState> {
  const actor = await currentActor();
  if (!actor) return { error: "Your session has ended. Sign in again." };
  try {
    const message = await fn({ actor, audit: { ip: await requestIp() } });
    revalidatePath(`/services/${slug}`);
    return { ok: true, message };
  } catch (err) {
    if (err instanceof ApiError) return { error: err.message, fieldErrors: Object.fromEntries((err.issues ?? []).map((i) => [i.path, i.message])) };
    if (err instanceof z.ZodError) return { error: "Please correct the form.", fieldErrors: Object.fromEntries(zodIssues(err).map((i) => [i.path, i.message])) };
    throw err;
  }
}

export async function applyTemplateAction(slug: string, _prev: ManageState, form: FormData): Promise<ManageState> {
  return run(slug, async ({ actor, audit }) => {
    const { itemsAdded } = await applyTemplateToService(actor, slug, String(form.get("template") ?? ""), audit);
    return `Template applied: ${itemsAdded} item(s) added.`;
  });
}

export async function resyncAction(slug: string, _prev: ManageState, _form: FormData): Promise<ManageState> {
  return run(slug, async ({ actor, audit }) => {
    const r = await resyncService(actor, slug, audit);
    return `Re-synced: ${r.added} added, ${r.updated} updated, ${r.archived} archived. Ticked state is kept.`;
  });
}

export async function addCustomItemAction(slug: string, _prev: ManageState, form: FormData): Promise<ManageState> {
  return run(slug, async ({ actor, audit }) => {
    const item = await addCustomItem(
      actor,
      slug,
      {
        title: String(form.get("title") ?? ""),
        guidance: String(form.get("guidance") ?? ""),
        severity: String(form.get("severity") ?? "medium") as "medium",
        required: form.get("required") === "on",
        section: String(form.get("section") ?? "").trim() || "Custom",
      },
      audit,
    );
    return `Added "${item.title}" to the checklist.`;
  });
}
