"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { currentActor, requestIp } from "@/lib/auth/request";
import { ApiError, unstorableInput, zodIssues } from "@/lib/http/errors";
import { createService, createServiceSchema } from "@/lib/services/manage";

export interface NewServiceState {
  error?: string;
  fieldErrors?: Record<string, string>;
}

export async function createServiceAction(_prev: NewServiceState, form: FormData): Promise<NewServiceState> {
  const actor = await currentActor();
  if (!actor) return { error: "Your session has ended. Sign in again." };
  const tags = String(form.get("tags") ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  const parsed = createServiceSchema.safeParse({
    name: form.get("name"),
    slug: String(form.get("slug") ?? "").trim() || undefined,
    team: form.get("team"),
    description: String(form.get("description") ?? ""),
    tier: form.get("tier"),
    environment: String(form.get("environment") ?? "") || undefined,
    tags,
    templates: form.getAll("templates").map(String),
  });
  if (!parsed.success) {
    return { error: "Please correct the form.", fieldErrors: Object.fromEntries(zodIssues(parsed.error).map((i) => [i.path, i.message])) };
  }
  let slug: string;
  try {
    slug = (await createService(actor, parsed.data, { ip: await requestIp() })).slug;
  } catch (err) {
    if (err instanceof ApiError) return { error: err.message, fieldErrors: Object.fromEntries((err.issues ?? []).map((i) => [i.path, i.message])) };
    if (err instanceof z.ZodError) return { error: "Please correct the form." };
    const unstorable = unstorableInput(err);
    if (unstorable) return { error: unstorable.message };
    throw err;
  }
  redirect(`/services/${slug}`);
}
