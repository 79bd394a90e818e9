/**
 * Rules that start later (`effectiveFrom`): which services would drop a level on the day the next one
 * starts. Only services with an upcoming item are recomputed (the board's aggregate already names each
 * one's next start date), with their checklist at that date and their signals as they are now.
 */
import { readinessAggregates } from "./aggregate";
import { readinessFromAggregate, type ReadinessAggregate, type ReadinessLevel, type ReadinessSignals } from "./compute";

const LEVEL_RANK: Record<ReadinessLevel, number> = { "not-ready": 0, "at-risk": 1, ready: 2 };

export interface UpcomingDrop {
  date: Date;
  services: { id: string; from: ReadinessLevel; to: ReadinessLevel }[];
}

export async function upcomingDrops(
  current: ReadonlyMap<string, { aggregate: ReadinessAggregate; level: ReadinessLevel; signals: ReadinessSignals }>,
): Promise<UpcomingDrop[]> {
  const byDate = new Map<number, string[]>();
  for (const [id, s] of current) {
    const at = s.aggregate.nextEffectiveFrom?.getTime();
    if (at !== undefined) byDate.set(at, [...(byDate.get(at) ?? []), id]);
  }
  const out: UpcomingDrop[] = [];
  for (const [at, ids] of [...byDate].sort((a, b) => a[0] - b[0])) {
    const date = new Date(at);
    const then = await readinessAggregates(ids, date);
    const services = ids.flatMap((id) => {
      const now = current.get(id)!;
      const to = readinessFromAggregate(then.get(id)!, now.signals).level;
      return LEVEL_RANK[to] < LEVEL_RANK[now.level] ? [{ id, from: now.level, to }] : [];
    });
    if (services.length) out.push({ date, services });
  }
  return out;
}
