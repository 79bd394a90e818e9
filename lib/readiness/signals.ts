/**
 * The evidence besides the checklist that readiness weighs. What exists today: health-check status,
 * drills and backups (lib/recovery) and the latest review. Threshold signals join here as they land.
 * `now` is the clock of time-based signals (overdue drills and backups); tests pass their own.
 */
import { db } from "@/lib/db";
import { recoverySignals } from "@/lib/recovery/store";
import type { ReadinessSignals } from "./compute";

export async function readinessSignals(serviceIds: string[], now: Date = new Date()): Promise<Map<string, ReadinessSignals>> {
  const [checks, reviews, recovery] = await Promise.all([
    db.healthCheck.findMany({ where: { serviceId: { in: serviceIds }, enabled: true }, select: { serviceId: true, name: true, status: true } }),
    db.review.findMany({
      where: { serviceId: { in: serviceIds } },
      orderBy: { createdAt: "desc" },
      distinct: ["serviceId"],
      select: { serviceId: true, status: true },
    }),
    recoverySignals(serviceIds, now),
  ]);
  const out = new Map<string, ReadinessSignals>(serviceIds.map((id) => [id, { health: [], review: { status: "none" } }]));
  const health = new Map<string, { checkName: string; status: (typeof checks)[number]["status"] }[]>();
  for (const c of checks) health.set(c.serviceId, [...(health.get(c.serviceId) ?? []), { checkName: c.name, status: c.status }]);
  for (const [serviceId, list] of health) out.get(serviceId)!.health = list;
  for (const [serviceId, r] of recovery) Object.assign(out.get(serviceId)!, r);
  for (const r of reviews) {
    if (r.status !== "withdrawn") out.get(r.serviceId)!.review = { status: r.status };
  }
  return out;
}
