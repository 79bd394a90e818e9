import { db } from "@/lib/db";
import { env } from "@/lib/env";

/**
 * Who may sign in: a user who already belongs to a team, an email with a pending invitation, or a
 * bootstrap owner listed in PREFLIGHT_ADMIN_EMAILS. Anyone else asking for an email link is answered as a
 * member would be and sent nothing; after GitHub or OIDC they get the refusal page (lib/auth/options.ts).
 */
export async function maySignIn(email: string, now = new Date()): Promise<boolean> {
  const address = email.trim().toLowerCase();
  if (!address) return false;
  if (env().PREFLIGHT_ADMIN_EMAILS.includes(address)) return true;
  const member = await db.membership.findFirst({ where: { user: { email: address } }, select: { id: true } });
  if (member) return true;
  const invitation = await db.invitation.findFirst({
    where: { email: address, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true },
  });
  return invitation !== null;
}

