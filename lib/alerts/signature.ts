/**
 * The signature of generic webhooks (docs/alerting.md):
 *   Preflight-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the channel's signing secret>
 * The timestamp is signed with the body so a receiver can refuse old replays; how old is too old is the
 * receiver's call (we reject nothing for clock skew). How a receiver verifies it is the snippet in
 * docs/alerting.md, which tests run as written there (tests/helpers/documented-verifier.ts).
 */
import { createHmac, randomBytes } from "node:crypto";

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
