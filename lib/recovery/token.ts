/** Ping tokens: like API tokens, 256-bit secrets looked up by sha256, kept sealed so editors can copy the URL again. */
import { generateSecret, hashSecret } from "@/lib/auth/tokens";
import { sealSecret } from "@/lib/checks/header-secrets";

export const PING_TOKEN_PREFIX = "pfp_";

export function newPingToken(): { token: string; pingTokenHash: string; pingTokenSealed: string } {
  const token = generateSecret(PING_TOKEN_PREFIX);
  return { token, pingTokenHash: hashSecret(token), pingTokenSealed: sealSecret(token) };
}
