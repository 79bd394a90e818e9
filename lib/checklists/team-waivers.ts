/** Every waiver of a team's services (required items N/A with a waiver), soonest expiry first: the team's Waivers page. */
import { db } from "@/lib/db";
import { waiverView, type WaiverView } from "@/lib/readiness/item-status";

export interface TeamWaiver {
  service: { slug: string; name: string };
  itemKey: string;
  title: string;
  reason: string | null;
  status: WaiverView;
  requestedBy: string | null;
  decidedBy: string | null;
  expiresAt: Date | null;
}

export async function teamWaivers(teamId: string, now: Date): Promise<TeamWaiver[]> {
  const person = { select: { name: true, email: true } } as const;
  const rows = await db.serviceChecklistItem.findMany({
    where: { waiverStatus: { not: null }, state: "na", archivedAt: null, service: { teamId, archivedAt: null } },
    orderBy: [{ waiverExpiresAt: "asc" }, { key: "asc" }],
    select: {
      key: true, title: true, naReason: true, waiverStatus: true, waiverExpiresAt: true,
      service: { select: { slug: true, name: true } }, waiverRequestedBy: person, waiverDecidedBy: person,
    },
  });
  return rows.map((r) => ({
    service: r.service,
    itemKey: r.key,
    title: r.title,
    reason: r.naReason,
    status: waiverView({ status: r.waiverStatus!, expiresAt: r.waiverExpiresAt }, now),
    requestedBy: r.waiverRequestedBy ? (r.waiverRequestedBy.name ?? r.waiverRequestedBy.email) : null,
    decidedBy: r.waiverDecidedBy ? (r.waiverDecidedBy.name ?? r.waiverDecidedBy.email) : null,
    expiresAt: r.waiverExpiresAt,
  }));
}
