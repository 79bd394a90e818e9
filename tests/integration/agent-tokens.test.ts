/** Agent tokens: created by team owners (API) and the CLI, shown once, stored hashed, revocable, audited. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import * as agentTokens from "@/app/api/v1/teams/[team]/agent-tokens/route";
import * as agentToken from "@/app/api/v1/teams/[team]/agent-tokens/[id]/route";
import { agentFromBearer } from "@/lib/agents/tokens";
import { hashSecret } from "@/lib/auth/tokens";
import { databaseUrl, db } from "@/lib/db";
import { makeMember, makeTeam, tokenFor } from "../helpers/actors";

const run = promisify(execFile);

const call = (bearer: string, method: string, path: string, body?: unknown) =>
  new NextRequest(`http://localhost${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

describe("agent tokens through the API", () => {
  it("owners create (secret once, stored hashed), list with the agent's status, and revoke; editors may not", async () => {
    const team = await makeTeam();
    const owner = await makeMember(team.id, "owner");
    const editor = await makeMember(team.id, "editor");
    const ownerBearer = await tokenFor(team.id, owner.userId, "owner");
    const editorBearer = await tokenFor(team.id, editor.userId, "editor");
    const params = { params: Promise.resolve({ team: team.slug }) };
    const path = `/api/v1/teams/${team.slug}/agent-tokens`;

    const refused = await agentTokens.POST(call(editorBearer, "POST", path, { location: "eu-west" }), params);
    expect(refused.status).toBe(403);
    const invalid = await agentTokens.POST(call(ownerBearer, "POST", path, { location: "central" }), params);
    expect(invalid.status).toBe(422);

    const created = await agentTokens.POST(call(ownerBearer, "POST", path, { location: "eu-west", name: "Frankfurt" }), params);
    expect(created.status).toBe(201);
    const { agentToken: made } = (await created.json()) as { agentToken: { id: string; secret: string; status: string; location: string } };
    expect(made).toMatchObject({ location: "eu-west", status: "never-seen" });
    expect(made.secret).toMatch(/^pfa_/);
    const stored = await db.agentToken.findUniqueOrThrow({ where: { id: made.id } });
    expect(stored.tokenHash).toBe(hashSecret(made.secret));
    expect(JSON.stringify(stored)).not.toContain(made.secret);

    await agentFromBearer(made.secret);
    const listed = (await (await agentTokens.GET(call(ownerBearer, "GET", path), params)).json()) as { agentTokens: { id: string; status: string; lastSeenAt: string | null }[] };
    expect(listed.agentTokens).toEqual([expect.objectContaining({ id: made.id, status: "online", lastSeenAt: expect.any(String) })]);

    const revoked = await agentToken.DELETE(call(ownerBearer, "DELETE", `${path}/${made.id}`), { params: Promise.resolve({ team: team.slug, id: made.id }) });
    expect(revoked.status).toBe(200);
    await expect(agentFromBearer(made.secret)).rejects.toMatchObject({ code: "unauthorized" });
    const audit = await db.auditEvent.findMany({ where: { teamId: team.id, targetType: "agent_token" }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["agent_token.create", "agent_token.revoke"]);
  });
});

describe("npm run preflight -- agent-token create", () => {
  it("prints the token last; it authenticates as an agent of that team and location", async () => {
    const team = await makeTeam();
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/cli.ts", "agent-token", "create", "--team", team.slug, "--location", "lab"], {
      env: { ...process.env, DATABASE_URL: databaseUrl() },
    });
    const secret = stdout.trim().split("\n").at(-1)!;
    expect(secret).toMatch(/^pfa_[A-Za-z0-9_-]{40,}$/);
    expect(await agentFromBearer(secret)).toMatchObject({ teamId: team.id, location: "lab" });
    expect(await db.auditEvent.count({ where: { teamId: team.id, action: "agent_token.create", actorEmail: "cli" } })).toBe(1);
  });
});
