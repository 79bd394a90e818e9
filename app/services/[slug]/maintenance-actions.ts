"use server";

import { runFormAction, type FormState } from "@/lib/http/form-state";
import { scheduleBodyFromForm } from "@/lib/maintenance/form";
import { formatSpan, inMaintenanceText } from "@/lib/maintenance/present";
import { scheduleWindowSchema } from "@/lib/maintenance/schemas";
import { deleteWindow, endWindowNow, scheduleWindow } from "@/lib/maintenance/windows";

// The board shows who is in maintenance, so it is rendered again as well as the service page.
const run = (slug: string, fn: Parameters<typeof runFormAction>[1]) => runFormAction(`/services/${slug}`, fn, { revalidate: "layout" });

export async function scheduleWindowAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, audit }) => {
    const now = new Date();
    const window = await scheduleWindow(actor, slug, scheduleWindowSchema.parse(scheduleBodyFromForm(form, now)), audit, now);
    return window.startsAt.getTime() <= now.getTime()
      ? `${inMaintenanceText(window.endsAt, now)}: check alerts are held back and its probes are left out of uptime.`
      : `Maintenance scheduled for ${formatSpan(window.startsAt, window.endsAt)}.`;
  });
}

export async function endWindowAction(slug: string, id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, audit }) => {
    const { alerts } = await endWindowNow(actor, slug, id, audit);
    return alerts ? `Maintenance ended. ${alerts === 1 ? "A check is" : `${alerts} checks are`} still down: the down alert is sent now.` : "Maintenance ended.";
  });
}

export async function deleteWindowAction(slug: string, id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, audit }) => {
    await deleteWindow(actor, slug, id, audit);
    return "Scheduled maintenance deleted.";
  });
}
