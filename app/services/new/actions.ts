"use server";

import { redirect } from "next/navigation";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { createService, createServiceSchema } from "@/lib/services/manage";

export async function createServiceAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runFormAction("/", async ({ actor, audit }) => {
    const tags = String(form.get("tags") ?? "")
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean);
    const input = createServiceSchema.parse({
      name: form.get("name"),
      slug: String(form.get("slug") ?? "").trim() || undefined,
      team: form.get("team"),
      description: String(form.get("description") ?? ""),
      tier: form.get("tier"),
      environment: String(form.get("environment") ?? "") || undefined,
      tags,
      templates: form.getAll("templates").map(String),
    });
    const { slug } = await createService(actor, input, audit);
    redirect(`/services/${slug}`);
  });
}
