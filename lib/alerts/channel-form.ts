/**
 * The channel form of the Notifications page, turned into the API's body (so one schema validates both),
 * and the API's issue paths ("emails.2", "services.0") turned back into the form's fields.
 */
import type { AlertChannelType } from "@/lib/generated/prisma/enums";
import { formNumber, formText } from "@/lib/http/form-data";

const list = (form: FormData, name: string) => form.getAll(name).map(String).filter(Boolean);

/**
 * The body for POST (mode "create": `type` from the form) or PATCH (mode "edit", of a channel of `type`:
 * a blank URL keeps the stored one, blank numbers clear reminders and tiers). The form shows only the
 * fields of the chosen type, and only those are sent.
 */
export function channelBodyFromForm(form: FormData, mode: "create" | "edit", channelType?: AlertChannelType): Record<string, unknown> {
  const type = mode === "create" ? (formText(form, "type") ?? "") : channelType;
  const body: Record<string, unknown> = mode === "create" ? { type } : {};
  body.name = formText(form, "name") ?? "";
  if (type === "email") {
    body.emails = (formText(form, "emails") ?? "").split(/[\s,;]+/).filter(Boolean);
    body.memberRoles = list(form, "memberRoles");
  } else {
    const url = formText(form, "url");
    if (url !== undefined || mode === "create") body.url = url ?? "";
    body.groupSeconds = type === "webhook" ? undefined : formNumber(form, "groupSeconds");
  }
  body.events = list(form, "events");
  const services = list(form, "services");
  body.services = services.length ? services : null;
  const tier = formText(form, "minTier");
  body.minTier = tier ? Number(tier) : null;
  body.reminderMinutes = formNumber(form, "reminderMinutes") ?? null;
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

/** Issues of list items under their list's field ("emails.2" → "emails"); the first one of each stays. */
export function channelFieldErrors(fieldErrors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors)) {
    const field = path.split(".")[0]!;
    out[field] ??= message;
  }
  return out;
}
