/**
 * next-auth's Prisma adapter, with session tokens stored as their sha256 like API tokens (decision 0004).
 * next-auth passes and expects the raw token (the cookie keeps it); only the database sees the hash.
 */
import type { Adapter, AdapterSession } from "next-auth/adapters";
import { hashSecret } from "./tokens";

export function hashedSessionTokens(base: Adapter): Adapter {
  const withRaw = <S extends AdapterSession | null | undefined>(s: S, raw: string): S => (s ? { ...s, sessionToken: raw } : s);
  return {
    ...base,
    async createSession(session) {
      return withRaw(await base.createSession!({ ...session, sessionToken: hashSecret(session.sessionToken) }), session.sessionToken);
    },
    async getSessionAndUser(sessionToken) {
      const found = await base.getSessionAndUser!(hashSecret(sessionToken));
      return found ? { user: found.user, session: withRaw(found.session, sessionToken) } : null;
    },
    async updateSession(session) {
      return withRaw(await base.updateSession!({ ...session, sessionToken: hashSecret(session.sessionToken) }), session.sessionToken);
    },
    async deleteSession(sessionToken) {
      // next-auth only hands the deleted session to the signOut event, which Preflight does not use.
      await base.deleteSession!(hashSecret(sessionToken));
    },
  };
}
