import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A random secret for links and API tokens; only its sha256 is ever stored. */
export function generateSecret(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const API_TOKEN_PREFIX = "pf_";
