/**
 * Request headers of a health check may carry secrets (an API key for a protected health endpoint).
 * They are stored either sealed with AES-256-GCM under a key derived from NEXTAUTH_SECRET, or as the
 * name of an environment variable read at probe time. Neither form is ever returned by the API.
 *
 * Stored shape (HealthCheck.headers): [{ name, sealed: "v1.<iv>.<tag>.<ciphertext>" } | { name, env: "VAR" }]
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { z } from "zod";
import { env, probeSecretSource } from "@/lib/env";
import { HEADER_ENV_PREFIX } from "./header-names";

export const storedHeaderSchema = z.union([
  z.object({ name: z.string(), sealed: z.string() }),
  z.object({ name: z.string(), env: z.string() }),
]);
export type StoredHeader = z.infer<typeof storedHeaderSchema>;

// A fixed development key keeps `npm test` and tools working without NEXTAUTH_SECRET; production
// requires the secret (lib/env.ts), so this fallback never seals real data there.
const DEV_SECRET = "preflight-development-secret-not-for-production-use";

function key(): Buffer {
  const secret = env().NEXTAUTH_SECRET ?? DEV_SECRET;
  return Buffer.from(hkdfSync("sha256", secret, "preflight", "check-header-secrets", 32));
}

export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

/** null when the value cannot be opened (tampered, or sealed under another NEXTAUTH_SECRET). */
export function openSecret(sealed: string): string | null {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/**
 * The headers to send with a probe. `problems` names headers that could not be resolved (missing
 * environment variable, unreadable sealed value) so the check can say why, without revealing values.
 */
export function resolveCheckHeaders(stored: unknown, source: Record<string, string | undefined> = probeSecretSource()): { headers: Record<string, string>; problems: string[] } {
  const parsed = z.array(storedHeaderSchema).safeParse(stored ?? []);
  if (!parsed.success) return { headers: {}, problems: ["stored headers are malformed"] };
  const headers: Record<string, string> = {};
  const problems: string[] = [];
  for (const h of parsed.data) {
    if ("env" in h) {
      const value = source[h.env];
      if (!h.env.startsWith(HEADER_ENV_PREFIX)) problems.push(`header ${h.name}: only ${HEADER_ENV_PREFIX}* environment variables may be used`);
      else if (value === undefined || value === "") problems.push(`header ${h.name}: environment variable ${h.env} is not set`);
      else headers[h.name] = value;
    } else {
      const value = openSecret(h.sealed);
      if (value === null) problems.push(`header ${h.name}: sealed value cannot be opened (was NEXTAUTH_SECRET changed?)`);
      else headers[h.name] = value;
    }
  }
  return { headers, problems };
}
