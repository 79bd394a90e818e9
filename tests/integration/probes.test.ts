/**
 * The probe engine against real local servers: one per seed guide's health path, one failing on a
 * schedule, one slower than its timeout, one https with a self-signed certificate close to expiry,
 * one redirecting to the cloud metadata address. Rounds are driven by hand (every check is made due
 * a minute ago, tests/helpers/due.ts), so a round stands for one interval.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTargetPolicy } from "@/lib/probes/target-policy";
import { runProbeRound } from "@/lib/probes/round";
import { httpProbe } from "@/lib/probes/http-probe";
import { makeTeam } from "../helpers/actors";
import { dueAt, makeChecksDue } from "../helpers/due";
import { httpTarget, selfSignedTarget, type TestTarget } from "../helpers/probe-targets";

const ROUNDS = 12;
const FAIL_FROM = 4; // the flapping server fails in rounds 4..8 (five rounds)
const FAIL_UNTIL = 8;

let targets: TestTarget[] = [];
let flappingDown = false;
let tlsTarget: Awaited<ReturnType<typeof selfSignedTarget>>;
const checkIds: Record<string, string> = {};
const roundStarts: number[] = [];

const ok = (body: string, type = "application/json") => (_req: unknown, res: import("node:http").ServerResponse) => {
  res.writeHead(200, { "content-type": type });
  res.end(body);
};

beforeAll(async () => {
  const seeds = await Promise.all([
    httpTarget("/heartbeat", ok('{"status":"ok"}')),
    httpTarget("/health", ok('{"status":"healthy","database":"connected"}')),
    httpTarget("/api/healthcheck", ok("Ok", "text/plain")),
    httpTarget("/internal/health", ok('{"ok":true}')),
  ]);
  const flapping = await httpTarget("/flapping", (_req, res) => {
    res.writeHead(flappingDown ? 503 : 200);
    res.end(flappingDown ? "down for maintenance" : "ok");
  });
  const slow = await httpTarget("/slow", (_req, res) => {
    setTimeout(() => {
      res.writeHead(200);
      res.end("late");
    }, 1500);
  });
  tlsTarget = await selfSignedTarget("/tls", 5, ok('{"status":"ok"}'));
  const metadata = await httpTarget("/redirect", (_req, res) => {
    res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/iam/security-credentials/" });
    res.end();
  });
  targets = [...seeds, flapping, slow, tlsTarget, metadata];

  const team = await makeTeam();
  const service = await db.service.create({ data: { teamId: team.id, slug: "probed", name: "Probed" } });
  const specs: Record<string, { url: string; timeoutMs?: number; jsonPath?: string; jsonEquals?: string }> = {
    hyperterse: { url: seeds[0]!.url },
    cryptopulse: { url: seeds[1]!.url, jsonPath: "database", jsonEquals: "connected" },
    trailbase: { url: seeds[2]!.url },
    glasswork: { url: seeds[3]!.url },
    flapping: { url: flapping.url },
    slow: { url: slow.url, timeoutMs: 400 },
    tls: { url: tlsTarget.url },
    metadata: { url: metadata.url },
  };
  for (const [name, spec] of Object.entries(specs)) {
    // A generous timeout (the slow check sets its own): the targets share this process's event loop, which a
    // loaded machine can starve for seconds, and an answer that merely came late is not what is tested here.
    const check = await db.healthCheck.create({
      data: { serviceId: service.id, name, timeoutMs: 15_000, intervalSeconds: 300, failuresBeforeDown: 2, successesBeforeUp: 1, ...spec },
    });
    checkIds[name] = check.id;
  }

  // Trust the test certificate, as PROBE_CA_FILE would for an internal CA.
  const probeOptions = { policy: createTargetPolicy(), extraCa: [tlsTarget.cert] };
  for (let round = 1; round <= ROUNDS; round++) {
    flappingDown = round >= FAIL_FROM && round <= FAIL_UNTIL;
    // Due a minute ago by the database's clock: "now()" stored to the millisecond can round up past the claim's now().
    await makeChecksDue(service.id);
    roundStarts.push(Date.now());
    const summary = await runProbeRound({ probeOptions });
    expect(summary.claimed).toBe(8);
    expect(summary.probed).toBe(8);
  }
}, 120_000); // twelve rounds; minutes on a starved machine

afterAll(async () => {
  await Promise.all(targets.map((t) => t.close()));
});

async function resultsOf(name: string) {
  return db.probeResult.findMany({ where: { checkId: checkIds[name] }, orderBy: { at: "asc" } });
}

async function uptimeFromRollups(name: string) {
  const rows = await db.probeRollup.findMany({ where: { checkId: checkIds[name], granularity: "day" } });
  const sum = rows.reduce((a, r) => ({ up: a.up + r.up, down: a.down + r.down, degraded: a.degraded + r.degraded }), { up: 0, down: 0, degraded: 0 });
  return { ...sum, percent: (100 * (sum.up + sum.degraded)) / (sum.up + sum.down + sum.degraded) };
}

describe("probing real local servers", () => {
  it("probes each seed guide's health path once per round, all up, with timings", async () => {
    for (const name of ["hyperterse", "cryptopulse", "trailbase", "glasswork"]) {
      const results = await resultsOf(name);
      expect(results).toHaveLength(ROUNDS);
      expect(results.every((r) => r.outcome === "up" && r.httpStatus === 200 && r.errorClass === null)).toBe(true);
      expect(results.every((r) => r.latencyMs !== null && r.connectMs !== null && r.firstByteMs !== null)).toBe(true);
      expect((await uptimeFromRollups(name)).percent).toBe(100);
      expect((await db.healthCheck.findUniqueOrThrow({ where: { id: checkIds[name] } })).status).toBe("up");
    }
    const url = new URL(targets[0]!.url);
    expect(targets[0]!.hits.get(url.pathname)).toBe(ROUNDS);
  });

  it("counts the flapping server's outage in uptime and opens and closes one incident at the right times", async () => {
    const results = await resultsOf("flapping");
    expect(results.map((r) => r.outcome)).toEqual(Array.from({ length: ROUNDS }, (_, i) => (i + 1 >= FAIL_FROM && i + 1 <= FAIL_UNTIL ? "down" : "up")));
    expect(results.filter((r) => r.outcome === "down").every((r) => r.errorClass === "status" && r.httpStatus === 503)).toBe(true);
    const uptime = await uptimeFromRollups("flapping");
    expect(uptime).toMatchObject({ up: ROUNDS - 5, down: 5, degraded: 0 });
    expect(uptime.percent).toBeCloseTo((100 * 7) / 12, 6);

    const incidents = await db.incident.findMany({ where: { checkId: checkIds.flapping } });
    expect(incidents).toHaveLength(1);
    const [incident] = incidents;
    // Started at the first failing probe (not when the 2nd failure confirmed it), ended at the first success.
    const failStart = roundStarts[FAIL_FROM - 1]!;
    const failEnd = roundStarts[FAIL_UNTIL]!;
    expect(incident!.startedAt.getTime()).toBeGreaterThanOrEqual(failStart);
    expect(incident!.startedAt.getTime()).toBeLessThan(roundStarts[FAIL_FROM]!);
    expect(incident!.endedAt!.getTime()).toBeGreaterThanOrEqual(failEnd);
    expect(incident!.endedAt!.getTime()).toBeLessThan(roundStarts[FAIL_UNTIL + 1]!);
    expect(incident!.firstError).toMatch(/HTTP 503/);
    expect((await db.healthCheck.findUniqueOrThrow({ where: { id: checkIds.flapping } })).status).toBe("up");
  });

  it("classifies a server slower than the timeout as a timeout, and keeps its latency out of the percentiles", async () => {
    const results = await resultsOf("slow");
    expect(results).toHaveLength(ROUNDS);
    expect(results.every((r) => r.outcome === "down" && r.errorClass === "timeout")).toBe(true);
    expect(results[0]!.latencyMs).toBeGreaterThanOrEqual(400);
    // Cut off at the timeout, not answered: the server's 200 after 1.5 s was never read. (No upper bound on
    // latencyMs: on a starved machine the timer itself can fire late, which says nothing about the probe.)
    expect(results.every((r) => r.httpStatus === null)).toBe(true);
    const check = await db.healthCheck.findUniqueOrThrow({ where: { id: checkIds.slow } });
    expect(check.status).toBe("down");
    expect(await db.incident.count({ where: { checkId: checkIds.slow, endedAt: null } })).toBe(1);
    // The rounds may straddle midnight UTC: then two day rollups share the probes.
    const days = await db.probeRollup.findMany({ where: { checkId: checkIds.slow, granularity: "day" } });
    expect(days.reduce((n, r) => n + r.latencyCount, 0)).toBe(0);
    const errors: Record<string, number> = {};
    for (const r of days) for (const [k, n] of Object.entries(r.errorCounts as Record<string, number>)) errors[k] = (errors[k] ?? 0) + n;
    expect(errors).toEqual({ timeout: ROUNDS });
  });

  it("records the certificate expiry and security headers of the https target", async () => {
    const results = await resultsOf("tls");
    expect(results.every((r) => r.outcome === "up")).toBe(true);
    expect(results[0]!.tlsExpiresAt?.getTime()).toBe(tlsTarget.notAfter.getTime());
    expect(results[0]!.tlsMs).not.toBeNull();
    const check = await db.healthCheck.findUniqueOrThrow({ where: { id: checkIds.tls } });
    expect(check.tlsExpiresAt?.getTime()).toBe(tlsTarget.notAfter.getTime());
    expect(check.securityHeaders).toEqual({ hsts: null, contentTypeOptions: null, frameOptions: null, frameAncestors: null });
  });

  it("refuses the redirect to the metadata address, says why on the check, and never connects", async () => {
    const results = await resultsOf("metadata");
    expect(results.every((r) => r.outcome === "down" && r.errorClass === "blocked")).toBe(true);
    const check = await db.healthCheck.findUniqueOrThrow({ where: { id: checkIds.metadata } });
    expect(check.refusedReason).toMatch(/169\.254\.169\.254.*metadata/);
    expect(check.status).toBe("down");
  });

  it("leaves every check released and scheduled one interval ahead", async () => {
    const checks = await db.healthCheck.findMany({ where: { id: { in: Object.values(checkIds) } } });
    for (const c of checks) {
      expect(c.leaseUntil).toBeNull();
      // Each round made the checks due a minute late, so the next run is one interval after the probe.
      expect(c.nextRunAt.getTime() - c.lastRunAt!.getTime()).toBe(300_000);
      expect(c.nextRunAt.getTime()).toBeGreaterThan(Date.now());
    }
    expect(await runProbeRound({ probeOptions: { policy: createTargetPolicy() } })).toMatchObject({ claimed: 0, probed: 0 });
  });
});

describe("a certificate nobody trusts", () => {
  it("is a TLS error, and its expiry is still recorded from a bare handshake", async () => {
    const team = await makeTeam();
    const service = await db.service.create({ data: { teamId: team.id, slug: "untrusted", name: "Untrusted" } });
    const check = await db.healthCheck.create({ data: { serviceId: service.id, url: tlsTarget.url, timeoutMs: 15_000, nextRunAt: dueAt() } });
    const before = tlsTarget.hits.get("/tls") ?? 0;
    await runProbeRound({ probeOptions: { policy: createTargetPolicy() } });
    const [result] = await db.probeResult.findMany({ where: { checkId: check.id } });
    expect(result).toMatchObject({ outcome: "down", errorClass: "tls" });
    expect(result!.errorMessage).toMatch(/self.signed/i);
    expect(result!.tlsExpiresAt?.getTime()).toBe(tlsTarget.notAfter.getTime());
    // No request went out over the unverified connection.
    expect(tlsTarget.hits.get("/tls") ?? 0).toBe(before);
  });
});

describe("a timeout", () => {
  it("is never declared before the timeout has passed, even when the event loop was busy as the probe started", async () => {
    const silent = await httpTarget("/silent", () => {}); // accepts and never answers
    try {
      const policy = createTargetPolicy();
      // Start probes inside one busy tick: each timer is set while libuv's cached clock lags behind the real time.
      const probes = Array.from({ length: 5 }, () => {
        const started = performance.now();
        while (performance.now() - started < 20); // keep the loop busy for 20 ms
        return httpProbe({ url: silent.url, method: "GET", headers: {}, timeoutMs: 100 }, { policy });
      });
      for (const result of await Promise.all(probes)) {
        expect(result.error?.errorClass).toBe("timeout");
        expect(result.latencyMs).toBeGreaterThanOrEqual(100);
      }
    } finally {
      await silent.close();
    }
  });
});
