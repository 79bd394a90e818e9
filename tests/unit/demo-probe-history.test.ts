import { describe, expect, it } from "vitest";
import { DEMO_PROBE_PROFILES, incidentsFromProbes, stateAfter, syntheticProbes, type SyntheticProbe } from "@/lib/demo/probe-history";
import { histogramOf, percentile } from "@/lib/uptime/histogram";

const now = new Date("2026-11-26T14:37:12Z");
const MIN = 60_000;

describe("synthetic probe history", () => {
  const probes = syntheticProbes("c1", DEMO_PROBE_PROFILES.cryptopulse!, { now, days: 30, seed: "demo-probes:cryptopulse" });

  it("one probe a minute for 30 days, oldest first, the last within a minute before now", () => {
    expect(probes).toHaveLength(30 * 1440);
    expect(probes.every((p, i) => i === 0 || p.at.getTime() - probes[i - 1]!.at.getTime() === MIN)).toBe(true);
    const lastAge = now.getTime() - probes.at(-1)!.at.getTime();
    expect(lastAge).toBeGreaterThan(0);
    expect(lastAge).toBeLessThan(MIN);
  });

  it("is deterministic for a seed", () => {
    const again = syntheticProbes("c1", DEMO_PROBE_PROFILES.cryptopulse!, { now, days: 30, seed: "demo-probes:cryptopulse" });
    expect(again).toEqual(probes);
    const other = syntheticProbes("c1", DEMO_PROBE_PROFILES.cryptopulse!, { now, days: 30, seed: "other" });
    expect(other.map((p) => p.latencyMs)).not.toEqual(probes.map((p) => p.latencyMs));
  });

  it("has realistic latency, slow periods (degraded probes) and one incident per outage", () => {
    const up = probes.filter((p) => p.outcome === "up").map((p) => p.latencyMs!);
    const p50 = percentile(histogramOf(up), 50)!;
    expect(p50).toBeGreaterThan(70);
    expect(p50).toBeLessThan(100);
    expect(probes.filter((p) => p.outcome === "degraded").length).toBeGreaterThan(10);
    const incidents = incidentsFromProbes(probes);
    const outages = DEMO_PROBE_PROFILES.cryptopulse!.episodes.filter((e) => e.kind === "down");
    expect(incidents).toHaveLength(outages.length);
    // the 23-minute outage 12.4 days ago: 23 failed probes, then recovery
    const big = incidents[0]!;
    expect((big.endedAt!.getTime() - big.startedAt.getTime()) / MIN).toBe(23);
    expect(big.firstError).toContain("HTTP 503");
    const uptime = (100 * probes.filter((p) => p.outcome !== "down").length) / probes.length;
    expect(uptime).toBeGreaterThan(99.8);
    expect(uptime).toBeLessThan(100);
  });

  it("every demo service has history with at least one incident", () => {
    for (const [slug, profile] of Object.entries(DEMO_PROBE_PROFILES)) {
      const list = syntheticProbes(slug, profile, { now, days: 30, seed: `demo-probes:${slug}` });
      expect(incidentsFromProbes(list).length, slug).toBeGreaterThan(0);
    }
  });
});

describe("incidents and state from probes (hand-made)", () => {
  const at = (m: number) => new Date(m * MIN);
  const probe = (m: number, outcome: SyntheticProbe["outcome"], err: string | null = null): SyntheticProbe => ({
    checkId: "c",
    at: at(m),
    outcome,
    latencyMs: outcome === "down" ? null : 10,
    httpStatus: outcome === "down" ? null : 200,
    errorClass: outcome === "down" ? "timeout" : null,
    errorMessage: err,
  });

  it("a run shorter than failuresBeforeDown is no incident; a longer one starts at its first failure", () => {
    const list = [probe(0, "up"), probe(1, "down", "a"), probe(2, "down", "b"), probe(3, "up"), probe(4, "down", "c"), probe(5, "down", "d"), probe(6, "down", "e"), probe(7, "degraded")];
    expect(incidentsFromProbes(list)).toEqual([{ startedAt: at(4), endedAt: at(7), firstError: "c", lastError: "e" }]);
  });

  it("a run still failing at the end is an ongoing incident, and the check is down", () => {
    const list = [probe(0, "up"), probe(1, "down", "x"), probe(2, "down", "y"), probe(3, "down", "z")];
    expect(incidentsFromProbes(list)).toEqual([{ startedAt: at(1), endedAt: null, firstError: "x", lastError: "z" }]);
    expect(stateAfter(list)).toMatchObject({ status: "down", consecutiveFailures: 3, consecutiveSuccesses: 0, streakStartedAt: at(1), lastError: "z" });
    expect(stateAfter([probe(0, "down", "x"), probe(1, "up"), probe(2, "up")])).toMatchObject({ status: "up", consecutiveSuccesses: 2, streakStartedAt: at(1), lastError: null });
  });
});
