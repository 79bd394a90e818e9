/**
 * `preflight history backfill`: rebuilds the daily points of the last `days` days from the checklist's
 * audit log (lib/history/replay.ts) and writes them as `backfill` rows, which never replace an observed
 * point. A past day's point is the checklist as it stood at 00:00 UTC that day (what the day's first round
 * would have seen); today's is the checklist now. Days before the service's first trace (its creation or
 * its oldest checklist entry, whichever is earlier) get no point.
 */
import { db } from "@/lib/db";
import { lastDays, startOfUtcDay, utcDay } from "./dates";
import { replayChecklist, type ReplayEntry, type ReplayMoment } from "./replay";
import { writeServicePoints, writeTeamPoints, type HistoryPointRow } from "./store";

const BATCH = 200;

export interface BackfillResult {
  services: number;
  points: number;
  /** rows written: points that had no row or only a rebuilt one */
  written: number;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export async function backfillHistory(opts: { teamId?: string; days: number; now?: Date }): Promise<BackfillResult> {
  const now = opts.now ?? new Date();
  const days = lastDays(now, opts.days);
  const today = utcDay(now);
  const windowStart = startOfUtcDay(days[0]!);
  const services = await db.service.findMany({
    where: { archivedAt: null, team: { archivedAt: null }, ...(opts.teamId ? { teamId: opts.teamId } : {}) },
    select: { id: true, slug: true, tier: true, teamId: true, createdAt: true },
    orderBy: { slug: "asc" },
  });
  const result: BackfillResult = { services: services.length, points: 0, written: 0 };
  for (let i = 0; i < services.length; i += BATCH) {
    const part = services.slice(i, i + BATCH);
    const ids = part.map((s) => s.id);
    const [items, entries, firstEntries] = await Promise.all([
      db.serviceChecklistItem.findMany({
        where: { serviceId: { in: ids }, OR: [{ archivedAt: null }, { archivedAt: { gt: windowStart } }] },
        select: {
          serviceId: true, key: true, title: true, severity: true, required: true, requiredUpToTier: true, state: true, naReason: true, archivedAt: true,
          waiverStatus: true, waiverExpiresAt: true, verifiedAt: true, reverifyDays: true, autoCheck: true, effectiveFrom: true,
        },
      }),
      db.auditEvent.findMany({
        where: { serviceId: { in: ids }, targetType: "checklist_item" },
        select: { serviceId: true, at: true, action: true, targetId: true, before: true, after: true },
        orderBy: { id: "desc" },
      }),
      db.auditEvent.groupBy({ by: ["serviceId"], where: { serviceId: { in: ids } }, _min: { at: true } }),
    ]);
    const firstTrace = new Map(firstEntries.map((g) => [g.serviceId!, g._min.at]));
    const entriesOf = groupBy(entries, (e) => e.serviceId ?? "");
    const itemsOf = groupBy(items, (it) => it.serviceId);
    const points: HistoryPointRow[] = [];
    for (const s of part) {
      const entryAt = firstTrace.get(s.id);
      const since = entryAt && entryAt < s.createdAt ? entryAt : s.createdAt;
      const moments: ReplayMoment[] = days
        .map((date) => ({ date, asOf: date === today ? now : startOfUtcDay(date) }))
        .filter((m) => m.date === today || m.asOf.getTime() >= since.getTime());
      const own: ReplayEntry[] = (entriesOf.get(s.id) ?? [])
        .filter((e) => e.targetId)
        .map((e) => ({ at: e.at, action: e.action, key: e.targetId!.slice(e.targetId!.lastIndexOf("/") + 1), before: e.before, after: e.after }));
      const replayed = replayChecklist(itemsOf.get(s.id) ?? [], own, moments, s.tier);
      for (const p of replayed) points.push({ serviceId: s.id, ...p, staleApproval: false });
    }
    result.points += points.length;
    result.written += await writeServicePoints(points, "backfill");
  }
  await writeTeamPoints(days, opts.teamId ? [opts.teamId] : null);
  return result;
}
