import { createHash, randomBytes } from "node:crypto";

/** A random secret for links and API tokens; only its sha256 is ever stored. */
export function generateSecret(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}


export const API_TOKEN_PREFIX = "pf_";
