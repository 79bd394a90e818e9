import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { log, type Logger } from "@/lib/log";
import { errorResponse } from "./errors";

export interface RequestContext {
  requestId: string;
  log: Logger;
}

/**
 * Wraps a route handler: gives it a request id and a child logger, logs one line per request,
 * and turns every thrown error into the one JSON error shape (never a stack trace).
 */
export function route<P = unknown>(
  fn: (req: NextRequest, ctx: RequestContext & { params: P }) => Promise<Response>,
) {
  return async (req: NextRequest, segment: { params: Promise<P> }): Promise<Response> => {
    const requestId = req.headers.get("x-request-id")?.slice(0, 64) || randomUUID();
    const started = performance.now();
    const child = log.child({ requestId });
    let res: Response;
    try {
      res = await fn(req, { requestId, log: child, params: await segment.params });
    } catch (err) {
      res = errorResponse(err, requestId);
    }
    res = withCacheHeaders(res);
    const ms = performance.now() - started;
    res.headers.set("x-request-id", requestId);
    // Time spent in our handler (after Next's routing), for benchmarks and browser dev tools.
    res.headers.set("server-timing", `app;dur=${ms.toFixed(1)}`);
    if (req.nextUrl.protocol === "https:" || req.headers.get("x-forwarded-proto") === "https") {
      res.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
    }
    child.info({ method: req.method, path: req.nextUrl.pathname, status: res.status, ms: Math.round(ms) }, "request");
    return res;
  };
}

/**
 * API answers hold one caller's data: browsers and proxies must not store them. `jsonResponse` sets the
 * policy (and `no-transform` on small bodies, see lib/http/json.ts); this covers any other answer.
 */
function withCacheHeaders(res: Response): Response {
  if (!res.headers.has("cache-control")) res.headers.set("cache-control", "no-store");
  return res;
}
