"use server";

import { runFormAction, type FormState } from "@/lib/http/form-state";
import { updateStatusPageSettings } from "@/lib/status-page/settings";

/** Publish or unpublish the team's status page, its title and services (owners; lib/status-page/settings.ts). */
export async function saveStatusPageAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return runFormAction(`/teams/${slug}/status-page`, async ({ actor, audit }) => {
    const settings = await updateStatusPageSettings(
      actor,
      slug,
      { published: form.get("published") === "on", title: String(form.get("title") ?? ""), serviceIds: form.getAll("serviceIds").map(String) },
      audit,
    );
    return settings.published ? `Published: /status/${slug} lists ${settings.serviceIds.length} ${settings.serviceIds.length === 1 ? "service" : "services"}.` : "Saved. The status page is not published.";
  });
}
