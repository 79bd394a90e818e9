/**
 * Leases cover only work that has started (docs/decisions/0006). Many checks due together against slow
 * targets and few workers: a round must not lease checks it cannot start yet, or their leases run out
 * while they wait their turn and an overlapping round probes them a second time (issue #12: 400 checks
 * gave 600 probes, and failing checks got two open incidents).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, sqlPool } from "@/lib/db";
import { startProbeScheduler } from "@/lib/probes/scheduler";
import { createTargetPolicy } from "@/lib/probes/target-policy";
import { recordProbeBatch, type CompletedProbe } from "@/lib/probes/record";
import { makeTeam } from "../helpers/actors";
import { dueAt } from "../helpers/due";
import { httpTarget, type TestTarget } from "../helpers/probe-targets";

const ANSWER_AFTER_MS = 300;
const TIMEOUT_MS = 1000; // the old lease: 1 s + 10 s from the claim
const CHECKS = 80; // 40 up, 40 failing: 80 × 300 ms / 2 workers = 12 s for one round, past the old lease

let target: TestTarget;
beforeAll(async () => {
  target = await httpTarget("/", (req, res) => {
    setTimeout(() => {
      const failing = req.url?.startsWith("/fail/");
      res.writeHead(failing ? 503 : 200);
      res.end(failing ? "down" : "ok");
    }, ANSWER_AFTER_MS);
  });
});
afterAll(() => target.close());

describe("slow targets, many checks due together, two workers per round", () => {
  it("every check is probed exactly once in its interval, and no check ever has two open incidents", async () => {
    const team = await makeTeam();
    const service = await db.service.create({ data: { teamId: team.id, slug: `leases-${team.slug}`, name: "Leases" } });
    await db.healthCheck.createMany({
      data: Array.from({ length: CHECKS }, (_, i) => ({
        serviceId: service.id,
        name: `c${i}`,
        url: `${target.url}${i % 2 ? "fail" : "ok"}/${i}`,
        timeoutMs: TIMEOUT_MS,
        intervalSeconds: 60,
        failuresBeforeDown: 1,
        nextRunAt: dueAt(),
      })),
    });
    const checks = await db.healthCheck.findMany({ where: { serviceId: service.id } });
    const ids = checks.map((c) => c.id);

    // The launcher's scheduler: a round every 100 ms, up to 4 at once, each with 2 workers.
    let maxOpen = 0;
    const scheduler = startProbeScheduler({
      pool: sqlPool(),
      rawRetentionDays: 14,
      probeOptions: { policy: createTargetPolicy() },
      concurrency: 2,
      tickMs: 100,
      thresholdsEveryMs: 0,
    });
    try {
      const deadline = Date.now() + 40_000;
      for (;;) {
        const { rows } = await sqlPool().query(
          `SELECT (SELECT count(DISTINCT "checkId")::int FROM "ProbeResult" WHERE "checkId" = ANY($1)) AS probed,
                  (SELECT coalesce(max(n), 0)::int FROM (SELECT count(*) AS n FROM "Incident" WHERE "checkId" = ANY($1) AND "endedAt" IS NULL GROUP BY "checkId") o) AS "maxOpen"`,
          [ids],
        );
        maxOpen = Math.max(maxOpen, rows[0].maxOpen);
        if (rows[0].probed === CHECKS || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      // Past the old lease of every check (1 s + 10 s): a round that leased too much would probe again now.
      await new Promise((r) => setTimeout(r, 2_000));
    } finally {
      await scheduler.stop();
    }

    for (const c of checks) expect(target.hits.get(new URL(c.url).pathname), c.name).toBe(1);
    const perCheck = await sqlPool().query(`SELECT "checkId", count(*)::int AS n FROM "ProbeResult" WHERE "checkId" = ANY($1) GROUP BY 1`, [ids]);
    expect(perCheck.rows).toHaveLength(CHECKS);
    expect(perCheck.rows.every((r) => r.n === 1)).toBe(true);

    const open = await sqlPool().query(`SELECT "checkId", count(*)::int AS n FROM "Incident" WHERE "checkId" = ANY($1) AND "endedAt" IS NULL GROUP BY 1`, [ids]);
    expect(maxOpen).toBeLessThanOrEqual(1);
    expect(open.rows).toHaveLength(CHECKS / 2);
    expect(open.rows.every((r) => r.n === 1)).toBe(true);

    // Each check runs next one interval after its (late) probe, not from the missed plan.
    const after = await db.healthCheck.findMany({ where: { id: { in: ids } } });
    for (const c of after) {
      expect(c.leaseUntil).toBeNull();
      expect(c.nextRunAt.getTime() - c.lastRunAt!.getTime()).toBe(60_000);
    }
  }, 60_000);
});

describe("one open incident per check", () => {
  async function checkWithOpenIncident() {
    const team = await makeTeam();
    const service = await db.service.create({ data: { teamId: team.id, slug: `inc-${team.slug}`, name: "Incidents" } });
    const check = await db.healthCheck.create({ data: { serviceId: service.id, url: "http://127.0.0.1:9/" } });
    await db.incident.create({ data: { serviceId: service.id, checkId: check.id, startedAt: new Date("2028-02-28T23:00:00Z"), firstError: "HTTP 503" } });
    return { service, check };
  }

  it("the schema refuses a second open incident for a check, and allows closed ones beside the open one", async () => {
    const { service, check } = await checkWithOpenIncident();
    await expect(
      sqlPool().query(`INSERT INTO "Incident" (id, "serviceId", "checkId", "startedAt", "firstError") VALUES ('inc_dup', $1, $2, now(), 'again')`, [service.id, check.id]),
    ).rejects.toMatchObject({ code: "23505" });
    await db.incident.create({ data: { serviceId: service.id, checkId: check.id, startedAt: new Date("2028-02-27T00:00:00Z"), endedAt: new Date("2028-02-27T01:00:00Z"), firstError: "earlier" } });
    expect(await db.incident.count({ where: { checkId: check.id } })).toBe(2);
  });

  it("a batch that would open a second incident for a check is still written whole, keeping the open one", async () => {
    const { check } = await checkWithOpenIncident();
    const claimed = await sqlPool().query(`SELECT *, "leaseUntil" FROM "HealthCheck" WHERE id = $1`, [check.id]);
    const at = new Date();
    const probe: CompletedProbe = {
      check: claimed.rows[0],
      at,
      outcome: "down",
      httpStatus: 503,
      latencyMs: 12,
      dnsMs: null,
      connectMs: 1,
      tlsMs: null,
      firstByteMs: 11,
      tlsExpiresAt: null,
      securityHeaders: null,
      refusedReason: null,
      errorClass: "status",
      errorMessage: "HTTP 503",
      state: { status: "down", consecutiveFailures: 1, consecutiveSuccesses: 0, streakStartedAt: at },
      incident: { kind: "open", startedAt: at, firstError: "HTTP 503" },
    };
    await recordProbeBatch(sqlPool(), [probe]);
    expect(await db.probeResult.count({ where: { checkId: check.id } })).toBe(1);
    expect((await db.healthCheck.findUniqueOrThrow({ where: { id: check.id } })).status).toBe("down");
    const open = await db.incident.findMany({ where: { checkId: check.id, endedAt: null } });
    expect(open).toHaveLength(1);
    expect(open[0]!.startedAt).toEqual(new Date("2028-02-28T23:00:00Z"));
  });
});
