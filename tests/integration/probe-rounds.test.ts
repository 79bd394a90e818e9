/**
 * Rounds that overlap or die: two cron rounds at once probe each due check exactly once, and a round
 * killed half-way loses nothing it wrote and leaves no check unprobed for more than two intervals.
 */
import { spawn } from "node:child_process";
import { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, db, sqlPool } from "@/lib/db";
import { startProbeScheduler } from "@/lib/probes/scheduler";
import { createTargetPolicy } from "@/lib/probes/target-policy";
import { runProbeRound } from "@/lib/probes/round";
import { makeTeam } from "../helpers/actors";
import { dueAt } from "../helpers/due";
import { httpTarget, type TestTarget } from "../helpers/probe-targets";

process.env.CRON_SECRET = "test-cron-secret-0123456789";
const { POST } = await import("@/app/api/cron/probe/route");

let target: TestTarget;
let delayMs = 0;

beforeAll(async () => {
  target = await httpTarget("/", (_req, res) => {
    setTimeout(() => {
      res.writeHead(200);
      res.end("ok");
    }, delayMs);
  });
});
afterAll(() => target.close());

async function makeChecks(n: number, opts: { intervalSeconds?: number; timeoutMs?: number } = {}) {
  const team = await makeTeam();
  const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${team.slug}`, name: team.slug } });
  await db.healthCheck.createMany({
    data: Array.from({ length: n }, (_, i) => ({ serviceId: service.id, name: `c${i}`, url: `${target.url}c/${service.id}/${i}`, nextRunAt: dueAt(), ...opts })),
  });
  return { service, checks: await db.healthCheck.findMany({ where: { serviceId: service.id } }) };
}

const cronRequest = (secret: string) => new NextRequest("http://localhost/api/cron/probe", { method: "POST", headers: { authorization: `Bearer ${secret}` } });
const noParams = { params: Promise.resolve({}) };

describe("POST /api/cron/probe", () => {
  it("refuses a caller without the cron secret", async () => {
    const res = await POST(cronRequest("wrong-secret-wrong-secret"), noParams);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("two rounds started at the same moment probe each due check exactly once", async () => {
    delayMs = 20;
    const { service, checks } = await makeChecks(150);
    const [a, b] = await Promise.all([POST(cronRequest(process.env.CRON_SECRET!), noParams), POST(cronRequest(process.env.CRON_SECRET!), noParams)]);
    const [ra, rb] = [await a.json(), await b.json()];
    expect(a.status).toBe(200);
    expect(ra).toEqual({ claimed: expect.any(Number), probed: ra.claimed, failed: 0, durationMs: expect.any(Number) });
    expect(ra.claimed + rb.claimed).toBe(150);
    for (const c of checks) expect(target.hits.get(`/c/${service.id}/${c.name.slice(1)}`)).toBe(1);
    expect(await db.probeResult.count({ where: { checkId: { in: checks.map((c) => c.id) } } })).toBe(150);
  });

  it("two app instances (separate connection pools) never probe the same check twice", async () => {
    delayMs = 5;
    const { service, checks } = await makeChecks(200);
    const other = new pg.Pool({ connectionString: databaseUrl(), max: 5 });
    const probeOptions = { policy: createTargetPolicy() };
    try {
      const rounds = await Promise.all([
        runProbeRound({ pool: sqlPool(), probeOptions, limit: 60 }),
        runProbeRound({ pool: other, probeOptions, limit: 60 }),
        runProbeRound({ pool: sqlPool(), probeOptions, limit: 60 }),
        runProbeRound({ pool: other, probeOptions, limit: 60 }),
      ]);
      expect(rounds.reduce((n, r) => n + r.claimed, 0)).toBe(200);
    } finally {
      await other.end();
    }
    for (const c of checks) expect(target.hits.get(`/c/${service.id}/${c.name.slice(1)}`)).toBe(1);
  });
});

describe("a round killed half-way", () => {
  it("keeps what it wrote, and every check is probed again within two intervals of the restart", async () => {
    delayMs = 250;
    const { checks } = await makeChecks(40, { intervalSeconds: 10, timeoutMs: 2000 });
    const ids = checks.map((c) => c.id);
    const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/probe-round-child.ts"], { env: { ...process.env, DATABASE_URL: databaseUrl() }, stdio: "ignore" });
    const exited = new Promise((r) => child.once("exit", r));
    // Kill it once a few batches have landed, long before the round could finish (40 × 250 ms / 4).
    for (let i = 0; i < 200; i++) {
      if ((await db.probeResult.count({ where: { checkId: { in: ids } } })) >= 8) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill("SIGKILL");
    await exited;
    const killedAt = Date.now();

    const written = await db.probeResult.findMany({ where: { checkId: { in: ids } } });
    expect(written.length).toBeGreaterThanOrEqual(8);
    expect(written.length).toBeLessThan(40);
    // Each written batch landed whole: result, check state and rollup agree.
    const probedIds = new Set(written.map((r) => r.checkId));
    const after = await db.healthCheck.findMany({ where: { id: { in: ids } } });
    let leased = 0;
    for (const c of after) {
      if (probedIds.has(c.id)) {
        expect(c.lastRunAt).not.toBeNull();
        expect(c.leaseUntil).toBeNull();
      } else if (c.leaseUntil) {
        leased++;
        expect(c.leaseUntil.getTime()).toBeGreaterThan(killedAt); // still leased by the dead round
      }
    }
    // The round leased only what its 4 workers had started and the results not yet written (batches of
    // 4), not every check it would probe later: the others were never claimed and are due at once.
    expect(leased).toBeLessThanOrEqual(16);
    expect(leased).toBeLessThan(40 - written.length);
    const rollupCount = await db.probeRollup.aggregate({ where: { checkId: { in: ids }, granularity: "day" }, _sum: { up: true } });
    expect(rollupCount._sum.up).toBe(written.length);

    // Restart: the scheduler picks up the checks whose lease ran out, and the others on their interval.
    delayMs = 5;
    const scheduler = startProbeScheduler({ pool: sqlPool(), rawRetentionDays: 14, probeOptions: { policy: createTargetPolicy() }, tickMs: 250 });
    try {
      const deadline = killedAt + 2 * 10_000;
      let fresh = 0;
      while (Date.now() < deadline + 2_000) {
        fresh = (
          await sqlPool().query(`SELECT count(DISTINCT "checkId")::int AS n FROM "ProbeResult" WHERE "checkId" = ANY($1) AND at > $2`, [ids, new Date(killedAt)])
        ).rows[0].n;
        if (fresh === 40) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(fresh).toBe(40);
      const { rows } = await sqlPool().query(`SELECT max(first) AS latest FROM (SELECT min(at) AS first FROM "ProbeResult" WHERE "checkId" = ANY($1) AND at > $2 GROUP BY "checkId") s`, [
        ids,
        new Date(killedAt),
      ]);
      expect(new Date(rows[0].latest).getTime() - killedAt).toBeLessThanOrEqual(2 * 10_000);
    } finally {
      await scheduler.stop();
    }
  }, 60_000);
});
