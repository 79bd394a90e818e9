/** Rules on health-check header names, shared by the server and the forms in the browser (no secrets here). */

/**
 * Only environment variables with this prefix may be referenced by a check: otherwise an editor could
 * have the server's own secrets (NEXTAUTH_SECRET, DATABASE_URL) sent to a target of their choosing.
 */
export const HEADER_ENV_PREFIX = "PROBE_SECRET_";

/** RFC 9110 token characters. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Headers the HTTP client owns (framing, connection, cookies, proxies): a check may not set them. */
const FORBIDDEN = new Set([
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "upgrade",
  "te",
  "trailer",
  "expect",
  "accept-encoding",
  "cookie",
  "cookie2",
  "set-cookie",
  "via",
  "http2-settings",
]);
const FORBIDDEN_PREFIXES = ["proxy-", "sec-"];

export function isForbiddenHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return FORBIDDEN.has(lower) || FORBIDDEN_PREFIXES.some((p) => lower.startsWith(p));
}
