/** Test fixtures for integration tests: teams, users with roles, and their Actor objects. */
import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { API_TOKEN_PREFIX, hashSecret } from "@/lib/auth/tokens";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export async function makeTeam(slug = `team-${randomBytes(3).toString("hex")}`) {
  return db.team.create({ data: { slug, name: slug } });
}

export async function makeMember(teamId: string, role: Role, email = `${role}-${randomBytes(3).toString("hex")}@example.com`): Promise<Actor> {
  const user = await db.user.upsert({ where: { email }, update: {}, create: { email } });
  await db.membership.create({ data: { teamId, userId: user.id, role } });
  const roles = new Map((await db.membership.findMany({ where: { userId: user.id } })).map((m) => [m.teamId, m.role]));
  return { userId: user.id, email, name: null, via: "ui", roles };
}

/** An API token of `role` for the user in the team; returns the secret to send as a bearer token. */
export async function tokenFor(teamId: string, userId: string, role: Role): Promise<string> {
  const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  await db.apiToken.create({ data: { teamId, userId, name: "t", role, tokenHash: hashSecret(secret), prefix: secret.slice(0, 9) } });
  return secret;
}

/** A signed-in session's cookie header: the database holds the token's sha256 as next-auth stores it (decision 0004). */
export async function sessionCookieFor(userId: string): Promise<string> {
  const sessionToken = randomBytes(24).toString("hex");
  await db.session.create({ data: { sessionToken: hashSecret(sessionToken), userId, expires: new Date(Date.now() + 3600_000) } });
  return `next-auth.session-token=${sessionToken}`;
}
