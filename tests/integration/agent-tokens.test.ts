/** Agent tokens: created by team owners (API) and the CLI, shown once, stored hashed, revocable, audited. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import * as agentTokens from "@/app/api/v1/teams/[team]/agent-tokens/route";
import * as agentToken from "@/app/api/v1/teams/[team]/agent-tokens/[id]/route";
import { AGENT_POLL_SECONDS } from "@/lib/agents/protocol";
import { agentFromBearer, createAgentToken } from "@/lib/agents/tokens";
import { runAlertSweep } from "@/lib/alerts/sweep";
import { hashSecret } from "@/lib/auth/tokens";
import { databaseUrl, db, sqlPool } from "@/lib/db";
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

describe("agent.offline", () => {
  it("is raised once per silence for an agent that stopped polling for three poll times, team-wide", async () => {
    const team = await makeTeam();
    const now = new Date();
    const make = async (location: string, secondsAgo: number | null) => {
      const { token } = await createAgentToken({ system: "test" }, team.id, { location });
      const lastSeenAt = secondsAgo === null ? null : new Date(now.getTime() - secondsAgo * 1000);
      return db.agentToken.update({ where: { id: token.id }, data: { lastSeenAt } });
    };
    const silent = await make("silent", 3 * AGENT_POLL_SECONDS + 5);
    await make("polling", AGENT_POLL_SECONDS);
    await make("new", null);
    const revoked = await make("gone", 3 * AGENT_POLL_SECONDS + 5);
    await db.agentToken.update({ where: { id: revoked.id }, data: { revokedAt: now } });

    expect((await runAlertSweep(sqlPool(), now)).agentsOffline).toBe(1);
    expect((await runAlertSweep(sqlPool(), now)).agentsOffline).toBe(0);
    const events = await db.alertEvent.findMany({ where: { teamId: team.id, type: "agent.offline" } });
    expect(events).toEqual([expect.objectContaining({ serviceId: null, details: expect.objectContaining({ agentTokenId: silent.id, location: "silent" }) })]);

    // Back, then silent again: a new silence warns again.
    const later = new Date(now.getTime() + 3600_000);
    await db.agentToken.update({ where: { id: silent.id }, data: { lastSeenAt: new Date(later.getTime() - 100_000) } });
    await runAlertSweep(sqlPool(), later);
    const ofSilent = await db.alertEvent.findMany({ where: { type: "agent.offline", details: { path: ["agentTokenId"], equals: silent.id } } });
    expect(ofSilent).toHaveLength(2);
  });
});
