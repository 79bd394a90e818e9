"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentActor, requestIp } from "@/lib/auth/request";
import { formStateFromError, runFormAction, type FormState } from "@/lib/http/form-state";
import { deleteService, moveService, updateService } from "@/lib/services/manage";

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

export async function updateServiceAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return runFormAction(`/services/${slug}`, async ({ actor, audit }) => {
    revalidatePath(`/services/${slug}`, "layout");
    await updateService(
      actor,
      slug,
      {
        name: text(form, "name"),
        description: text(form, "description"),
        tier: text(form, "tier"),
        environment: text(form, "environment"),
        tags: text(form, "tags").split(",").map((t) => t.trim()).filter(Boolean),
        owner: text(form, "owner"),
        onCall: text(form, "onCall"),
        runbookUrl: text(form, "runbookUrl"),
        repositoryUrl: text(form, "repositoryUrl"),
      },
      audit,
    );
    return "Saved.";
  });
}

export async function setArchivedAction(slug: string, archived: boolean, _prev: FormState, _form: FormData): Promise<FormState> {
  return runFormAction(`/services/${slug}`, async ({ actor, audit }) => {
    revalidatePath("/", "layout");
    await updateService(actor, slug, { archived }, audit);
    return archived ? "Archived: the service is hidden from the board. Restore it here at any time." : "Restored: the service is back on the board.";
  });
}

export async function moveServiceAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return runFormAction(`/services/${slug}`, async ({ actor, audit }) => {
    revalidatePath("/", "layout");
    const moved = await moveService(actor, slug, { team: text(form, "team") }, audit);
    return `Moved to ${moved.team.name}.`;
  });
}

/** Deletes for good after the slug was typed; then the board. */
export async function deleteServiceAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await currentActor();
  if (!actor) return { error: "Your session has ended. Sign in again." };
  try {
    await deleteService(actor, slug, { confirm: text(form, "confirm") }, { ip: await requestIp() });
  } catch (err) {
    return formStateFromError(err);
  }
  revalidatePath("/", "layout");
  redirect("/");
}
