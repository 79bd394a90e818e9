/**
 * The address of each request's TCP peer, which only the connection knows (docs/decisions/0019).
 *
 * Route handlers and server actions see headers only, and Next's server fills X-Forwarded-For from the
 * socket only when the client sent none, so that header alone is the client's to choose. At server start
 * (instrumentation.ts) every request the Node HTTP server emits is stamped with the socket's address in
 * PEER_HEADER, behind a random per-process nonce, overwriting whatever a client sent under that name.
 * `peerAddress()` believes the header only with that nonce.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import https from "node:https";

export const PEER_HEADER = "x-preflight-peer";
const NONCE = Symbol.for("preflight.peerAddressNonce");

type Stamped = typeof globalThis & { [NONCE]?: string };

/** Patch the servers of this process (once): each request carries `<nonce> <remoteAddress>`. */
export function installPeerAddressStamp(): void {
  const g = globalThis as Stamped;
  if (g[NONCE]) return;
  const nonce = randomBytes(16).toString("hex");
  for (const proto of [http.Server.prototype, https.Server.prototype] as { emit: (event: string | symbol, ...args: unknown[]) => boolean }[]) {
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request" || event === "upgrade") {
        const req = args[0] as http.IncomingMessage;
        req.headers[PEER_HEADER] = `${nonce} ${req.socket?.remoteAddress ?? "unknown"}`;
      }
      return emit.call(this, event, ...args);
    };
  }
  g[NONCE] = nonce;
}

/** The peer address stamped on this request by this process, or null (not stamped, or a client's forgery). */
export function peerAddress(h: Headers): string | null {
  const nonce = (globalThis as Stamped)[NONCE];
  const value = h.get(PEER_HEADER);
  if (!nonce || !value) return null;
  const space = value.indexOf(" ");
  const given = Buffer.from(space < 0 ? value : value.slice(0, space));
  const expected = Buffer.from(nonce);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return value.slice(space + 1) || null;
}
