import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, sqlPool } from "@/lib/db";
import { refreshAutoChecks } from "@/lib/probes/auto-checks";
import { runProbeRound } from "@/lib/probes/round";
import { createTargetPolicy } from "@/lib/probes/target-policy";
import { decodeHistogram, histogramOf, mergeHistograms } from "@/lib/uptime/histogram";
import { rollupRows } from "@/lib/uptime/rollup";
import { upsertRollups } from "@/lib/uptime/store";
import { makeTeam } from "../helpers/actors";
import { makeChecksDue } from "../helpers/due";
import { httpTarget, type TestTarget } from "../helpers/probe-targets";

let target: TestTarget;
let failing = false;
beforeAll(async () => {
  target = await httpTarget("/health", (_req, res) => {
    res.writeHead(failing ? 500 : 200, { "x-content-type-options": "nosniff", "x-frame-options": "DENY" });
    res.end("ok");
  });
});
afterAll(() => target.close());

const probeOptions = { policy: createTargetPolicy() };
const round = async (serviceId: string) => {
  await makeChecksDue(serviceId);
  await runProbeRound({ probeOptions });
};

describe("auto-verified checklist items", () => {
  it("are ticked by evidence, untick when it goes away, with audit entries, and leave a person's ticks alone", async () => {
    const team = await makeTeam();
    const service = await db.service.create({ data: { teamId: team.id, slug: `auto-${team.slug}`, name: "Auto" } });
    await db.healthCheck.create({ data: { serviceId: service.id, url: target.url, failuresBeforeDown: 1 } });
    const base = { serviceId: service.id, sectionKey: "ops", sectionTitle: "Operations", severity: "high" as const };
    const [health, headers, tls, manual] = await Promise.all([
      db.serviceChecklistItem.create({ data: { ...base, key: "health", title: "Health endpoint answers", autoCheck: "health_endpoint_up", position: 1 } }),
      db.serviceChecklistItem.create({ data: { ...base, key: "headers", title: "Security headers", autoCheck: "security_headers", position: 2 } }),
      db.serviceChecklistItem.create({ data: { ...base, key: "tls", title: "TLS valid", autoCheck: "tls_valid", position: 3 } }),
      db.serviceChecklistItem.create({ data: { ...base, key: "manual", title: "Up, says a person", autoCheck: "health_endpoint_up", position: 4, state: "done" } }),
    ]);

    await round(service.id);
    const after1 = await db.serviceChecklistItem.findMany({ where: { serviceId: service.id }, orderBy: { position: "asc" } });
    expect(after1.map((i) => i.state)).toEqual(["done", "done", "open", "done"]);
    expect(after1[0]!.autoVerifiedAt).not.toBeNull();
    expect(after1[0]!.version).toBe(health.version + 1);
    expect(after1[0]!.autoEvidence).toMatchObject({ verified: true, summary: "health check health is up" });
    expect(after1[2]!.autoEvidence).toMatchObject({ verified: false, summary: "no https health check" });
    expect(after1[3]!.autoVerifiedAt).toBeNull();
    const verifiedAudit = await db.auditEvent.findMany({ where: { serviceId: service.id, action: "checklist.auto_verified" }, orderBy: { targetId: "asc" } });
    expect(verifiedAudit.map((a) => a.targetId)).toEqual(["headers", "health"]);
    expect(verifiedAudit[0]).toMatchObject({ via: "system", actorEmail: "probes" });

    // A second round with the same evidence changes nothing.
    await round(service.id);
    expect((await db.serviceChecklistItem.findUniqueOrThrow({ where: { id: health.id } })).version).toBe(health.version + 1);

    failing = true;
    await round(service.id);
    failing = false;
    const after2 = await db.serviceChecklistItem.findMany({ where: { serviceId: service.id }, orderBy: { position: "asc" } });
    expect(after2.map((i) => i.state)).toEqual(["open", "done", "open", "done"]);
    expect(after2[0]!.autoVerifiedAt).toBeNull();
    expect(after2[0]!.autoEvidence).toMatchObject({ verified: false, summary: expect.stringMatching(/is down: HTTP 500/) });
    expect(after2[3]!.autoEvidence).toMatchObject({ verified: false });
    const unverified = await db.auditEvent.findMany({ where: { serviceId: service.id, action: "checklist.auto_unverified" } });
    expect(unverified.map((a) => a.targetId)).toEqual(["health"]);
    expect(unverified[0]!.after).toMatchObject({ state: "open", evidence: expect.stringMatching(/down/) });
    void headers;
    void tls;
    void manual;
  });
});

describe("the 24-hour latency evidence", () => {
  it("is read up to the caller's clock: at 23:59:59.9 the hour 24 h back still counts, at 00:00:00.1 (29 February) it no longer does", async () => {
    const team = await makeTeam();
    const service = await db.service.create({ data: { teamId: team.id, slug: `lat-${team.slug}`, name: "Latency" } });
    const check = await db.healthCheck.create({ data: { serviceId: service.id, name: "h", url: "http://127.0.0.1:9/", status: "up", lastRunAt: new Date("2028-02-28T23:59:00Z") } });
    const item = await db.serviceChecklistItem.create({
      data: { serviceId: service.id, sectionKey: "ops", sectionTitle: "Operations", severity: "high", key: "fast", title: "p95 under 100 ms", autoCheck: "latency_p95_under", autoCheckParam: 100, position: 1 },
    });
    const probes = (iso: string, n: number, latencyMs: number) => Array.from({ length: n }, (_, i) => ({ checkId: check.id, at: new Date(new Date(iso).getTime() + i * 60_000), outcome: "up" as const, latencyMs, httpStatus: 200, errorClass: null }));
    // A slow hour that starts exactly 24 h before midnight, then fast hours, and one probe in the hour after midnight.
    await upsertRollups(sqlPool(), rollupRows([...probes("2028-02-28T00:00:00Z", 30, 900), ...probes("2028-02-28T01:00:00Z", 60, 40), ...probes("2028-02-28T23:00:00Z", 60, 45), ...probes("2028-02-29T00:00:00Z", 1, 50)], ["hour"]));
    const evidence = async () => (await db.serviceChecklistItem.findUniqueOrThrow({ where: { id: item.id } })).autoEvidence as { verified: boolean; summary: string };

    await refreshAutoChecks(sqlPool(), [service.id], new Date("2028-02-28T23:59:59.900Z"));
    expect(await evidence()).toMatchObject({ verified: false, summary: expect.stringMatching(/^p95 latency over 24 h is 9\d\d ms, limit 100 ms$/) });
    await refreshAutoChecks(sqlPool(), [service.id], new Date("2028-02-29T00:00:00.100Z"));
    expect(await evidence()).toMatchObject({ verified: true, summary: expect.stringMatching(/^p95 latency over 24 h is 4\d ms \(limit 100 ms\)$/) });
    // Hours after the clock are not evidence yet.
    await refreshAutoChecks(sqlPool(), [service.id], new Date("2028-02-27T12:00:00Z"));
    expect(await evidence()).toMatchObject({ verified: false, summary: "no successful probe in the last 24 h" });
  });
});

describe("rollup merging in PostgreSQL", () => {
  it("adds counts and merges histograms exactly as the JavaScript model does", async () => {
    const team = await makeTeam();
    const service = await db.service.create({ data: { teamId: team.id, slug: `roll-${team.slug}`, name: "Roll" } });
    const check = await db.healthCheck.create({ data: { serviceId: service.id, url: "http://127.0.0.1:9/" } });
    const at = new Date("2026-11-20T10:15:30Z");
    const latencies = [Array.from({ length: 40 }, (_, i) => 3 + i * 7.3), Array.from({ length: 25 }, (_, i) => 0.4 + i * 31)];
    for (const batch of latencies) {
      await upsertRollups(
        sqlPool(),
        rollupRows(batch.map((ms, i) => ({ checkId: check.id, at, outcome: i % 5 === 0 ? "degraded" : "up", latencyMs: ms, httpStatus: i % 2 ? 200 : 204, errorClass: null }))),
      );
    }
    const rows = await db.probeRollup.findMany({ where: { checkId: check.id }, orderBy: { granularity: "asc" } });
    expect(rows.map((r) => r.granularity)).toEqual(["minute", "hour", "day"]);
    const expected = mergeHistograms(histogramOf(latencies[0]!), histogramOf(latencies[1]!));
    for (const r of rows) {
      expect(r.up + r.degraded).toBe(65);
      expect(decodeHistogram(r.latencyHist)).toEqual(new Map([...expected.entries()].sort((a, b) => a[0] - b[0])));
      expect(r.latencyCount).toBe(65);
      expect(r.statusCounts).toEqual({ "200": 32, "204": 33 });
    }
    const { rows: summed } = await sqlPool().query(`SELECT preflight_hist_sum("latencyHist") AS h, preflight_counts_sum("statusCounts") AS s FROM "ProbeRollup" WHERE "checkId" = $1`, [check.id]);
    expect(decodeHistogram(summed[0].h)).toEqual(mergeHistograms(expected, expected, expected));
    expect(summed[0].s).toEqual({ "200": 96, "204": 99 });
  });
});
