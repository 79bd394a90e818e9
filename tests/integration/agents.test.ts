/**
 * Remote probe agents (issue 18, decision 0042): agents started from the bundle in a directory without
 * node_modules probe checks the central server never reaches; a check probed from two locations with a
 * majority rule opens an incident only when both see it down; a killed agent's claims go to another
 * agent once their lease ends, and a lease another agent holds refuses the first agent's results.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import * as uptimeRoute from "@/app/api/v1/services/[slug]/uptime/route";
import { AGENT_LEASE_MARGIN_SECONDS } from "@/lib/agents/claims";
import { recordAgentResults } from "@/lib/agents/store";
import { createAgentToken } from "@/lib/agents/tokens";
import { db, sqlPool } from "@/lib/db";
import { runProbeRound } from "@/lib/probes/round";
import { createTargetPolicy } from "@/lib/probes/target-policy";
import { createCheck, updateCheck } from "@/lib/checks/manage";
import { createCheckSchema, patchCheckSchema } from "@/lib/checks/schemas";
import { makeMember, makeTeam, tokenFor } from "../helpers/actors";
import { agentApiServer, builtAgentBundle, startAgent, until, type RunningAgent } from "../helpers/agent-harness";
import { dueAt } from "../helpers/due";
import { httpTarget, type TestTarget } from "../helpers/probe-targets";

let target: TestTarget;
let failing = false;
let api: Awaited<ReturnType<typeof agentApiServer>>;
let bundle: string;
const agents: RunningAgent[] = [];

beforeAll(async () => {
  target = await httpTarget("/", (req, res) => {
    const slow = req.url?.startsWith("/slow/");
    setTimeout(() => {
      res.writeHead(failing && !slow ? 503 : 200);
      res.end("ok");
    }, slow ? 1500 : 0);
  });
  api = await agentApiServer();
  bundle = builtAgentBundle();
});
afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop("SIGKILL")));
  await api.close();
  await target.close();
});

async function agentFor(teamId: string, location: string, extra: string[] = []) {
  const { secret } = await createAgentToken({ system: "test" }, teamId, { location });
  const agent = startAgent(bundle, ["--url", api.url, "--token", secret, "--location", location, "--wait-seconds", "1", ...extra]);
  agents.push(agent);
  return agent;
}

async function serviceWithCheck(locations: string[], url: string, extra: Partial<{ downQuorum: number; timeoutMs: number; intervalSeconds: number }> = {}) {
  const team = await makeTeam();
  const service = await db.service.create({ data: { teamId: team.id, slug: `agents-${team.slug}`, name: "Agents" } });
  const check = await db.healthCheck.create({
    data: { serviceId: service.id, url, locations, failuresBeforeDown: 1, intervalSeconds: 10, timeoutMs: 2000, nextRunAt: dueAt(), ...extra },
  });
  return { team, service, check };
}

const resultsOf = async (checkId: string) =>
  (await sqlPool().query<{ location: string; outcome: string; errorClass: string | null }>(`SELECT location, outcome, "errorClass" FROM "ProbeResult" WHERE "checkId" = $1 ORDER BY at`, [checkId])).rows;

describe("an agent at location remote", () => {
  it("probes a target the central scheduler may never reach, and its results show on the uptime API", async () => {
    const { team, service, check } = await serviceWithCheck(["remote"], `${target.url}remote`);
    // The central scheduler is configured never to reach the target, and never claims the check.
    const central = await runProbeRound({ probeOptions: { policy: createTargetPolicy({ deny: "127.0.0.0/8" }) } });
    expect(central.claimed).toBe(0);
    expect(await resultsOf(check.id)).toEqual([]);

    const agent = await agentFor(team.id, "remote");
    const rows = await until("the agent's result", async () => ((await resultsOf(check.id)).length ? resultsOf(check.id) : null));
    expect(rows[0]).toMatchObject({ location: "remote", outcome: "up" });
    expect(target.hits.get("/remote")).toBeGreaterThanOrEqual(1);
    const after = await db.healthCheck.findUniqueOrThrow({ where: { id: check.id } });
    expect(after.status).toBe("up");
    expect((await db.agentToken.findFirstOrThrow({ where: { teamId: team.id } })).lastSeenAt).not.toBeNull();

    expect(await agent.stop()).toBe(0);
    const viewer = await makeMember(team.id, "viewer");
    const bearer = await tokenFor(team.id, viewer.userId, "viewer");
    const answer = await uptimeRoute.GET(
      new NextRequest(`http://localhost/api/v1/services/${service.slug}/uptime?range=24h`, { headers: { authorization: `Bearer ${bearer}` } }),
      { params: Promise.resolve({ slug: service.slug }) },
    );
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { probes: number; counts: { up: number } };
    expect(body.probes).toBeGreaterThanOrEqual(1);
    expect(body.counts.up).toBe(body.probes);
    // Per location: the agent's location has them all, the central server none, another location none.
    const at = async (location: string) => {
      const res = await uptimeRoute.GET(
        new NextRequest(`http://localhost/api/v1/services/${service.slug}/uptime?range=24h&location=${location}`, { headers: { authorization: `Bearer ${bearer}` } }),
        { params: Promise.resolve({ slug: service.slug }) },
      );
      expect(res.status).toBe(200);
      return ((await res.json()) as { probes: number }).probes;
    };
    expect(await at("remote")).toBe(body.probes);
    expect(await at("central")).toBe(0);
    expect(await at("elsewhere")).toBe(0);
  });
});

describe("two locations, majority rule", () => {
  it("one location down opens no incident; both down open one", async () => {
    failing = false;
    const { team, check } = await serviceWithCheck(["remote-a", "remote-b"], `${target.url}pair`);
    await agentFor(team.id, "remote-a");
    // remote-b's own deny list refuses the target: its probes are down ("blocked") while remote-a's are up.
    await agentFor(team.id, "remote-b", ["--deny", "127.0.0.0/8"]);
    const states = () => db.checkLocationState.findMany({ where: { checkId: check.id }, orderBy: { location: "asc" } });
    await until("both locations probed", async () => {
      const s = await states();
      return s.length === 2 && s.every((l) => l.lastRunAt) ? s : null;
    });
    expect((await states()).map((s) => [s.location, s.status])).toEqual([["remote-a", "up"], ["remote-b", "down"]]);
    expect((await resultsOf(check.id)).find((r) => r.location === "remote-b")).toMatchObject({ outcome: "down", errorClass: "blocked" });
    expect(await db.incident.count({ where: { checkId: check.id } })).toBe(0);
    expect((await db.healthCheck.findUniqueOrThrow({ where: { id: check.id } })).status).toBe("up");
    const perLocation = await sqlPool().query<{ location: string; up: number; down: number }>(
      `SELECT location, sum(up)::int AS up, sum(down)::int AS down FROM "ProbeLocationRollup" WHERE "checkId" = $1 AND granularity = 'minute' GROUP BY 1 ORDER BY 1`,
      [check.id],
    );
    expect(perLocation.rows.map((r) => [r.location, r.up > 0, r.down > 0])).toEqual([["remote-a", true, false], ["remote-b", false, true]]);

    // The target fails: remote-a sees it down too, and the quorum (2 of 2) opens the incident.
    failing = true;
    await db.checkLocationState.updateMany({ where: { checkId: check.id }, data: { nextRunAt: dueAt() } });
    const incident = await until("the incident", () => db.incident.findFirst({ where: { checkId: check.id } }));
    expect(incident.endedAt).toBeNull();
    expect((await db.healthCheck.findUniqueOrThrow({ where: { id: check.id } })).status).toBe("down");
    expect(await db.alertEvent.count({ where: { type: "check.down", serviceId: check.serviceId } })).toBe(1);
    failing = false;
  });
});

describe("an agent killed mid-batch", () => {
  it("loses only its probes in flight; another agent probes its claims within one interval plus the lease", async () => {
    const team = await makeTeam();
    const service = await db.service.create({ data: { teamId: team.id, slug: `killed-${team.slug}`, name: "Killed" } });
    const CHECKS = 4;
    const timeoutMs = 3000;
    const intervalSeconds = 60;
    await db.healthCheck.createMany({
      data: Array.from({ length: CHECKS }, (_, i) => ({ serviceId: service.id, name: `k${i}`, url: `${target.url}slow/${i}`, locations: ["far"], failuresBeforeDown: 1, intervalSeconds, timeoutMs, nextRunAt: dueAt() })),
    });
    const ids = (await db.healthCheck.findMany({ where: { serviceId: service.id } })).map((c) => c.id);
    const first = await agentFor(team.id, "far", ["--concurrency", String(CHECKS)]);
    // Every check claimed and its probe started (the target answers after 1.5 s): kill the agent now.
    await until("all probes in flight", async () => [...Array(CHECKS).keys()].every((i) => target.hits.get(`/slow/${i}`) === 1));
    await first.stop("SIGKILL");
    const leases = await db.checkLocationState.findMany({ where: { checkId: { in: ids } } });
    expect(leases.every((l) => l.leaseHolder && l.leaseUntil)).toBe(true);
    const firstHolder = leases[0]!.leaseHolder!;

    await agentFor(team.id, "far", ["--concurrency", String(CHECKS)]);
    const budgetMs = (intervalSeconds + timeoutMs / 1000 + AGENT_LEASE_MARGIN_SECONDS) * 1000;
    await until(
      "the second agent's results",
      async () => (await db.probeResult.count({ where: { checkId: { in: ids } } })) === CHECKS,
      budgetMs,
    );
    // Probed once each after the kill (the first agent's probes in flight were lost, nothing else).
    for (let i = 0; i < CHECKS; i++) expect(target.hits.get(`/slow/${i}`)).toBe(2);
    // The lost claims waited for their lease to end, no longer than one interval past it.
    const probedAt = await db.probeResult.findMany({ where: { checkId: { in: ids } }, select: { checkId: true, at: true } });
    for (const r of probedAt) {
      const lease = leases.find((l) => l.checkId === r.checkId)!.leaseUntil!;
      expect(r.at.getTime()).toBeGreaterThanOrEqual(lease.getTime());
      expect(r.at.getTime()).toBeLessThanOrEqual(lease.getTime() + intervalSeconds * 1000);
    }

    // A result from an agent whose lease is gone is refused, never written.
    const outcome = await recordAgentResults({ id: firstHolder, teamId: team.id, location: "far" }, [
      { checkId: ids[0]!, at: new Date().toISOString(), httpStatus: 200, latencyMs: 1, dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, outcome: "up", errorClass: null, errorMessage: null, tlsExpiresAt: null, securityHeaders: null, refusedReason: null },
    ], sqlPool());
    expect(outcome).toMatchObject({ accepted: 0, rejected: [{ checkId: ids[0] }] });
    expect(await db.probeResult.count({ where: { checkId: { in: ids } } })).toBe(CHECKS);
  }, 120_000);
});

describe("the checks API's locations", () => {
  it("defaults to central, takes agent locations and a quorum, and refuses what it cannot honour", async () => {
    const team = await makeTeam();
    const editor = await makeMember(team.id, "editor");
    const service = await db.service.create({ data: { teamId: team.id, slug: `loc-${team.slug}`, name: "Locations" } });
    const plain = await createCheck(editor, service.slug, createCheckSchema.parse({ url: `${target.url}plain` }), {});
    expect(plain).toMatchObject({ locations: ["central"], downQuorum: null });
    const spread = await createCheck(editor, service.slug, createCheckSchema.parse({ url: `${target.url}spread`, locations: ["eu-west", "us-east", "ap-south"], downQuorum: 1 }), {});
    expect(spread).toMatchObject({ locations: ["eu-west", "us-east", "ap-south"], downQuorum: 1 });

    const issues = (input: unknown) => {
      const parsed = createCheckSchema.safeParse(input);
      return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."));
    };
    expect(issues({ url: `${target.url}x`, locations: ["central", "eu-west"] })).toEqual(["locations"]);
    expect(issues({ url: `${target.url}x`, locations: ["eu-west"], downQuorum: 2 })).toEqual(["downQuorum"]);
    expect(issues({ url: `${target.url}x`, locations: ["EU West"] })).toEqual(["locations.0"]);
    expect(issues({ url: `${target.url}x`, locations: [] })).toEqual(["locations"]);
    await expect(updateCheck(editor, service.slug, spread.id, patchCheckSchema.parse({ downQuorum: 4 }), {})).rejects.toMatchObject({
      code: "unprocessable",
      issues: [expect.objectContaining({ path: "downQuorum" })],
    });
  });
});
