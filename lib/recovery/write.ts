/**
 * Writing recovery data as a user or API token (editors and owners): RTO targets, log entries and
 * backup monitors. Each write and its audit event land in one transaction.
 */
import { withRecoveryAlerts, type RecoveryKey } from "@/lib/alerts/recovery";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";
import { requireService } from "@/lib/services/access";
import {
  backupMonitorSchema,
  eventTimes,
  recoveryEventSchema,
  rtoTargetSchema,
  toDbKind,
} from "./schemas";
import { pingUrlFor } from "./store";
import { newPingToken } from "./token";

type Ctx = Omit<AuditContext, "actor">;

/** Allowance for clocks of reporting machines being a little ahead. */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

/** Create a target, or replace the one of the same component. */
export async function upsertRtoTarget(actor: Actor, slug: string, input: unknown, ctx: Ctx) {
  const service = await requireService(actor, slug, "recovery:write");
  const v = rtoTargetSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.rtoTarget.findUnique({ where: { serviceId_component: { serviceId: service.id, component: v.component } } });
    const position = before?.position ?? (await tx.rtoTarget.count({ where: { serviceId: service.id } }));
    const target = await tx.rtoTarget.upsert({
      where: { serviceId_component: { serviceId: service.id, component: v.component } },
      create: { serviceId: service.id, ...v, position },
      update: v,
    });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: before ? "recovery.target.update" : "recovery.target.create",
      targetType: "rto-target",
      targetId: target.id,
      before: before ? { component: before.component, rtoSeconds: before.rtoSeconds, rpoSeconds: before.rpoSeconds, drillIntervalDays: before.drillIntervalDays } : null,
      after: { component: v.component, rtoSeconds: v.rtoSeconds, rpoSeconds: v.rpoSeconds, drillIntervalDays: v.drillIntervalDays },
    });
    return { target, created: !before };
  });
}

export async function deleteRtoTarget(actor: Actor, slug: string, component: string, ctx: Ctx) {
  const service = await requireService(actor, slug, "recovery:write");
  await db.$transaction(async (tx) => {
    const target = await tx.rtoTarget.findUnique({ where: { serviceId_component: { serviceId: service.id, component } } });
    if (!target) throw new ApiError("not_found", `No RTO target for "${component}".`);
    await tx.rtoTarget.delete({ where: { id: target.id } });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: "recovery.target.delete",
      targetType: "rto-target",
      targetId: target.id,
      before: { component: target.component, rtoSeconds: target.rtoSeconds },
    });
  });
}

/** Append one entry to the log (never changes an existing one; `correctsId` points at the one it corrects). */
export async function recordRecoveryEvent(actor: Actor, slug: string, input: unknown, ctx: Ctx, now: Date = new Date()) {
  const service = await requireService(actor, slug, "recovery:write");
  const v = recoveryEventSchema.parse(input);
  const { startedAt, finishedAt } = eventTimes(v, now);
  const issues = [];
  if (finishedAt.getTime() > now.getTime() + FUTURE_SKEW_MS) issues.push({ path: v.finishedAt ? "finishedAt" : "durationSeconds", message: "The end is in the future." });
  if (startedAt && startedAt.getTime() > finishedAt.getTime()) issues.push({ path: "startedAt", message: "The start is after the end." });
  // A start given is checked by the schema; one inferred from end − duration is checked here.
  if (!v.startedAt && startedAt && v.restoredToAt && v.restoredToAt > startedAt) {
    issues.push({ path: "restoredToAt", message: "The data point restored to cannot be after the start (the end minus the duration)." });
  }
  if (issues.length) throw new ApiError("unprocessable", "The request is not valid.", issues);
  return db.$transaction(async (tx) => {
    const corrected = v.correctsId
      ? await tx.recoveryEvent.findUnique({
          where: { id: v.correctsId },
          select: { id: true, serviceId: true, component: true, kind: true, status: true, startedAt: true, finishedAt: true, correctsId: true },
        })
      : null;
    if (v.correctsId && (!corrected || corrected.serviceId !== service.id)) {
      throw new ApiError("unprocessable", "The request is not valid.", [{ path: "correctsId", message: `This service's log has no entry with the id "${v.correctsId}" to correct.` }]);
    }
    const key: RecoveryKey = { serviceId: service.id, component: v.component, kind: toDbKind(v.kind) };
    // the entry and the alert events of the change it makes (backup failed or recovered, drill over its RTO)
    const event = await withRecoveryAlerts(tx, { key, corrected, now }, () =>
      tx.recoveryEvent.create({
        data: {
          ...key,
          status: v.status,
          startedAt,
          finishedAt,
          sizeBytes: v.sizeBytes === undefined ? null : BigInt(v.sizeBytes),
          location: v.location || null,
          checksum: v.checksum || null,
          restoredToAt: v.restoredToAt ?? null,
          reportedBy: v.reportedBy ?? actor.email,
          reportedById: actor.userId,
          source: actor.via === "api" ? "api" : "ui",
          notes: v.notes || null,
          logExcerpt: v.logExcerpt || null,
          correctsId: v.correctsId ?? null,
        },
      }),
    );
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: "recovery.event.create",
      targetType: "recovery-event",
      targetId: event.id,
      after: { kind: v.kind, component: v.component, status: v.status, finishedAt: finishedAt.toISOString(), ...(v.correctsId ? { correctsId: v.correctsId } : {}) },
    });
    return event;
  });
}

/** A new monitor with a fresh ping token; the URL is returned here and later only to editors and owners. */
export async function createBackupMonitor(actor: Actor, slug: string, input: unknown, ctx: Ctx) {
  const service = await requireService(actor, slug, "recovery:write");
  const v = backupMonitorSchema.parse(input);
  const { token, pingTokenHash, pingTokenSealed } = newPingToken();
  try {
    const monitor = await db.$transaction(async (tx) => {
      const m = await tx.backupMonitor.create({ data: { serviceId: service.id, ...v, pingTokenHash, pingTokenSealed } });
      await recordAudit(tx, { actor, ...ctx }, {
        teamId: service.teamId,
        serviceId: service.id,
        action: "recovery.monitor.create",
        targetType: "backup-monitor",
        targetId: m.id,
        after: { component: v.component, intervalSeconds: v.intervalSeconds, graceSeconds: v.graceSeconds },
      });
      return m;
    });
    return { monitor, pingUrl: pingUrlFor(token) };
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new ApiError("conflict", `"${v.component}" already has a backup monitor.`);
    }
    throw err;
  }
}

/** Removes the monitor (and so its ping URL); the backups it logged stay in the log. */
export async function deleteBackupMonitor(actor: Actor, slug: string, component: string, ctx: Ctx) {
  const service = await requireService(actor, slug, "recovery:write");
  await db.$transaction(async (tx) => {
    const m = await tx.backupMonitor.findUnique({ where: { serviceId_component: { serviceId: service.id, component } } });
    if (!m) throw new ApiError("not_found", `No backup monitor for "${component}".`);
    await tx.backupMonitor.delete({ where: { id: m.id } });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: "recovery.monitor.delete",
      targetType: "backup-monitor",
      targetId: m.id,
      before: { component: m.component, intervalSeconds: m.intervalSeconds, graceSeconds: m.graceSeconds },
    });
  });
}

/** A new ping URL for a monitor (the old one stops working at once), e.g. after it leaked. */
export async function rotatePingToken(actor: Actor, slug: string, component: string, ctx: Ctx) {
  const service = await requireService(actor, slug, "recovery:write");
  const { token, pingTokenHash, pingTokenSealed } = newPingToken();
  await db.$transaction(async (tx) => {
    const m = await tx.backupMonitor.findUnique({ where: { serviceId_component: { serviceId: service.id, component } } });
    if (!m) throw new ApiError("not_found", `No backup monitor for "${component}".`);
    await tx.backupMonitor.update({ where: { id: m.id }, data: { pingTokenHash, pingTokenSealed, runStartedAt: null } });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: "recovery.monitor.rotate",
      targetType: "backup-monitor",
      targetId: m.id,
      after: { component: m.component },
    });
  });
  return { pingUrl: pingUrlFor(token) };
}
