/**
 * threshold.breached and threshold.cleared from one evaluation: the states stored before it (read
 * under the rows' locks by refreshThresholds) against the states it stores. Pure.
 *
 * A threshold remembers the breach it announced (`alertedBreachSince`) until a cleared event ends it:
 * - breached: the state is breached and no breach is announced; the key holds the breach's start, so an
 *   evaluation that writes the same breach again adds nothing;
 * - cleared: the state is ok and a breach is announced, keyed by that breach's start. no-data (the samples
 *   stopped) neither clears nor re-announces: breached → no-data → ok raises cleared once, breached →
 *   no-data → breached raises nothing new (docs/alerting.md).
 */
import type { ThresholdState } from "@/lib/thresholds/evaluate";
import type { NewAlertEvent } from "./types";

export interface StoredThresholdState {
  status: ThresholdState;
  since: Date | null;
  alertedBreachSince: Date | null;
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

export interface ThresholdAlerts {
  events: NewAlertEvent[];
  /** each evaluated threshold's announced breach after these events (stored with its state) */
  alertedBreachSince: Map<string, Date | null>;
}

export function thresholdAlerts(before: ReadonlyMap<string, StoredThresholdState>, evaluated: readonly EvaluatedThreshold[], now: Date): ThresholdAlerts {
  const events: NewAlertEvent[] = [];
  const alertedBreachSince = new Map<string, Date | null>();
  for (const t of evaluated) {
    const old = before.get(t.id);
    if (!old) continue;
    const announced = old.alertedBreachSince;
    alertedBreachSince.set(t.id, announced);
    const rule = { thresholdId: t.id, metric: t.metric, label: t.label, unit: t.unit, comparator: t.comparator, limit: t.limit, value: t.value };
    if (t.status === "breached" && !announced) {
      const since = t.since ?? now;
      alertedBreachSince.set(t.id, since);
      events.push({
        type: "threshold.breached",
        serviceId: t.serviceId,
        dedupeKey: `threshold.breached:${t.id}:${since.toISOString()}`,
        occurredAt: now,
        details: { ...rule, since: since.toISOString(), severity: t.severity },
      });
    } else if (t.status === "ok" && announced) {
      alertedBreachSince.set(t.id, null);
      events.push({
        type: "threshold.cleared",
        serviceId: t.serviceId,
        dedupeKey: `threshold.cleared:${t.id}:${announced.toISOString()}`,
        occurredAt: now,
        details: { ...rule, since: announced.toISOString(), durationSeconds: Math.max(0, Math.round((now.getTime() - announced.getTime()) / 1000)) },
      });
    }
  }
  return { events, alertedBreachSince };
}
