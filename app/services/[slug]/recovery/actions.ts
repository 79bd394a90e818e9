"use server";

import type { Actor } from "@/lib/auth/actor";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { MIB } from "@/lib/format/bytes";
import { CRYPTOPULSE_RTO_TARGETS } from "@/lib/recovery/defaults";
import { formInstant, formNumber, formText } from "@/lib/http/form-data";
import { createBackupMonitor, deleteBackupMonitor, deleteRtoTarget, recordRecoveryEvent, rotatePingToken, upsertRtoTarget } from "@/lib/recovery/write";
import { rtoTargetComponents } from "@/lib/recovery/store";
import { requireService } from "@/lib/services/access";

/** The recovery page's actions share the frame of every page action (lib/http/form-state.ts). */
function run(slug: string, fn: (actor: Actor, audit: { ip: string }) => Promise<string>): Promise<FormState> {
  return runFormAction(`/services/${slug}/recovery`, ({ actor, audit }) => fn(actor, audit));
}

export async function saveTargetAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async (actor, audit) => {
    const rtoMinutes = formNumber(form, "rtoMinutes");
    const rpoHours = formNumber(form, "rpoHours");
    const { created, target } = await upsertRtoTarget(
      actor,
      slug,
      {
        component: formText(form, "component") ?? "",
        rtoSeconds: rtoMinutes === undefined ? Number.NaN : Math.round(rtoMinutes * 60),
        rpoSeconds: rpoHours === undefined ? null : Math.round(rpoHours * 3600),
        drillIntervalDays: formNumber(form, "drillIntervalDays") ?? 90,
        procedure: formText(form, "procedure") ?? "",
      },
      audit,
    );
    return `${created ? "Added" : "Updated"} the target for ${target.component}.`;
  });
}

/** Adds the CryptoPulse guide's RTO table, skipping components the service already has. */
export async function addDefaultTargetsAction(slug: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async (actor, audit) => {
    const service = await requireService(actor, slug, "recovery:write");
    const have = await rtoTargetComponents(service.id);
    const missing = CRYPTOPULSE_RTO_TARGETS.filter((t) => !have.has(t.component));
    for (const t of missing) await upsertRtoTarget(actor, slug, { component: t.component, rtoSeconds: t.rtoSeconds, procedure: t.procedure }, audit);
    return missing.length ? `Added ${missing.map((t) => t.component).join(", ")}.` : "Every default target is there already.";
  });
}

export async function logEventAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async (actor, audit) => {
    const kind = formText(form, "kind") ?? "drill";
    const durationMinutes = formNumber(form, "durationMinutes");
    const sizeMiB = formNumber(form, "sizeMiB");
    const event = await recordRecoveryEvent(
      actor,
      slug,
      {
        kind,
        component: formText(form, "component") ?? "",
        status: formText(form, "status") ?? "success",
        startedAt: formInstant(form, "startedAt"),
        finishedAt: formInstant(form, "finishedAt"),
        durationSeconds: durationMinutes === undefined ? undefined : Math.round(durationMinutes * 60),
        restoredToAt: formInstant(form, "restoredToAt"),
        sizeBytes: sizeMiB === undefined ? undefined : Math.round(sizeMiB * MIB),
        location: formText(form, "location"),
        checksum: formText(form, "checksum"),
        notes: formText(form, "notes"),
        correctsId: formText(form, "correctsId"),
      },
      audit,
    );
    return `Logged the ${kind.replace("-", " ")} of ${event.component}.`;
  });
}

export async function addMonitorAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async (actor, audit) => {
    const intervalHours = formNumber(form, "intervalHours");
    const graceMinutes = formNumber(form, "graceMinutes");
    const { monitor } = await createBackupMonitor(
      actor,
      slug,
      {
        component: formText(form, "component") ?? "",
        intervalSeconds: intervalHours === undefined ? undefined : Math.round(intervalHours * 3600),
        graceSeconds: graceMinutes === undefined ? undefined : Math.round(graceMinutes * 60),
      },
      audit,
    );
    return `Added a backup monitor for ${monitor.component}: its ping URL and curl lines are in the table below.`;
  });
}

export async function rotatePingAction(slug: string, component: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async (actor, audit) => {
    await rotatePingToken(actor, slug, component, audit);
    return `${component} has a new ping URL; the old one no longer works. Update the backup script.`;
  });
}

export async function removeMonitorAction(slug: string, component: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async (actor, audit) => {
    await deleteBackupMonitor(actor, slug, component, audit);
    return `Removed the backup monitor of ${component}; its backups stay in the log.`;
  });
}

export async function removeTargetAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async (actor, audit) => {
    const component = formText(form, "component") ?? "";
    await deleteRtoTarget(actor, slug, component, audit);
    return `Removed the RTO/RPO target of ${component}; its drills stay in the log.`;
  });
}
