/**
 * threshold.breached and threshold.cleared from one evaluation: the states stored before it (read
 * under the rows' locks by refreshThresholds) against the states it stores. Pure.
 *
 * - breached: ok or no-data → breached; the key holds the breach's start, so an evaluation that
 *   writes the same breach again (an older round finishing late) adds nothing;
 * - cleared: breached → ok, keyed by the start of the breach that ended. breached → no-data raises
 *   nothing: missing samples are not a recovery (docs/alerting.md).
 */
import type { ThresholdState } from "@/lib/thresholds/evaluate";
import type { NewAlertEvent } from "./types";

export interface StoredThresholdState {
  status: ThresholdState;
  since: Date | null;
}

export interface EvaluatedThreshold {
  id: string;
  serviceId: string;
  metric: string;
  label: string;
  unit: string;
  comparator: "gt" | "gte" | "lt" | "lte";
  limit: number;
  severity: string;
  status: ThresholdState;
  value: number | null;
  since: Date | null;
}

export function thresholdAlerts(before: ReadonlyMap<string, StoredThresholdState>, evaluated: readonly EvaluatedThreshold[], now: Date): NewAlertEvent[] {
  const events: NewAlertEvent[] = [];
  for (const t of evaluated) {
    const old = before.get(t.id);
    if (!old) continue;
    const rule = { thresholdId: t.id, metric: t.metric, label: t.label, unit: t.unit, comparator: t.comparator, limit: t.limit, value: t.value };
    if (t.status === "breached" && old.status !== "breached") {
      const since = t.since ?? now;
      events.push({
        type: "threshold.breached",
        serviceId: t.serviceId,
        dedupeKey: `threshold.breached:${t.id}:${since.toISOString()}`,
        occurredAt: now,
        details: { ...rule, since: since.toISOString(), severity: t.severity },
      });
    } else if (t.status === "ok" && old.status === "breached") {
      const since = old.since ?? now;
      events.push({
        type: "threshold.cleared",
        serviceId: t.serviceId,
        dedupeKey: `threshold.cleared:${t.id}:${since.toISOString()}`,
        occurredAt: now,
        details: { ...rule, since: since.toISOString(), durationSeconds: Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000)) },
      });
    }
  }
  return events;
}
