import { db } from "@/lib/db";
import { computeReadiness, type Readiness } from "./compute";
import { readinessSignals } from "./signals";

/** Full readiness (with every blocker) of one service; `now` is the clock of time-based signals. */
export async function serviceReadiness(serviceId: string, now: Date = new Date()): Promise<Readiness> {
  const [items, signals] = await Promise.all([
    db.serviceChecklistItem.findMany({
      where: { serviceId, archivedAt: null },
      orderBy: { position: "asc" },
      select: { key: true, title: true, severity: true, required: true, state: true, naReason: true },
    }),
    readinessSignals([serviceId], now),
  ]);
  return computeReadiness(items, signals.get(serviceId));
}
