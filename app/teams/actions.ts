"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentActor, requestIp } from "@/lib/auth/request";
import { formStateFromError, runFormAction, type FormState } from "@/lib/http/form-state";
import { createTeam, createTeamSchema, deleteTeam, deleteTeamSchema, renameTeam, renameTeamSchema } from "@/lib/teams/manage";

/** Instance admins: a new team with them as its owner; on success, its page. */
export async function createTeamAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await currentActor();
  if (!actor) return { error: "Your session has ended. Sign in again." };
  let slug: string;
  try {
    const input = createTeamSchema.parse({ name: form.get("name") ?? "", slug: String(form.get("slug") ?? "").trim() || undefined });
    slug = (await createTeam(actor, input, { ip: await requestIp() })).slug;
  } catch (err) {
    return formStateFromError(err);
  }
  redirect(`/teams/${slug}`);
}

export async function renameTeamAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return runFormAction("/teams", async ({ actor, audit }) => {
    revalidatePath("/", "layout");
    const team = await renameTeam(actor, slug, renameTeamSchema.parse({ name: form.get("name") ?? "" }), audit);
    return `Team renamed to "${team.name}".`;
  });
}

export async function deleteTeamAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return runFormAction("/teams", async ({ actor, audit }) => {
    const confirm = form.get("confirm");
    revalidatePath("/", "layout");
    const result = await deleteTeam(actor, slug, deleteTeamSchema.parse(typeof confirm === "string" ? { confirm } : {}), audit);
    return result.archived
      ? `Team ${slug} archived with its ${result.services.length} ${result.services.length === 1 ? "service" : "services"}.`
      : `Team ${slug} deleted.`;
  });
}
