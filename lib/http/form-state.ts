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

export interface FormContext {
  actor: Actor;
  audit: { ip: string };
}

/** What an action's work answers on success: the message, or the message with a once-only secret. */
export type FormOutcome = string | { message: string; secret?: string };

interface FrameOptions {
  /** Render again every page under `path` too, not only the page at `path`. */
  revalidate?: "layout";
}

/**
 * The one frame of every server action: the signed-in actor and the audit context in, the outcome out as
 * form state (refusals included: ApiError, invalid input, text the database cannot store); on success
 * the page at `path` is rendered again. The work may end in `redirect()`, which passes through.
 */
export async function runFormAction(path: string, fn: (ctx: FormContext) => Promise<FormOutcome>, opts: FrameOptions = {}): Promise<FormState> {
  const actor = await currentActor();
  if (!actor) return { error: "Your session has ended. Sign in again." };
  return settle(path, opts, async () => fn({ actor, audit: { ip: await requestIp() } }));
}

/** The same frame for the one action that runs signed out (accepting an invitation signs the person in). */
export async function runSignedOutFormAction(path: string, fn: (ctx: Omit<FormContext, "actor">) => Promise<FormOutcome>): Promise<FormState> {
  return settle(path, {}, async () => fn({ audit: { ip: await requestIp() } }));
}

async function settle(path: string, opts: FrameOptions, work: () => Promise<FormOutcome>): Promise<FormState> {
  try {
    const outcome = await work();
    if (opts.revalidate === "layout") revalidatePath(path, "layout");
    else revalidatePath(path);
    return typeof outcome === "string" ? { ok: true, message: outcome } : { ok: true, ...outcome };
  } catch (err) {
    return formStateFromError(err);
  }
}
