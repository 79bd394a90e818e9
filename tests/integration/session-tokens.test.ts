/**
 * Session tokens are stored as their sha256, like API tokens (decision 0004, issue #12): next-auth's
 * adapter, the invitation flow's sessions, and the rows an older version stored (converted by migration).
 */
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { describe, expect, it } from "vitest";
import { actorFromSessionToken } from "@/lib/auth/actor";
import { hashedSessionTokens } from "@/lib/auth/session-adapter";
import { createSession } from "@/lib/auth/sessions";
import { hashSecret } from "@/lib/auth/tokens";
import { db } from "@/lib/db";
import { makeMember, makeTeam } from "../helpers/actors";

const rowsOf = (userId: string) => db.session.findMany({ where: { userId }, select: { sessionToken: true, expires: true } });

describe("session tokens are stored hashed", () => {
  it("next-auth's adapter stores the sha256 and answers with the raw token it was given (create, read, update, delete)", async () => {
    const team = await makeTeam();
    const member = await makeMember(team.id, "viewer");
    const adapter = hashedSessionTokens(PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]));
    const raw = randomBytes(32).toString("hex");
    const expires = new Date(Date.now() + 3_600_000);

    expect((await adapter.createSession!({ sessionToken: raw, userId: member.userId, expires })).sessionToken).toBe(raw);
    expect(await rowsOf(member.userId)).toEqual([{ sessionToken: hashSecret(raw), expires }]);

    const found = await adapter.getSessionAndUser!(raw);
    expect(found?.session.sessionToken).toBe(raw);
    expect(found?.user.email).toBe(member.email);
    // The stored value is not a credential: looked up as a token it is hashed again and finds nothing.
    expect(await adapter.getSessionAndUser!(hashSecret(raw))).toBeNull();
    expect(await actorFromSessionToken(hashSecret(raw))).toBeNull();
    expect((await actorFromSessionToken(raw))?.userId).toBe(member.userId);

    const later = new Date(expires.getTime() + 3_600_000);
    expect((await adapter.updateSession!({ sessionToken: raw, expires: later }))?.sessionToken).toBe(raw);
    expect(await rowsOf(member.userId)).toEqual([{ sessionToken: hashSecret(raw), expires: later }]);

    await adapter.deleteSession!(raw);
    expect(await rowsOf(member.userId)).toEqual([]);
  });

  it("the sessions an invitation link opens are stored hashed too", async () => {
    const team = await makeTeam();
    const member = await makeMember(team.id, "reviewer");
    const { sessionToken } = await createSession(member.userId);
    expect((await rowsOf(member.userId)).map((r) => r.sessionToken)).toEqual([hashSecret(sessionToken)]);
    expect((await actorFromSessionToken(sessionToken))?.userId).toBe(member.userId);
  });

  it("the migration converts rows stored raw by an older version: their cookies still sign in, and no raw token is left", async () => {
    const team = await makeTeam();
    const member = await makeMember(team.id, "editor");
    const raw = randomBytes(32).toString("hex");
    await db.session.create({ data: { sessionToken: raw, userId: member.userId, expires: new Date(Date.now() + 3_600_000) } });
    expect(await actorFromSessionToken(raw)).toBeNull(); // before the conversion, the new code cannot find it
    const dir = "prisma/migrations/20261207004000_hash_session_tokens";
    // The migration's statement, run again on this one row (the database already ran it, before the row existed).
    await db.$executeRawUnsafe(readFileSync(`${dir}/migration.sql`, "utf8").replace(/;\s*$/, ` WHERE "userId" = '${member.userId}';`));
    expect((await rowsOf(member.userId)).map((r) => r.sessionToken)).toEqual([hashSecret(raw)]);
    expect((await actorFromSessionToken(raw))?.userId).toBe(member.userId);
  });
});
