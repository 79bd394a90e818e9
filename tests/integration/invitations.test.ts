import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashSecret } from "@/lib/auth/tokens";
import { acceptInvitation, createInvitation, INVITATION_TTL_MS, lookupInvitation, resendInvitation, revokeInvitation } from "@/lib/teams/invitations";
import { makeMember, makeTeam } from "../helpers/actors";

const ctx = { ip: "203.0.113.7", requestId: "req-1" };

describe("invitations", () => {
  it("store only a hash of the token, and work once", async () => {
    const team = await makeTeam();
    const owner = await makeMember(team.id, "owner");
    const { invitation, token } = await createInvitation(owner, team.id, { email: "New.Person@Example.org", role: "reviewer" }, ctx);
    expect(invitation.email).toBe("new.person@example.org");
    expect(invitation.tokenHash).toBe(hashSecret(token));
    const raw = await db.$queryRaw<{ hit: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM "Invitation" i WHERE i::text LIKE '%' || ${token} || '%') AS hit`;
    expect(raw[0]!.hit).toBe(false);

    const accepted = await acceptInvitation(token, ctx);
    const membership = await db.membership.findUnique({ where: { teamId_userId: { teamId: team.id, userId: accepted.userId } } });
    expect(membership?.role).toBe("reviewer");
    await expect(acceptInvitation(token, ctx)).rejects.toThrow(/accepted/);
    expect(await lookupInvitation(token)).toEqual({ ok: false, reason: "accepted" });
    const audit = await db.auditEvent.findMany({ where: { teamId: team.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorEmail, a.ip])).toEqual([
      ["invitation.create", owner.email, "203.0.113.7"],
      ["invitation.accept", "new.person@example.org", "203.0.113.7"],
    ]);
  });

  it("expire after 7 days (controlled clock)", async () => {
    const team = await makeTeam();
    const owner = await makeMember(team.id, "owner");
    const t0 = new Date("2026-03-01T12:00:00Z");
    const { token } = await createInvitation(owner, team.id, { email: "late@example.org", role: "viewer" }, ctx, t0);
    const justBefore = new Date(t0.getTime() + INVITATION_TTL_MS - 1000);
    const justAfter = new Date(t0.getTime() + INVITATION_TTL_MS + 1000);
    expect((await lookupInvitation(token, justBefore)).ok).toBe(true);
    expect(await lookupInvitation(token, justAfter)).toEqual({ ok: false, reason: "expired" });
    await expect(acceptInvitation(token, ctx, justAfter)).rejects.toThrow(/expired/);
    expect(await db.membership.count({ where: { teamId: team.id } })).toBe(1);
  });

  it("can be revoked, and resending replaces the link", async () => {
    const team = await makeTeam();
    const owner = await makeMember(team.id, "owner");
    const first = await createInvitation(owner, team.id, { email: "r@example.org", role: "viewer" }, ctx);
    const resent = await resendInvitation(owner, team.id, first.invitation.id, ctx);
    expect(await lookupInvitation(first.token)).toEqual({ ok: false, reason: "unknown" });
    expect((await lookupInvitation(resent.token)).ok).toBe(true);
    await revokeInvitation(owner, team.id, first.invitation.id, ctx);
    expect(await lookupInvitation(resent.token)).toEqual({ ok: false, reason: "revoked" });
    await expect(acceptInvitation(resent.token, ctx)).rejects.toThrow(/revoked/);
    await expect(revokeInvitation(owner, team.id, first.invitation.id, ctx)).rejects.toThrow(/already revoked/);
  });

  it("editors invite reviewers and viewers only; reviewers and viewers invite nobody", async () => {
    const team = await makeTeam();
    const editor = await makeMember(team.id, "editor");
    const reviewer = await makeMember(team.id, "reviewer");
    await expect(createInvitation(editor, team.id, { email: "x@example.org", role: "owner" }, ctx)).rejects.toThrow(/reviewer or viewer/);
    await expect(createInvitation(editor, team.id, { email: "x@example.org", role: "editor" }, ctx)).rejects.toThrow(/reviewer or viewer/);
    await expect(createInvitation(reviewer, team.id, { email: "x@example.org", role: "viewer" }, ctx)).rejects.toThrow(/may not/);
    const ok = await createInvitation(editor, team.id, { email: "x@example.org", role: "viewer" }, ctx);
    expect(ok.invitation.role).toBe("viewer");
    // A second invitation for the same email replaces the pending one.
    const again = await createInvitation(editor, team.id, { email: "x@example.org", role: "reviewer" }, ctx);
    expect(await lookupInvitation(ok.token)).toEqual({ ok: false, reason: "revoked" });
    expect((await lookupInvitation(again.token)).ok).toBe(true);
  });

  it("refuses invalid input and existing members without writing", async () => {
    const team = await makeTeam();
    const owner = await makeMember(team.id, "owner", "boss@example.com");
    await expect(createInvitation(owner, team.id, { email: "not-an-email", role: "viewer" }, ctx)).rejects.toThrow();
    await expect(createInvitation(owner, team.id, { email: "boss@example.com", role: "viewer" }, ctx)).rejects.toThrow(/already a member/);
    expect(await db.invitation.count({ where: { teamId: team.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { teamId: team.id } })).toBe(0);
  });
});

describe("audit log", () => {
  it("is append-only for the app (the database refuses updates and deletes)", async () => {
    const team = await makeTeam();
    const owner = await makeMember(team.id, "owner");
    await createInvitation(owner, team.id, { email: "a@example.org", role: "viewer" }, ctx);
    const event = await db.auditEvent.findFirstOrThrow({ where: { teamId: team.id } });
    await expect(db.auditEvent.update({ where: { id: event.id }, data: { action: "forged" } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    // Deleting the team keeps its events (teamId becomes null).
    await db.team.delete({ where: { id: team.id } });
    const kept = await db.auditEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(kept.teamId).toBeNull();
    expect(kept.action).toBe("invitation.create");
  });
});
