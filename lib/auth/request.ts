/** Resolving the actor of a request: route handlers (bearer or cookie) and server components (cookie). */
import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import type { NextRequest } from "next/server";
import { env, publicUrl } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { peerAddress } from "@/lib/server/peer-address";
import { isTrustedPeer, type ProxyList } from "@/lib/server/trusted-proxies";
import { actorFromBearer, actorFromSessionToken, SESSION_COOKIES, type Actor } from "./actor";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function sessionTokenFrom(get: (name: string) => string | undefined): string | undefined {
  for (const name of SESSION_COOKIES) {
    const v = get(name);
    if (v) return v;
  }
  return undefined;
}

/**
 * The client's address (per-IP rate limits, the audit log), decision 0019. With `proxyHops` proxies in
 * front: the X-Forwarded-For entry added by the outermost of them (counted from the right), else
 * X-Real-IP. Proxies append to the header the client sent, so its leftmost entries are whatever the
 * client wrote. With none (the default), no forwarded header is believed, whatever it says: the address
 * is the connection's, stamped on the request by this process (lib/server/peer-address.ts). With
 * `trustedProxies` listed, a request whose connection does not come from one of them is judged by its
 * connection's address too.
 */
export function clientIp(h: Headers, proxyHops = env().PREFLIGHT_PROXY_HOPS, trustedProxies: ProxyList = env().PREFLIGHT_TRUSTED_PROXIES): string {
  let ip: string | null = null;
  const peer = peerAddress(h);
  if (proxyHops > 0 && isTrustedPeer(peer, trustedProxies)) {
    const entries = (h.get("x-forwarded-for") ?? "").split(",").map((e) => e.trim()).filter(Boolean);
    ip = entries[Math.max(0, entries.length - proxyHops)] || h.get("x-real-ip");
  }
  return (ip || peer || "unknown").replace(/^::ffff:/, "").slice(0, 64);
}

/**
 * Cookie-authenticated writes must come from our own pages (CSRF): the Origin header must be the
 * app's public origin or the origin the request was addressed to. X-Forwarded-Host/-Proto name that
 * origin only when a proxy is configured (PREFLIGHT_PROXY_HOPS) and the request came through one of the
 * listed proxies (PREFLIGHT_TRUSTED_PROXIES, when set); otherwise they are the client's to write.
 * Bearer-token calls carry no cookie and need no such check.
 */
export function assertSameOrigin(req: NextRequest, proxyHops = env().PREFLIGHT_PROXY_HOPS, trustedProxies: ProxyList = env().PREFLIGHT_TRUSTED_PROXIES): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  const behindProxy = proxyHops > 0 && isTrustedPeer(peerAddress(req.headers), trustedProxies);
  const host = (behindProxy ? req.headers.get("x-forwarded-host") : null) ?? req.headers.get("host");
  const proto = (behindProxy ? req.headers.get("x-forwarded-proto") : null) ?? req.nextUrl.protocol.replace(":", "");
  const allowed = new Set([new URL(publicUrl()).origin, host ? `${proto}://${host}` : ""]);
  if (!origin || !allowed.has(origin)) {
    throw new ApiError("forbidden", "Cross-site request refused: send the request from Preflight's own pages or use an API token.");
  }
}

/** The actor of an API request, or a 401. */
export async function requireRequestActor(req: NextRequest): Promise<Actor> {
  const auth = req.headers.get("authorization");
  if (auth) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!match) throw new ApiError("unauthorized", "Use `Authorization: Bearer <token>`.");
    return actorFromBearer(match[1]!);
  }
  const actor = await actorFromSessionToken(sessionTokenFrom((n) => req.cookies.get(n)?.value));
  if (!actor) throw new ApiError("unauthorized", "Sign in, or send an API token as `Authorization: Bearer <token>`.");
  assertSameOrigin(req);
  return actor;
}

/** The signed-in user of a page or server action, or null (resolved once per request). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const jar = await cookies();
  return actorFromSessionToken(sessionTokenFrom((n) => jar.get(n)?.value));
});

export async function requestIp(): Promise<string> {
  return clientIp(await headers());
}
