/** What a server action answers to its form (components/ui/action-form.tsx), and refusals turned into it. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { currentActor, requestIp } from "@/lib/auth/request";
import { ApiError, unstorableInput, zodIssues, type ErrorIssue } from "./errors";

export interface FormState {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  /** A secret shown once (new API token). */
  secret?: string;
}

const byPath = (issues: ErrorIssue[]) => Object.fromEntries(issues.map((i) => [i.path, i.message]));

/** A refusal (ApiError, invalid input) as form state; anything else is a bug and is thrown again. */
export function formStateFromError(err: unknown): FormState {
  if (err instanceof ApiError) return { error: err.message, fieldErrors: byPath(err.issues ?? []) };
  if (err instanceof z.ZodError) return { error: "Please correct the form.", fieldErrors: byPath(zodIssues(err)) };
  const unstorable = unstorableInput(err);
  if (unstorable) return { error: unstorable.message };
  throw err;
}

/**
 * The frame of a page's server action: the signed-in actor and the audit context in, the outcome out as
 * form state (refusals included); on success the page at `path` is rendered again.
 */
export async function runFormAction(path: string, fn: (ctx: { actor: Actor; audit: { ip: string } }) => Promise<string>): Promise<FormState> {
  const actor = await currentActor();
  if (!actor) return { error: "Your session has ended. Sign in again." };
  try {
    const message = await fn({ actor, audit: { ip: await requestIp() } });
    revalidatePath(path);
    return { ok: true, message };
  } catch (err) {
    return formStateFromError(err);
  }
}
