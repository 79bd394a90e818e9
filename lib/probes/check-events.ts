/**
 * The alert events a batch of probe results raises (docs/alerting.md), built from the rows the batch
 * actually wrote: check.down for an incident the batch opened, check.up for one it closed,
 * check.degraded when a check goes from up to degraded, and tls.expiring once per warning step and
 * certificate. Pure; lib/probes/record.ts writes them in the batch's transaction.
 */
import { TLS_WARNING_DAYS, type NewAlertEvent } from "@/lib/alerts/types";
import type { CompletedProbe } from "./record";

const DAY_MS = 86_400_000;

type CheckFacts = Pick<CompletedProbe["check"], "id" | "serviceId" | "name" | "url">;
const facts = (c: CheckFacts) => ({ checkId: c.id, checkName: c.name, url: c.url });

/** The smallest warning step (30, 14, 7, 1 days) a certificate has reached, or null (far off, or expired). */
export function tlsWarningStep(expiresAt: Date, at: Date): (typeof TLS_WARNING_DAYS)[number] | null {
  const left = expiresAt.getTime() - at.getTime();
  if (left <= 0) return null;
  let step: (typeof TLS_WARNING_DAYS)[number] | null = null;
  for (const days of TLS_WARNING_DAYS) if (left <= days * DAY_MS) step = days;
  return step;
}

export function checkDownEvent(check: CheckFacts, at: Date, incident: { id: string; startedAt: Date; firstError: string }): NewAlertEvent {
  return {
    type: "check.down",
    serviceId: check.serviceId,
    dedupeKey: `check.down:${incident.id}`,
    occurredAt: at,
    details: { ...facts(check), incidentId: incident.id, startedAt: incident.startedAt.toISOString(), error: incident.firstError },
  };
}

export function checkUpEvent(check: CheckFacts, at: Date, incident: { id: string; startedAt: Date; endedAt: Date }): NewAlertEvent {
  return {
    type: "check.up",
    serviceId: check.serviceId,
    dedupeKey: `check.up:${incident.id}`,
    occurredAt: at,
    details: {
      ...facts(check),
      incidentId: incident.id,
      startedAt: incident.startedAt.toISOString(),
      endedAt: incident.endedAt.toISOString(),
      durationSeconds: Math.max(0, Math.round((incident.endedAt.getTime() - incident.startedAt.getTime()) / 1000)),
    },
  };
}

/** check.degraded and tls.expiring, read from the probes themselves. */
export function probeEvents(batch: readonly CompletedProbe[]): NewAlertEvent[] {
  const events: NewAlertEvent[] = [];
  for (const p of batch) {
    if (p.check.status === "up" && p.state.status === "degraded") {
      events.push({
        type: "check.degraded",
        serviceId: p.check.serviceId,
        dedupeKey: `check.degraded:${p.check.id}:${p.at.toISOString()}`,
        occurredAt: p.at,
        details: { ...facts(p.check), reason: p.errorMessage, latencyMs: p.latencyMs === null ? null : Math.round(p.latencyMs) },
      });
    }
    const step = p.tlsExpiresAt && p.check.url.startsWith("https:") ? tlsWarningStep(p.tlsExpiresAt, p.at) : null;
    if (p.tlsExpiresAt && step !== null) {
      events.push({
        type: "tls.expiring",
        serviceId: p.check.serviceId,
        dedupeKey: `tls.expiring:${p.check.id}:${p.tlsExpiresAt.toISOString()}:${step}`,
        occurredAt: p.at,
        details: { ...facts(p.check), expiresAt: p.tlsExpiresAt.toISOString(), daysLeft: step },
      });
    }
  }
  return events;
}
