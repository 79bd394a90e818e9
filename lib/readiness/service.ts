import { db } from "@/lib/db";
import { computeReadiness, type Readiness } from "./compute";
import { readinessSignals } from "./signals";

/** Full readiness (with every blocker) of one service. */
export async function serviceReadiness(serviceId: string): Promise<Readiness> {
  const [items, signals] = await Promise.all([
    db.serviceChecklistItem.findMany({
      where: { serviceId, archivedAt: null },
      orderBy: { position: "asc" },
      select: { key: true, title: true, severity: true, required: true, state: true, naReason: true },
    }),
    readinessSignals([serviceId]),
  ]);
  return computeReadiness(items, signals.get(serviceId));
}
