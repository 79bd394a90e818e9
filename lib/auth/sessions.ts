/** Database sessions in next-auth's format, for flows that sign a person in themselves (invitation links). */
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { publicUrl } from "@/lib/env";
import { hashSecret } from "./tokens";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;

/** next-auth uses the __Secure- cookie (and the Secure flag) when the app is served over https. */
export function sessionCookie(): { name: string; secure: boolean } {
  const secure = publicUrl().startsWith("https://");
  return { name: secure ? "__Secure-next-auth.session-token" : "next-auth.session-token", secure };
}

export async function createSession(userId: string, now = new Date()) {
  const sessionToken = randomBytes(32).toString("hex");
  const expires = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  // Only the hash is stored, as next-auth's sessions (lib/auth/session-adapter.ts); the cookie keeps the token.
  await db.session.create({ data: { sessionToken: hashSecret(sessionToken), userId, expires } });
  return { sessionToken, expires };
}
