/** Server actions behind forms: the signed-in actor, errors from lib/ shown next to the fields. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionFormState } from "@/components/ui/action-form";
import type { Actor } from "@/lib/auth/actor";
import { currentActor, requestIp } from "@/lib/auth/request";
import { ApiError, zodIssues } from "./errors";

/** A refusal from lib/ as the state a form shows next to its fields; anything else is rethrown. */
export function formStateFromError(err: unknown): ActionFormState {
  if (err instanceof ApiError) return { error: err.message, fieldErrors: Object.fromEntries((err.issues ?? []).map((i) => [i.path, i.message])) };
  if (err instanceof z.ZodError) return { error: "Please correct the form.", fieldErrors: Object.fromEntries(zodIssues(err).map((i) => [i.path, i.message])) };
  throw err;
}

/** Runs `fn` for the signed-in user; its message is the success text; `revalidate` is re-rendered after. */
export async function runFormAction(revalidate: string, fn: (ctx: { actor: Actor; audit: { ip: string } }) => Promise<string>): Promise<ActionFormState> {
  const actor = await currentActor();
  if (!actor) return { error: "Your session has ended. Sign in again." };
  try {
    const message = await fn({ actor, audit: { ip: await requestIp() } });
    revalidatePath(revalidate);
    return { ok: true, message };
  } catch (err) {
    return formStateFromError(err);
  }
}
