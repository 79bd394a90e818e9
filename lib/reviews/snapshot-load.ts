/** Taking a service's snapshot (lib/reviews/snapshot.ts) with the readiness computed from the same rows. */
import { db } from "@/lib/db";
import { computeReadiness, type Readiness, type ReadinessSignals } from "@/lib/readiness/compute";
import { timedFactsOf } from "@/lib/readiness/item-status";
import { readinessSignals } from "@/lib/readiness/signals";
import { refreshThresholds } from "@/lib/thresholds/store";
import { signalsForDecision } from "./blockers";
import { snapshotOf, type DecisionSnapshot } from "./snapshot";

/**
 * The service as it is at `now`: its thresholds evaluated first (unless the caller just did), then its items,
 * signals and every threshold's state read once, so the snapshot and the readiness describe the same moment.
 * The readiness is the one a reviewer judges (`signalsForDecision`).
 */
export async function takeSnapshot(serviceId: string, now: Date, opts: { refreshed?: boolean } = {}): Promise<{ readiness: Readiness; snapshot: DecisionSnapshot }> {
  if (!opts.refreshed) await refreshThresholds({ serviceIds: [serviceId] }, now);
  const [service, items, signalMap, thresholds] = await Promise.all([
    db.service.findUniqueOrThrow({ where: { id: serviceId }, select: { tier: true } }),
    db.serviceChecklistItem.findMany({
      where: { serviceId, archivedAt: null },
      orderBy: { position: "asc" },
      select: {
        key: true, title: true, severity: true, required: true, requiredUpToTier: true, state: true, naReason: true, note: true, evidenceUrl: true, autoVerifiedAt: true,
        waiverStatus: true, waiverExpiresAt: true, verifiedAt: true, reverifyDays: true, autoCheck: true, effectiveFrom: true,
      },
    }),
    readinessSignals([serviceId], now),
    db.metricThreshold.findMany({ where: { serviceId }, orderBy: { label: "asc" }, select: { label: true, severity: true, status: true, value: true } }),
  ]);
  const signals: ReadinessSignals = signalMap.get(serviceId) ?? {};
  const snapshot = snapshotOf({
    tier: service.tier,
    items: items.map(({ waiverStatus: _w, waiverExpiresAt: _e, verifiedAt: _v, reverifyDays: _r, autoCheck: _a, effectiveFrom: _f, ...item }) => item),
    health: signals.health ?? [],
    thresholds: thresholds.map((t) => ({ ...t, status: t.status.replace("_", "-") })),
    recovery: signals.recovery ?? [],
    backups: signals.backups ?? [],
  });
  const readiness = computeReadiness(items.map((i) => ({ ...i, ...timedFactsOf(i) })), signalsForDecision(signals), now);
  return { readiness, snapshot };
}
