import { beforeAll, describe, expect, it } from "vitest";
import { db, sqlPool } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { uptimeResponse } from "@/lib/uptime/api";
import { histogramOf, percentile, PERCENTILE_RELATIVE_ERROR } from "@/lib/uptime/histogram";
import { loadServiceUptime, servicesUptime30d } from "@/lib/uptime/query";
import { rollupRows, type ProbeSample } from "@/lib/uptime/rollup";
import { upsertRollups } from "@/lib/uptime/store";
import { makeTeam } from "../helpers/actors";

const MIN = 60_000;
const now = new Date("2026-11-26T12:07:30Z");
const at = (iso: string, plusMinutes = 0) => new Date(new Date(iso).getTime() + plusMinutes * MIN);

let serviceId: string;
let emptyServiceId: string;
let checkA: string;
let checkB: string;
let otherCheck: string;
/** latencies of check A's answered probes, to compare percentiles with */
const latenciesA: number[] = [];

function samples(checkId: string, startIso: string, outcomes: ("up" | "down" | "degraded")[], latency: (i: number) => number): ProbeSample[] {
  return outcomes.map((outcome, i) => ({
    checkId,
    at: at(startIso, i),
    outcome,
    latencyMs: outcome === "down" ? null : latency(i),
    httpStatus: outcome === "down" ? 503 : 200,
    errorClass: outcome === "down" ? "status" : null,
  }));
}

beforeAll(async () => {
  const team = await makeTeam();
  const service = await db.service.create({ data: { teamId: team.id, slug: "uptime-svc", name: "Uptime svc" } });
  const empty = await db.service.create({ data: { teamId: team.id, slug: "uptime-empty", name: "No data" } });
  const other = await db.service.create({ data: { teamId: team.id, slug: "uptime-other", name: "Other" } });
  serviceId = service.id;
  emptyServiceId = empty.id;
  checkA = (await db.healthCheck.create({ data: { serviceId, name: "A", url: "http://a.test/health" } })).id;
  checkB = (await db.healthCheck.create({ data: { serviceId, name: "B (disabled)", url: "http://b.test/health", enabled: false } })).id;
  otherCheck = (await db.healthCheck.create({ data: { serviceId: other.id, name: "O", url: "http://o.test/health" } })).id;
  await db.healthCheck.create({ data: { serviceId: emptyServiceId, name: "E", url: "http://e.test/health" } });

  // Check A: 10:00–10:14 today, 14 up + 1 down (503); 11:30–11:44, 15 up (one of them degraded);
  // and one down probe 2 days ago (outside 24h, inside 7d).
  const a1 = samples(checkA, "2026-11-26T10:00:00Z", [...Array(7).fill("up"), "down", ...Array(7).fill("up")], (i) => 20 + i);
  const a2 = samples(checkA, "2026-11-26T11:30:00Z", [...Array(14).fill("up"), "degraded"], (i) => (i === 14 ? 1500 : 40 + i));
  const a3 = samples(checkA, "2026-11-24T08:00:00Z", ["down"], () => 0);
  for (const s of [...a1, ...a2]) if (s.latencyMs !== null) latenciesA.push(s.latencyMs);
  // Check B (disabled): 15 down probes at 10:00; check O of another service: 15 up.
  const b = samples(checkB, "2026-11-26T10:00:00Z", Array(15).fill("down"), () => 0);
  const o = samples(otherCheck, "2026-11-26T10:00:00Z", Array(15).fill("up"), () => 5);
  await upsertRollups(sqlPool(), rollupRows([...a1, ...a2, ...a3, ...b, ...o]));

  await db.incident.createMany({
    data: [
      // ended before the 24h window (starts 2026-11-25T13:00Z)
      { serviceId, checkId: checkA, startedAt: at("2026-11-24T08:00:00Z"), endedAt: at("2026-11-24T08:20:00Z"), firstError: "old" },
      // began before the window, ended inside it
      { serviceId, checkId: checkA, startedAt: at("2026-11-25T12:45:00Z"), endedAt: at("2026-11-25T13:15:00Z"), firstError: "overlaps the start" },
      // ongoing
      { serviceId, checkId: checkA, startedAt: at("2026-11-26T12:05:00Z"), endedAt: null, firstError: "HTTP 503" },
      // the disabled check's
      { serviceId, checkId: checkB, startedAt: at("2026-11-26T10:00:00Z"), endedAt: at("2026-11-26T10:15:00Z"), firstError: "B down" },
    ],
  });
});

describe("uptime of a service over a range", () => {
  it("24h from minute rollups: hand-computed uptime, counts, gaps unknown", async () => {
    const u = await loadServiceUptime(serviceId, "24h", { now });
    expect(u.checkIds).toEqual([checkA]);
    // 23 whole hours and the quarter hour in progress
    expect(new Date(u.window.from).toISOString()).toBe("2026-11-25T13:00:00.000Z");
    expect(u.series).toHaveLength(93);
    // 29 available (28 up + 1 degraded) of 30 probes; B is disabled and O is another service's
    expect(u.counts).toEqual({ up: 28, down: 1, degraded: 1, maintenance: 0 });
    expect(u.probes).toBe(30);
    expect(u.uptimePercent).toBe(96.667);
    // 2 of 93 quarter hours observed: the other 91 are unknown, not up
    expect(u.coverage).toBeCloseTo(2 / 93, 10);
    const point = (iso: string) => u.series.find((p) => p.t === new Date(iso).getTime())!;
    expect(point("2026-11-26T10:00:00Z")).toMatchObject({ up: 14, down: 1, degraded: 0 });
    expect(point("2026-11-26T11:30:00Z")).toMatchObject({ up: 14, down: 0, degraded: 1 });
    expect(point("2026-11-26T10:15:00Z")).toEqual({ t: new Date("2026-11-26T10:15:00Z").getTime(), up: 0, down: 0, degraded: 0, maintenance: 0, p50: null, p95: null, p99: null });
    expect(u.statusCodes).toEqual([
      { code: "200", count: 29 },
      { code: "503", count: 1 },
    ]);
    expect(u.errorClasses).toEqual([{ errorClass: "status", count: 1 }]);
  });

  it("percentiles from the merged rollup histograms stay within the documented bound of the exact ones", async () => {
    const u = await loadServiceUptime(serviceId, "24h", { now });
    const sorted = [...latenciesA].sort((x, y) => x - y);
    for (const p of [50, 95, 99] as const) {
      const exact = sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
      const got = u.latency[`p${p}`]!;
      expect(Math.abs(got - exact) / exact, `p${p}: ${got} vs ${exact}`).toBeLessThanOrEqual(PERCENTILE_RELATIVE_ERROR + 0.001);
      expect(got).toBeCloseTo(percentile(histogramOf(latenciesA), p)!, 0);
    }
  });

  it("7d from hour rollups includes the older failure; ?check picks one check, even a disabled one", async () => {
    const u = await loadServiceUptime(serviceId, "7d", { now });
    expect(u.window.granularity).toBe("hour");
    expect(u.series).toHaveLength(168);
    expect(u.counts).toEqual({ up: 28, down: 2, degraded: 1, maintenance: 0 });
    expect(u.uptimePercent).toBe(93.548); // 29 / 31
    expect(u.coverage).toBeCloseTo(3 / 168, 10);

    const b = await loadServiceUptime(serviceId, "7d", { now, checkId: checkB });
    expect(b.checkIds).toEqual([checkB]);
    expect(b.counts).toEqual({ up: 0, down: 15, degraded: 0, maintenance: 0 });
    expect(b.uptimePercent).toBe(0);
    expect(b.latency).toEqual({ p50: null, p95: null, p99: null });
    expect(b.incidents.map((i) => i.firstError)).toEqual(["B down"]);

    await expect(loadServiceUptime(serviceId, "7d", { now, checkId: otherCheck })).rejects.toMatchObject({ code: "not_found" });
    await expect(loadServiceUptime(serviceId, "7d", { now, checkId: "nope" })).rejects.toBeInstanceOf(ApiError);
  });

  it("30d and 90d from day rollups, one point per UTC day", async () => {
    const u = await loadServiceUptime(serviceId, "90d", { now });
    expect(u.window.granularity).toBe("day");
    expect(u.series).toHaveLength(90);
    expect(u.series.at(-1)!.t).toBe(new Date("2026-11-26T00:00:00Z").getTime());
    expect(u.series.at(-1)).toMatchObject({ up: 28, down: 1, degraded: 1 });
    expect(u.series.at(-3)).toMatchObject({ up: 0, down: 1, degraded: 0 });
    expect(u.coverage).toBeCloseTo(2 / 90, 10);
  });

  it("incidents overlapping the range, newest first, the open one included", async () => {
    const u = await loadServiceUptime(serviceId, "24h", { now });
    expect(u.incidents.map((i) => i.firstError)).toEqual(["HTTP 503", "overlaps the start"]);
    expect(u.incidents[0]!.endedAt).toBeNull();
    const json = uptimeResponse("uptime-svc", u);
    expect(json.incidents[0]).toMatchObject({ ongoing: true, durationSeconds: 150, checkName: "A" });
    expect(json.incidents[1]).toMatchObject({ ongoing: false, durationSeconds: 1800 });
    const week = await loadServiceUptime(serviceId, "7d", { now });
    expect(week.incidents.map((i) => i.firstError)).toEqual(["HTTP 503", "overlaps the start", "old"]);
  });

  it("a range with no data says so", async () => {
    const u = await loadServiceUptime(emptyServiceId, "30d", { now });
    expect(u.uptimePercent).toBeNull();
    expect(u.probes).toBe(0);
    expect(u.coverage).toBe(0);
    expect(u.latency).toEqual({ p50: null, p95: null, p99: null });
    expect(u.series).toHaveLength(30);
    expect(u.series.every((p) => p.up + p.down + p.degraded === 0)).toBe(true);
    const json = uptimeResponse("uptime-empty", u);
    expect(json).toMatchObject({ uptimePercent: null, noData: true, range: "30d", statusCodes: [], incidents: [] });
    // and a point long before any probe, in a range that does have data, is unknown too
    expect((await loadServiceUptime(serviceId, "90d", { now })).series[0]).toMatchObject({ up: 0, down: 0, degraded: 0, p50: null });
  });
});

describe("30-day uptime for the board", () => {
  it("sums the day rollups of each service's enabled checks; no probes is null, not 100 %", async () => {
    const [svc] = await db.service.findMany({ where: { slug: "uptime-other" }, select: { id: true } });
    const m = await servicesUptime30d([serviceId, emptyServiceId, svc!.id], now);
    expect(m.get(serviceId)).toBeCloseTo((100 * 29) / 31, 6);
    expect(m.get(emptyServiceId)).toBeNull();
    expect(m.get(svc!.id)).toBe(100);
    expect((await servicesUptime30d([], now)).size).toBe(0);
  });

  it("a service whose checks are all paused keeps showing their history", async () => {
    const team = await makeTeam();
    const paused = await db.service.create({ data: { teamId: team.id, slug: `paused-${team.slug}`, name: "Paused" } });
    const check = await db.healthCheck.create({ data: { serviceId: paused.id, name: "P", url: "http://p.test/health", enabled: false } });
    await upsertRollups(sqlPool(), rollupRows(samples(check.id, "2026-11-26T10:00:00Z", [...Array(9).fill("up"), "down"], () => 30)));
    expect((await servicesUptime30d([paused.id], now)).get(paused.id)).toBe(90);
    expect((await loadServiceUptime(paused.id, "24h", { now })).counts).toEqual({ up: 9, down: 1, degraded: 0, maintenance: 0 });
  });
});
