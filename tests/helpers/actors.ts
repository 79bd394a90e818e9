/** Test fixtures for integration tests: teams, users with roles, and their Actor objects. */
import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
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
