/**
 * The evidence besides the checklist that readiness weighs. What exists today: health-check status,
 * metric thresholds (their stored states, see lib/thresholds/store.ts) and the latest review. Drill and
 * backup signals join here as those features land.
 */
import { db } from "@/lib/db";
import { thresholdStates } from "@/lib/thresholds/store";
import type { ReadinessSignals } from "./compute";

export async function readinessSignals(serviceIds: string[], now = new Date()): Promise<Map<string, ReadinessSignals>> {
  const [checks, reviews, thresholds] = await Promise.all([
    db.healthCheck.findMany({ where: { serviceId: { in: serviceIds }, enabled: true }, select: { serviceId: true, name: true, status: true } }),
    db.review.findMany({
      where: { serviceId: { in: serviceIds } },
      orderBy: { createdAt: "desc" },
      distinct: ["serviceId"],
      select: { serviceId: true, status: true },
    }),
    thresholdStates(serviceIds, now),
  ]);
  const out = new Map<string, ReadinessSignals>(serviceIds.map((id) => [id, { health: [], thresholds: thresholds.get(id) ?? [], review: { status: "none" } }]));
  const health = new Map<string, { checkName: string; status: (typeof checks)[number]["status"] }[]>();
  for (const c of checks) health.set(c.serviceId, [...(health.get(c.serviceId) ?? []), { checkName: c.name, status: c.status }]);
  for (const [serviceId, list] of health) out.get(serviceId)!.health = list;
  for (const r of reviews) {
    if (r.status !== "withdrawn") out.get(r.serviceId)!.review = { status: r.status };
  }
  return out;
}
