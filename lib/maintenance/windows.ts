/**
 * A service's maintenance windows: listing them (every member), scheduling one, ending one early or
 * changing its end, deleting one that has not started (maintenance:manage, editors). Scheduling and
 * every change are audited in the transaction that makes them; ending a window raises the down alerts
 * of outages that outlived it (./store.ts). Times are compared with the caller's clock (`now`).
 */
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";
import { requireService } from "@/lib/services/access";
import { formatDateTime } from "@/lib/format/time";
import { windowState, windowTimeIssues, type MaintenanceWindowRow, type ScheduleWindowInput, type UpdateWindowInput } from "./schemas";
import { raiseAfterMaintenanceTx } from "./store";

type Ctx = Omit<AuditContext, "actor">;
type Tx = Prisma.TransactionClient;
type StoredWindow = Omit<MaintenanceWindowRow, "createdBy"> & { createdById: string | null };

/** Ended windows listed: those of the last 30 days, at most this many. */
export const RECENT_WINDOWS = 10;
const RECENT_DAYS = 30;

export interface ServiceWindows {
  /** the window open now, if any (windows of a service never overlap) */
  open: MaintenanceWindowRow | null;
  upcoming: MaintenanceWindowRow[];
  /** ended windows, newest first */
  recent: MaintenanceWindowRow[];
}

async function withCreators(rows: StoredWindow[]): Promise<MaintenanceWindowRow[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.createdById ? [r.createdById] : [])))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } }) : [];
  const email = new Map(users.map((u) => [u.id, u.email]));
  return rows.map(({ createdById, ...r }) => ({ ...r, createdBy: createdById ? (email.get(createdById) ?? null) : null }));
}

export async function listWindows(serviceId: string, now: Date = new Date()): Promise<ServiceWindows> {
  const [current, ended] = await Promise.all([
    db.maintenanceWindow.findMany({ where: { serviceId, endsAt: { gt: now } }, orderBy: { startsAt: "asc" }, take: 50 }),
    db.maintenanceWindow.findMany({
      where: { serviceId, endsAt: { lte: now, gt: new Date(now.getTime() - RECENT_DAYS * 86_400_000) } },
      orderBy: { endsAt: "desc" },
      take: RECENT_WINDOWS,
    }),
  ]);
  const rows = await withCreators([...current, ...ended]);
  return {
    open: rows.find((w) => windowState(w, now) === "open") ?? null,
    upcoming: rows.filter((w) => windowState(w, now) === "upcoming"),
    recent: rows.filter((w) => windowState(w, now) === "ended"),
  };
}

/** The window open now for each of these services (the board). */
export async function openWindows(serviceIds: readonly string[], now: Date = new Date()): Promise<Map<string, { endsAt: Date; reason: string }>> {
  if (serviceIds.length === 0) return new Map();
  const rows = await db.maintenanceWindow.findMany({
    where: { serviceId: { in: [...serviceIds] }, startsAt: { lte: now }, endsAt: { gt: now } },
    select: { serviceId: true, endsAt: true, reason: true },
  });
  return new Map(rows.map((r) => [r.serviceId, { endsAt: r.endsAt, reason: r.reason }]));
}

const auditFields = (w: { startsAt: Date; endsAt: Date; reason: string }) => ({ startsAt: w.startsAt.toISOString(), endsAt: w.endsAt.toISOString(), reason: w.reason });

/**
 * Windows of one service never overlap (one is open at a time, and the page can say until when). The
 * service row is locked first, so two schedulings at once cannot both pass this check.
 */
async function refuseOverlap(tx: Tx, serviceId: string, span: { startsAt: Date; endsAt: Date }, exceptId?: string) {
  await tx.$queryRaw`SELECT id FROM "Service" WHERE id = ${serviceId} FOR UPDATE`;
  const other = await tx.maintenanceWindow.findFirst({
    where: { serviceId, startsAt: { lt: span.endsAt }, endsAt: { gt: span.startsAt }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    orderBy: { startsAt: "asc" },
  });
  if (other) {
    const message = `It overlaps the window from ${formatDateTime(other.startsAt)} to ${formatDateTime(other.endsAt)} (${other.reason}): change that one instead, or pick other times.`;
    throw new ApiError("conflict", message, [{ path: "startsAt", message }]);
  }
}

export async function scheduleWindow(actor: Actor, slug: string, input: ScheduleWindowInput, ctx: Ctx, now: Date = new Date()): Promise<MaintenanceWindowRow> {
  const service = await requireService(actor, slug, "maintenance:manage");
  const issues = windowTimeIssues(input, now);
  if (issues.length) throw new ApiError("unprocessable", "The maintenance window is not valid.", issues);
  // A start a moment before now (within the tolerance) starts now: probes already written stay unmarked.
  const startsAt = new Date(Math.max(input.startsAt?.getTime() ?? now.getTime(), now.getTime()));
  const span = { startsAt, endsAt: input.endsAt };
  const created = await db.$transaction(async (tx) => {
    await refuseOverlap(tx, service.id, span);
    const w = await tx.maintenanceWindow.create({ data: { serviceId: service.id, ...span, reason: input.reason, createdById: actor.userId } });
    await recordAudit(tx, { actor, ...ctx }, { teamId: service.teamId, serviceId: service.id, action: "maintenance.schedule", targetType: "maintenance", targetId: `${slug}/${w.id}`, after: auditFields(w) });
    return w;
  });
  const [row] = await withCreators([created]);
  return row!;
}

async function requireWindow(actor: Actor, slug: string, id: string) {
  const service = await requireService(actor, slug, "maintenance:manage");
  const window = await db.maintenanceWindow.findFirst({ where: { id, serviceId: service.id } });
  if (!window) throw new ApiError("not_found", "No such maintenance window.");
  return { service, window };
}

/**
 * A new end for a window. An open window given an end at or before now ends now (probes already
 * written keep their mark, so an end cannot lie in the past), and the down alerts of outages that
 * outlived it are raised. Otherwise the end moves, within the same rules as scheduling.
 */
export async function updateWindow(actor: Actor, slug: string, id: string, input: UpdateWindowInput, ctx: Ctx, now: Date = new Date()): Promise<{ window: MaintenanceWindowRow; ended: boolean; alerts: number }> {
  const { service, window } = await requireWindow(actor, slug, id);
  const state = windowState(window, now);
  if (state === "ended") throw new ApiError("conflict", `This window already ended on ${formatDateTime(window.endsAt)}.`);
  const endsNow = input.endsAt.getTime() <= now.getTime();
  if (endsNow && state === "upcoming") {
    throw new ApiError("unprocessable", "The maintenance window is not valid.", [{ path: "endsAt", message: "This window has not started yet: delete it instead of ending it." }]);
  }
  const endsAt = endsNow ? now : input.endsAt;
  if (!endsNow) {
    const issues = windowTimeIssues({ startsAt: window.startsAt, endsAt });
    if (issues.length) throw new ApiError("unprocessable", "The maintenance window is not valid.", issues);
  }
  const result = await db.$transaction(async (tx) => {
    if (endsAt > window.endsAt) await refuseOverlap(tx, service.id, { startsAt: window.startsAt, endsAt }, id);
    const w = await tx.maintenanceWindow.update({ where: { id }, data: { endsAt } });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: endsNow ? "maintenance.end" : "maintenance.update",
      targetType: "maintenance",
      targetId: `${slug}/${id}`,
      before: auditFields(window),
      after: auditFields(w),
    });
    const alerts = endsNow ? await raiseAfterMaintenanceTx(tx, id, now) : 0;
    return { w, alerts };
  });
  const [row] = await withCreators([result.w]);
  return { window: row!, ended: endsNow, alerts: result.alerts };
}

/** "End now" on the service page. */
export function endWindowNow(actor: Actor, slug: string, id: string, ctx: Ctx, now: Date = new Date()) {
  return updateWindow(actor, slug, id, { endsAt: now }, ctx, now);
}

/** Only a window that has not started can be deleted: one that has is part of the uptime record. */
export async function deleteWindow(actor: Actor, slug: string, id: string, ctx: Ctx, now: Date = new Date()): Promise<void> {
  const { service, window } = await requireWindow(actor, slug, id);
  const state = windowState(window, now);
  if (state === "open") throw new ApiError("conflict", "This window is open: end it instead of deleting it.");
  if (state === "ended") throw new ApiError("conflict", "This window has ended and stays in the record: only upcoming windows can be deleted.");
  await db.$transaction(async (tx) => {
    await tx.maintenanceWindow.delete({ where: { id } });
    await recordAudit(tx, { actor, ...ctx }, { teamId: service.teamId, serviceId: service.id, action: "maintenance.delete", targetType: "maintenance", targetId: `${slug}/${id}`, before: auditFields(window) });
  });
}
