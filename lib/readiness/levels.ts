/**
 * The readiness level of many services at once, by the same rules the board shows
 * (`readinessFromAggregate` over the checklist aggregate and the live signals).
 */
import { EMPTY_AGGREGATE, readinessAggregates } from "./aggregate";
import { readinessFromAggregate, type ReadinessSummary } from "./compute";
import { readinessSignals } from "./signals";

export async function readinessSummaries(serviceIds: string[], now: Date): Promise<Map<string, ReadinessSummary>> {
  if (serviceIds.length === 0) return new Map();
  const [aggregates, signals] = await Promise.all([readinessAggregates(serviceIds, now), readinessSignals(serviceIds, now)]);
  return new Map(serviceIds.map((id) => [id, readinessFromAggregate(aggregates.get(id) ?? EMPTY_AGGREGATE, signals.get(id) ?? {})]));
}
