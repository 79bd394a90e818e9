/**
 * Findings of the security review (docs/permissions.md), each shown as a refusal that changes nothing.
 */
import { describe, expect, it } from "vitest";
import { actorFromBearer } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { createApiToken } from "@/lib/teams/api-tokens";
import { createInvitation } from "@/lib/teams/invitations";
import { makeMember, makeTeam } from "../helpers/actors";

const ctx = { ip: "203.0.113.9", requestId: "req-sec" };

describe("an API token acts with the lesser of its role and its creator's", () => {
  it("an owner's editor token invites reviewers and viewers only, like an editor: no owner or editor invitation is written", async () => {
    const team = await makeTeam();
    const owner = await makeMember(team.id, "owner");
    const { secret } = await createApiToken(owner, team.id, { name: "ci", role: "editor" }, ctx);
    const viaToken = await actorFromBearer(secret);
    for (const role of ["owner", "editor"] as const) {
      await expect(createInvitation(viaToken, team.id, { email: `${role}-escalation@example.org`, role }, ctx)).rejects.toMatchObject({ code: "forbidden" });
    }
    expect(await db.invitation.count({ where: { teamId: team.id } })).toBe(0);
    // What an editor may do, the token still does.
    await createInvitation(viaToken, team.id, { email: "viewer@example.org", role: "viewer" }, ctx);
    expect(await db.invitation.count({ where: { teamId: team.id } })).toBe(1);
  });
});
