/**
 * The alert events of probe batches (docs/alerting.md), from real probe rounds against local targets:
 * written in the batch's transaction, once per state change.
 */
import { afterAll, describe, expect, it } from "vitest";
import { db, sqlPool } from "@/lib/db";
import { runProbeRound } from "@/lib/probes/round";
import { recordProbeBatch, type CompletedProbe } from "@/lib/probes/record";
import { createTargetPolicy } from "@/lib/probes/target-policy";
import { makeTeam } from "../helpers/actors";
import { dueAt, makeChecksDue } from "../helpers/due";
import { httpTarget, selfSignedTarget, type TestTarget } from "../helpers/probe-targets";

const targets: TestTarget[] = [];
afterAll(() => Promise.all(targets.map((t) => t.close())));

async function service() {
  const team = await makeTeam();
  return db.service.create({ data: { teamId: team.id, slug: `events-${team.slug}`, name: "CryptoPulse" } });
}

const eventsOf = (serviceId: string) => db.alertEvent.findMany({ where: { serviceId }, orderBy: { occurredAt: "asc" } });

describe("check events from probe rounds", () => {
  it("check.degraded when a check goes from up to degraded, once, not on every degraded probe", async () => {
    const target = await httpTarget("/slowish", (_req, res) => {
      setTimeout(() => {
        res.writeHead(200);
        res.end("ok");
      }, 30);
    });
    targets.push(target);
    const svc = await service();
    const check = await db.healthCheck.create({ data: { serviceId: svc.id, url: target.url, timeoutMs: 15_000, intervalSeconds: 300, latencyLimitMs: 10_000, nextRunAt: dueAt() } });
    const probeOptions = { policy: createTargetPolicy() };
    await runProbeRound({ probeOptions });
    expect((await db.healthCheck.findUniqueOrThrow({ where: { id: check.id } })).status).toBe("up");
    // Every answer now takes longer than the limit (30 ms against 5 ms).
    await db.healthCheck.update({ where: { id: check.id }, data: { latencyLimitMs: 5 } });
    for (let round = 0; round < 3; round++) {
      await makeChecksDue(svc.id);
      await runProbeRound({ probeOptions });
    }
    const events = await eventsOf(svc.id);
    expect(events.map((e) => e.type)).toEqual(["check.degraded"]);
    const [degraded] = await db.probeResult.findMany({ where: { checkId: check.id, outcome: "degraded" }, orderBy: { at: "asc" }, take: 1 });
    expect(events[0]).toMatchObject({ dedupeKey: `check.degraded:${check.id}:${degraded!.at.toISOString()}`, occurredAt: degraded!.at });
    expect(events[0]!.details).toMatchObject({ checkId: check.id, checkName: "health", url: target.url, latencyMs: degraded!.latencyMs });
    expect((events[0]!.details as { reason: string }).reason).toMatch(/over the 5 ms limit/);
  });

  it("tls.expiring once for the step the certificate has reached (5 days left: the 7-day warning)", async () => {
    const target = await selfSignedTarget("/tls", 5, (_req, res) => {
      res.writeHead(200);
      res.end("ok");
    });
    targets.push(target);
    const svc = await service();
    const check = await db.healthCheck.create({ data: { serviceId: svc.id, url: target.url, timeoutMs: 15_000, intervalSeconds: 300, nextRunAt: dueAt() } });
    const probeOptions = { policy: createTargetPolicy(), extraCa: [target.cert] };
    for (let round = 0; round < 3; round++) {
      await makeChecksDue(svc.id);
      await runProbeRound({ probeOptions });
    }
    const events = await eventsOf(svc.id);
    expect(events.map((e) => e.type)).toEqual(["tls.expiring"]);
    expect(events[0]!.dedupeKey).toBe(`tls.expiring:${check.id}:${target.notAfter.toISOString()}:7`);
    expect(events[0]!.details).toEqual({ checkId: check.id, checkName: "health", url: target.url, expiresAt: target.notAfter.toISOString(), daysLeft: 7 });
  });
});

describe("check events and the batch's transaction", () => {
  async function downProbe(serviceId: string): Promise<{ probe: CompletedProbe; checkId: string }> {
    const check = await db.healthCheck.create({ data: { serviceId, url: "http://127.0.0.1:9/" } });
    const { rows } = await sqlPool().query(`SELECT * FROM "HealthCheck" WHERE id = $1`, [check.id]);
    const at = new Date();
    return {
      checkId: check.id,
      probe: {
        check: rows[0],
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
      },
    };
  }

  it("no check.down when the batch finds the incident already open (another round opened it)", async () => {
    const svc = await service();
    const { probe, checkId } = await downProbe(svc.id);
    await recordProbeBatch(sqlPool(), [probe]);
    await recordProbeBatch(sqlPool(), [{ ...probe, at: new Date(probe.at.getTime() + 1000) }]);
    const [incident] = await db.incident.findMany({ where: { checkId } });
    expect((await eventsOf(svc.id)).map((e) => e.dedupeKey)).toEqual([`check.down:${incident!.id}`]);
  });

  it("a batch locks its checks in id order first, so it waits instead of deadlocking with another multi-check update", async () => {
    const svc = await service();
    const probes = await Promise.all([0, 1, 2].map(() => downProbe(svc.id)));
    const [lowest, ...higher] = probes.map((p) => p.checkId).sort();
    const holder = await sqlPool().connect();
    const other = await sqlPool().connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT id FROM "HealthCheck" WHERE id = $1 FOR NO KEY UPDATE`, [lowest]);
      // The batch lists the lowest id last: an UPDATE alone would lock the others first, then wait.
      const batch = recordProbeBatch(sqlPool(), [...probes].sort((a, b) => b.checkId.localeCompare(a.checkId)).map((p) => p.probe));
      for (let i = 0; i < 100; i++) {
        const { rows } = await other.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (rows[0].n > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      // Waiting for the lowest id, the batch holds none of the others: another writer can take them.
      await other.query("BEGIN");
      await expect(other.query(`SELECT id FROM "HealthCheck" WHERE id = ANY($1) FOR NO KEY UPDATE NOWAIT`, [higher])).resolves.toMatchObject({ rowCount: 2 });
      await other.query("ROLLBACK");
      await holder.query("ROLLBACK");
      await batch;
      expect(await db.probeResult.count({ where: { checkId: { in: probes.map((p) => p.checkId) } } })).toBe(3);
    } finally {
      holder.release();
      other.release();
    }
  });

  it("an event that cannot be written rolls the whole batch back: no incident without its event", async () => {
    const svc = await service();
    const { probe, checkId } = await downProbe(svc.id);
    const broken = { ...probe, check: { ...probe.check, name: 42 as unknown as string } };
    await expect(recordProbeBatch(sqlPool(), [broken])).rejects.toThrow();
    expect(await db.incident.count({ where: { checkId } })).toBe(0);
    expect(await db.probeResult.count({ where: { checkId } })).toBe(0);
    expect(await eventsOf(svc.id)).toEqual([]);
  });
});
