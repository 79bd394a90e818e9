/**
 * Probe-derived thresholds with the real probe engine: a local server that answers slowly, probed by
 * `runProbeRound`, makes "API response time (p95) > 2 s" breach; a fast one keeps it ok.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runProbeRound } from "@/lib/probes/round";
import { CRYPTOPULSE_THRESHOLDS } from "@/lib/thresholds/defaults";
import { refreshThresholds } from "@/lib/thresholds/store";
import { serviceReadiness } from "@/lib/readiness/service";
import { makeTeam } from "../helpers/actors";
import { makeChecksDue } from "../helpers/due";
import { httpTarget, type TestTarget } from "../helpers/probe-targets";

let slow: TestTarget;
let fast: TestTarget;

beforeAll(async () => {
  slow = await httpTarget("/health", (_req, res) => setTimeout(() => res.writeHead(200).end("ok"), 2300));
  fast = await httpTarget("/health", (_req, res) => res.writeHead(200).end("ok"));
});
afterAll(async () => {
  await slow.close();
  await fast.close();
});

async function probedService(url: string) {
  const team = await makeTeam();
  const service = await db.service.create({ data: { teamId: team.id, slug: `p-${team.slug}`, name: team.slug } });
  await db.healthCheck.create({ data: { serviceId: service.id, name: "health", url, timeoutMs: 5000 } });
  await db.metricThreshold.createMany({
    data: CRYPTOPULSE_THRESHOLDS.filter((t) => t.source === "probe").map((t) => ({ ...t, serviceId: service.id })),
  });
  return service;
}

describe("probe-derived thresholds from real probe rounds", () => {
  it("p95 latency of a slow local server breaches the 2 s threshold and blocks readiness; a fast one stays ok", async () => {
    const slowService = await probedService(slow.url);
    const fastService = await probedService(fast.url);
    for (let round = 0; round < 3; round++) {
      // Make both checks due again: three probes each, as three scheduled rounds would.
      await makeChecksDue();
      const r = await runProbeRound();
      expect(r.probed).toBe(2);
    }
    expect(await db.probeResult.count()).toBe(6);

    const [slowStates, fastStates] = await Promise.all([refreshThresholds({ serviceIds: [slowService.id] }), refreshThresholds({ serviceIds: [fastService.id] })]);
    const p95 = slowStates.find((t) => t.metric === "latency_p95_ms")!;
    expect(p95.status).toBe("breached");
    expect(p95.value!).toBeGreaterThan(2000);
    const firstProbe = await db.probeResult.findFirstOrThrow({ where: { check: { serviceId: slowService.id } }, orderBy: { at: "asc" } });
    expect(p95.since).toEqual(firstProbe.at);
    expect(slowStates.find((t) => t.metric === "error_rate_percent")).toMatchObject({ status: "ok", value: 0 });

    expect(fastStates.find((t) => t.metric === "latency_p95_ms")).toMatchObject({ status: "ok" });
    expect(fastStates.find((t) => t.metric === "latency_p95_ms")!.value!).toBeLessThan(2000);

    const blockers = (await serviceReadiness(slowService.id)).blockers.filter((b) => b.kind === "threshold-breached");
    expect(blockers.map((b) => b.message)).toEqual([expect.stringMatching(/^Critical threshold breached: API response time \(p95\)/)]);
    expect((await serviceReadiness(fastService.id)).blockers.filter((b) => b.kind === "threshold-breached")).toEqual([]);
  }, 60_000);
});
