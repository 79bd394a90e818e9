/** Route-handler wrapper for the JSON API: request id, logging, error shape, and the acting user or token. */
import type { NextRequest } from "next/server";
import type { Actor } from "@/lib/auth/actor";
import { clientIp, requireRequestActor } from "@/lib/auth/request";
import type { AuditContext } from "@/lib/audit/record";
import { route, type RequestContext } from "./handler";

export interface ApiContext<P> extends RequestContext {
  params: P;
  actor: Actor;
  /** What the audit log needs to know about this request. */
  audit: Omit<AuditContext, "actor">;
}

export function apiRoute<P = Record<string, never>>(fn: (req: NextRequest, ctx: ApiContext<P>) => Promise<Response>) {
  return route<P>(async (req, ctx) => {
    const actor = await requireRequestActor(req);
    return fn(req, { ...ctx, actor, audit: { ip: clientIp(req.headers), requestId: ctx.requestId } });
  });
}
