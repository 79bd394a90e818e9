/**
 * The signature of generic webhooks (docs/alerting.md):
 *   Preflight-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the channel's signing secret>
 * The timestamp is signed with the body so a receiver can refuse old replays; how old is too old is the
 * receiver's call (we reject nothing for clock skew).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Preflight-Signature";
export const EVENT_ID_HEADER = "Preflight-Event-Id";

/** A new signing secret for a webhook channel (shown once, stored sealed). */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

function hmac(secret: string, t: number, rawBody: string): string {
  return createHmac("sha256", secret).update(`${t}.${rawBody}`).digest("hex");
}

/** The Preflight-Signature header value for a body sent at `at`. */
export function signWebhook(secret: string, rawBody: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, t, rawBody)}`;
}

/**
 * What a receiver does (and what docs/alerting.md shows): recompute the HMAC over "<t>.<raw body>" and
 * compare in constant time. Returns the signed time, or null when the signature does not verify.
 */
export function verifyWebhookSignature(secret: string, rawBody: string, header: string): Date | null {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1) return null;
  const expected = Buffer.from(hmac(secret, t, rawBody), "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? new Date(t * 1000) : null;
}
