import { db } from "@/lib/db";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { Action } from "@/lib/auth/permissions";
import { ApiError } from "@/lib/http/errors";

/** The service behind a slug if the actor may do `action` on it: 404 when invisible, 403 when not allowed. */
export async function requireService(actor: Actor, slug: string, action: Action = "team:read") {
  const service = await db.service.findUnique({ where: { slug }, include: { team: { select: { slug: true, name: true } } } });
  if (!service) throw new ApiError("not_found", "No such service.");
  authorize(actor, service.teamId, action, "service");
  return service;
}
