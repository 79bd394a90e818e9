/**
 * The evidence besides the checklist that readiness weighs: health-check status,
 * metric thresholds (their stored states, see lib/thresholds/store.ts), drills and backups
 * (lib/recovery) and the latest review. `now` is the clock of time-based signals (overdue drills and
 * backups); tests pass their own.
 */
import { db } from "@/lib/db";
import { recoverySignals } from "@/lib/recovery/store";
import { thresholdStates, type ThresholdSummary } from "@/lib/thresholds/store";
import { approvedNotReady } from "@/lib/reviews/blockers";
import type { ReadinessSignals } from "./compute";

/**
 * Readiness signals, plus for the board: threshold counts (only breached thresholds are listed) and
 * whether the review that counts is an approval given while the service was not ready.
 */
export type ServiceSignals = ReadinessSignals & { thresholdCounts: Omit<ThresholdSummary, "breaches">; approvedNotReady: { openBlockers: number } | null };

export async function readinessSignals(serviceIds: string[], now: Date = new Date()): Promise<Map<string, ServiceSignals>> {
  const [services, checks, reviews, thresholds, recovery] = await Promise.all([
    db.service.findMany({ where: { id: { in: serviceIds } }, select: { id: true, tier: true, team: { select: { reviewRequiredUpToTier: true } } } }),
    db.healthCheck.findMany({ where: { serviceId: { in: serviceIds }, enabled: true }, select: { serviceId: true, name: true, status: true } }),
    // The latest review that counts: a withdrawn request does not undo an earlier "changes requested".
    db.review.findMany({
      where: { serviceId: { in: serviceIds }, status: { not: "withdrawn" } },
      orderBy: { createdAt: "desc" },
      distinct: ["serviceId"],
      select: { serviceId: true, status: true, levelAtDecision: true, openBlockersAtDecision: true, staleReason: true },
    }),
    thresholdStates(serviceIds, now),
    recoverySignals(serviceIds, now),
  ]);
  const out = new Map<string, ServiceSignals>(
    serviceIds.map((id) => {
      const { breaches = [], ...thresholdCounts } = thresholds.get(id) ?? { total: 0, breached: 0, pending: 0, noData: 0 };
      return [id, { health: [], thresholds: breaches, thresholdCounts, review: { status: "none" }, approvedNotReady: null }];
    }),
  );
  const health = new Map<string, { checkName: string; status: (typeof checks)[number]["status"] }[]>();
  for (const c of checks) health.set(c.serviceId, [...(health.get(c.serviceId) ?? []), { checkName: c.name, status: c.status }]);
  for (const [serviceId, list] of health) out.get(serviceId)!.health = list;
  for (const [serviceId, r] of recovery) Object.assign(out.get(serviceId)!, r);
  for (const s of services) {
    const signals = out.get(s.id)!;
    signals.tier = s.tier;
    signals.review = { status: "none", approvalRequired: s.tier <= s.team.reviewRequiredUpToTier };
  }
  for (const r of reviews) {
    if (r.status === "withdrawn") continue;
    const signals = out.get(r.serviceId)!;
    signals.review = { ...signals.review, status: r.status, stale: r.status === "approved" ? r.staleReason : null };
    signals.approvedNotReady = approvedNotReady(r);
  }
  return out;
}
