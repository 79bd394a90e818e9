import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { changeMemberRole, removeMember } from "@/lib/teams/members";
import { makeMember, makeTeam } from "../helpers/actors";

const ctx = { ip: "203.0.113.9", requestId: "req-members" };

describe("team members", () => {
  it("the last owner can be neither demoted nor removed, and nothing changes", async () => {
    const team = await makeTeam();
    const owner = await makeMember(team.id, "owner");
    await expect(changeMemberRole(owner, team.id, owner.userId, { role: "editor" }, ctx)).rejects.toMatchObject({ code: "conflict" });
    await expect(removeMember(owner, team.id, owner.userId, ctx)).rejects.toMatchObject({ code: "conflict" });
    expect((await db.membership.findMany({ where: { teamId: team.id } })).map((m) => m.role)).toEqual(["owner"]);
    expect(await db.auditEvent.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("two owners demoting each other at the same moment leave one owner: one change lands, the other is refused", async () => {
    for (let round = 0; round < 5; round++) {
      const team = await makeTeam();
      const a = await makeMember(team.id, "owner");
      const b = await makeMember(team.id, "owner");
      const results = await Promise.allSettled([
        changeMemberRole(a, team.id, b.userId, { role: "editor" }, ctx),
        changeMemberRole(b, team.id, a.userId, { role: "editor" }, ctx),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
      expect(await db.membership.count({ where: { teamId: team.id, role: "owner" } })).toBe(1);
      expect(await db.auditEvent.count({ where: { teamId: team.id, action: "member.role" } })).toBe(1);
    }
  });

  it("an owner removing the other owner while being demoted by them leaves one owner", async () => {
    for (let round = 0; round < 5; round++) {
      const team = await makeTeam();
      const a = await makeMember(team.id, "owner");
      const b = await makeMember(team.id, "owner");
      await Promise.allSettled([removeMember(a, team.id, b.userId, ctx), changeMemberRole(b, team.id, a.userId, { role: "viewer" }, ctx)]);
      expect(await db.membership.count({ where: { teamId: team.id, role: "owner" } })).toBe(1);
    }
  });
});
