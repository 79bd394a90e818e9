/**
 * Health checks of one service: list and read (any member), create, change and delete (editors, owners).
 * Every write is audited in its own transaction; header values never reach the audit log or a response.
 */
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";
import { probeTargetIssues } from "@/lib/probes/round";
import { requireService } from "@/lib/services/access";
import { parseStoredHeaders, sealedHeadersLeavingOrigin, toStoredHeaders } from "./headers";
import { checkConfig } from "./public";
import { countChecksLockedTx, MAX_CHECKS_PER_SERVICE } from "./store";
import { consistencyIssues, defaultCheckName, type CreateCheckInput, type PatchCheckInput } from "./schemas";

type Ctx = Omit<AuditContext, "actor">;

export async function listChecks(serviceId: string) {
  return db.healthCheck.findMany({ where: { serviceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

export async function listServiceChecks(actor: Actor, slug: string) {
  const service = await requireService(actor, slug);
  return listChecks(service.id);
}

/** A check of this service; a check of another service is "not found" like an unknown id. */
async function findCheck(serviceId: string, id: string, client: Prisma.TransactionClient = db) {
  const check = await client.healthCheck.findFirst({ where: { id, serviceId } });
  if (!check) throw new ApiError("not_found", "No such health check on this service.");
  return check;
}

export async function getServiceCheck(actor: Actor, slug: string, id: string) {
  const service = await requireService(actor, slug);
  return findCheck(service.id, id);
}

export async function createCheck(actor: Actor, slug: string, input: CreateCheckInput, ctx: Ctx, now = new Date()) {
  const service = await requireService(actor, slug, "checks:manage");
  // The central target policy judges only what the central server probes; agents apply their own.
  const refused = [...(input.locations.includes("central") ? probeTargetIssues(input.url) : [])];
  if (refused.length) throw new ApiError("unprocessable", "The health check is not valid.", refused);
  const { headers } = toStoredHeaders(input.headers, []);
  return db.$transaction(async (tx) => {
    if ((await countChecksLockedTx(tx, service.id)) >= MAX_CHECKS_PER_SERVICE) {
      throw new ApiError("conflict", `${service.name} already has ${MAX_CHECKS_PER_SERVICE} health checks, the most a service can have: delete one first.`);
    }
    const check = await tx.healthCheck.create({
      data: {
        serviceId: service.id,
        name: input.name ?? defaultCheckName(input.url),
        url: input.url,
        method: input.method,
        expectedStatus: input.expectedStatus,
        timeoutMs: input.timeoutMs,
        intervalSeconds: input.intervalSeconds,
        failuresBeforeDown: input.failuresBeforeDown,
        successesBeforeUp: input.successesBeforeUp,
        headers,
        bodyContains: input.bodyContains,
        jsonPath: input.jsonPath,
        jsonEquals: input.jsonEquals,
        latencyLimitMs: input.latencyLimitMs,
        enabled: input.enabled,
        locations: input.locations,
        downQuorum: input.downQuorum,
        // Probed at once by the next round.
        nextRunAt: now,
      },
    });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: "check.create",
      targetType: "check",
      targetId: check.id,
      after: checkConfig(check),
    });
    return check;
  });
}

/**
 * Apply a patch. Any change (a resume included) makes the check due now, so the page shows the result of
 * the new settings within one round instead of one interval. Pausing sets `enabled: false`; the probe
 * engine only claims enabled checks.
 */
export async function updateCheck(actor: Actor, slug: string, id: string, patch: PatchCheckInput, ctx: Ctx, now = new Date()) {
  const service = await requireService(actor, slug, "checks:manage");
  return db.$transaction(async (tx) => {
    const before = await findCheck(service.id, id, tx);
    const { headers: headerInput, ...fields } = patch;
    const current = parseStoredHeaders(before.headers);
    const stored = headerInput ? toStoredHeaders(headerInput, current) : null;
    const merged = { ...before, ...fields };
    const moved = fields.url !== undefined && new URL(fields.url).origin !== new URL(before.url).origin;
    const issues = [
      ...((fields.url || fields.locations) && merged.locations.includes("central") ? probeTargetIssues(merged.url) : []),
      ...(stored?.issues ?? []),
      ...(moved ? sealedHeadersLeavingOrigin(headerInput, current) : []),
      ...consistencyIssues(merged),
    ];
    if (issues.length) throw new ApiError("unprocessable", "The health check is not valid.", issues);
    const check = await tx.healthCheck.update({
      where: { id: before.id },
      data: { ...fields, ...(stored ? { headers: stored.headers } : {}), nextRunAt: now },
    });
    // Agents' locations are due now as well (lib/agents/claims.ts).
    await tx.checkLocationState.updateMany({ where: { checkId: check.id }, data: { nextRunAt: now } });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: "check.update",
      targetType: "check",
      targetId: check.id,
      before: checkConfig(before),
      after: checkConfig(check),
    });
    return check;
  });
}

/** Deletes the check with its probe results, rollups and incidents. */
export async function deleteCheck(actor: Actor, slug: string, id: string, ctx: Ctx) {
  const service = await requireService(actor, slug, "checks:manage");
  await db.$transaction(async (tx) => {
    const check = await findCheck(service.id, id, tx);
    await tx.healthCheck.delete({ where: { id: check.id } });
    await recordAudit(tx, { actor, ...ctx }, {
      teamId: service.teamId,
      serviceId: service.id,
      action: "check.delete",
      targetType: "check",
      targetId: check.id,
      before: checkConfig(check),
    });
  });
}
