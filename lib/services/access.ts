import { db } from "@/lib/db";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { Action } from "@/lib/auth/permissions";
import { ApiError } from "@/lib/http/errors";

/** What may still be done to an archived service: read it, and change, restore, move or delete it. */
const ON_ARCHIVED: ReadonlySet<Action> = new Set(["team:read", "service:update", "service:archive", "service:move", "service:delete"]);

/**
 * The service behind a slug if the actor may do `action` on it: 404 when invisible, 403 when not allowed,
 * 409 when it is archived and the action would change what it holds (restore it first).
 */
export async function requireService(actor: Actor, slug: string, action: Action = "team:read") {
  const service = await db.service.findUnique({ where: { slug }, include: { team: { select: { slug: true, name: true } }, owner: { select: { email: true, name: true } } } });
  if (!service) throw new ApiError("not_found", "No such service.");
  authorize(actor, service.teamId, action, "service");
  if (service.archivedAt && !ON_ARCHIVED.has(action)) {
    throw new ApiError("conflict", `${service.name} is archived: an owner restores it before it can be changed.`);
  }
  return service;
}
