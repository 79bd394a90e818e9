"use server";

import { checkBodyFromForm, labelCheckFieldErrors } from "@/lib/checks/form";
import { createCheck, deleteCheck, updateCheck } from "@/lib/checks/manage";
import { createCheckSchema, patchCheckSchema } from "@/lib/checks/schemas";
import { runFormAction, type FormState } from "@/lib/http/form-state";

/** Runs a check action; issue paths of the API ("headers.0.value") come back as the form's labels. */
async function run(slug: string, headerRows: number[], fn: Parameters<typeof runFormAction>[1]): Promise<FormState> {
  const state = await runFormAction(`/services/${slug}`, fn);
  return state.fieldErrors ? { ...state, fieldErrors: labelCheckFieldErrors(state.fieldErrors, headerRows) } : state;
}

export async function createCheckAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  const { body, headerRows } = checkBodyFromForm(form, "create");
  return run(slug, headerRows, async ({ actor, audit }) => {
    const check = await createCheck(actor, slug, createCheckSchema.parse(body), audit);
    return `Added the check ${check.name}; it is probed within a few seconds.`;
  });
}

export async function updateCheckAction(slug: string, id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const { body, headerRows } = checkBodyFromForm(form, "edit");
  return run(slug, headerRows, async ({ actor, audit }) => {
    const check = await updateCheck(actor, slug, id, patchCheckSchema.parse(body), audit);
    return `Saved ${check.name}; it is probed again with the new settings.`;
  });
}

export async function setCheckEnabledAction(slug: string, id: string, enabled: boolean, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, [], async ({ actor, audit }) => {
    const check = await updateCheck(actor, slug, id, { enabled }, audit);
    return enabled ? `Resumed ${check.name}.` : `Paused ${check.name}: no probes until you resume it.`;
  });
}

export async function deleteCheckAction(slug: string, id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, [], async ({ actor, audit }) => {
    await deleteCheck(actor, slug, id, audit);
    return "Health check deleted.";
  });
}
