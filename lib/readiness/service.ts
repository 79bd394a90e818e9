import { db } from "@/lib/db";
import { refreshThresholds } from "@/lib/thresholds/store";
import { computeReadiness, type Readiness } from "./compute";
import { readinessSignals } from "./signals";

/**
 * Full readiness (with every blocker) of one service. Its thresholds are evaluated first, so the
 * deploy gate never answers from a state older than this request; `now` is the clock of time-based
 * signals (overdue drills and backups).
 */
export async function serviceReadiness(serviceId: string, now: Date = new Date()): Promise<Readiness> {
  const [items] = await Promise.all([
    db.serviceChecklistItem.findMany({
      where: { serviceId, archivedAt: null },
      orderBy: { position: "asc" },
      select: { key: true, title: true, severity: true, required: true, state: true, naReason: true },
    }),
    refreshThresholds({ serviceIds: [serviceId] }),
  ]);
  const signals = await readinessSignals([serviceId], now);
  return computeReadiness(items, signals.get(serviceId));
}
