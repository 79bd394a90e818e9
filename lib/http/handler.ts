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
    res = await withCacheHeaders(res);
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

/** The size under which the compressor would skip a body if it knew its length (its default threshold). */
const SMALL_JSON_BYTES = 1024;

/**
 * API answers are one caller's data, so browsers and proxies must not store them (`no-store`).
 * Next streams a route handler's body without its length, so its gzip step compresses every answer,
 * even a 300-byte JSON one: about 1 ms of CPU per request to save a few bytes. A small JSON answer
 * also gets `no-transform`, which tells the compressor (and any proxy) to send it as it is.
 */
async function withCacheHeaders(res: Response): Promise<Response> {
  if (res.headers.has("cache-control")) return res;
  if (!res.body || !res.headers.get("content-type")?.startsWith("application/json")) {
    res.headers.set("cache-control", "no-store");
    return res;
  }
  const body = await res.arrayBuffer();
  const headers = new Headers(res.headers);
  headers.set("cache-control", body.byteLength < SMALL_JSON_BYTES ? "no-store, no-transform" : "no-store");
  return new Response(body, { status: res.status, statusText: res.statusText, headers });
}
