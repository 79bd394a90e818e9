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
    expect(m.get(serviceId)?.uptimePercent).toBeCloseTo((100 * 29) / 31, 6);
    expect(m.get(emptyServiceId)?.uptimePercent).toBeNull();
    expect(m.get(svc!.id)?.uptimePercent).toBe(100);
    expect((await servicesUptime30d([], now)).size).toBe(0);
  });

  it("says how much of the 30 days each figure stands on, leaving out days without probes", async () => {
    const [svc] = await db.service.findMany({ where: { slug: "uptime-other" }, select: { id: true } });
    const m = await servicesUptime30d([serviceId, emptyServiceId, svc!.id], now);
    // Check A: first probe 24 Nov 08:00 (narrowed by its minute rollups), nothing on the 25th, then the
    // 26th up to now: 16 h + 12 h 7 min 30 s. Check B is disabled and not counted.
    expect(m.get(serviceId)?.observed).toMatchObject({ firstProbeAt: at("2026-11-24T08:00:00Z"), observedSeconds: 16 * 3600 + 12 * 3600 + 450, probes: 31, enough: true });
    // 15 probes from 10:00 today: 2 h 7 min 30 s of 30 days is under the minimum.
    expect(m.get(svc!.id)?.observed).toMatchObject({ firstProbeAt: at("2026-11-26T10:00:00Z"), observedSeconds: 2 * 3600 + 450, enough: false });
    expect(m.get(emptyServiceId)?.observed).toMatchObject({ firstProbeAt: null, observedSeconds: 0, share: 0, enough: false });
  });

  it("a service whose checks are all paused keeps showing their history", async () => {
    const team = await makeTeam();
    const paused = await db.service.create({ data: { teamId: team.id, slug: `paused-${team.slug}`, name: "Paused" } });
    const check = await db.healthCheck.create({ data: { serviceId: paused.id, name: "P", url: "http://p.test/health", enabled: false } });
    await upsertRollups(sqlPool(), rollupRows(samples(check.id, "2026-11-26T10:00:00Z", [...Array(9).fill("up"), "down"], () => 30)));
    expect((await servicesUptime30d([paused.id], now)).get(paused.id)?.uptimePercent).toBe(90);
    const day = await loadServiceUptime(paused.id, "24h", { now });
    expect(day.counts).toEqual({ up: 9, down: 1, degraded: 0, maintenance: 0 });
    // Paused after ten minutes: the minute rollups of 24h observe those ten minutes, not up to now.
    expect(day.observed).toMatchObject({ observedSeconds: 600, enough: false });
  });
});

describe("coverage of young and old checks", () => {
  async function serviceWithCheck(slug: string, createdAt?: Date) {
    const team = await makeTeam();
    const service = await db.service.create({ data: { teamId: team.id, slug: `${slug}-${team.slug}`, name: slug } });
    const check = await db.healthCheck.create({ data: { serviceId: service.id, name: slug, url: `http://${slug}.test/health`, ...(createdAt ? { createdAt } : {}) } });
    return { service, check };
  }

  it("a check first probed 10 minutes ago covers about 10 minutes of 30 days: not enough data", async () => {
    const { service, check } = await serviceWithCheck("young");
    // One probe a minute from 11:57:30 to 12:06:30 (now is 12:07:30), one of them down: 90 % "uptime".
    await upsertRollups(sqlPool(), rollupRows(samples(check.id, "2026-11-26T11:57:30Z", [...Array(9).fill("up"), "down"], () => 25)));
    const board = (await servicesUptime30d([service.id], now)).get(service.id)!;
    expect(board.uptimePercent).toBe(90);
    // From the first probe's minute (11:57) to now.
    expect(board.observed.observedSeconds).toBe(10 * 60 + 30);
    expect(board.observed.share).toBeLessThan(0.0003);
    expect(board.observed.enough).toBe(false);

    const month = await loadServiceUptime(service.id, "30d", { now });
    expect(month.observed).toEqual(board.observed);
    const api = uptimeResponse(service.slug, month);
    expect(api.uptimePercent).toBe(90);
    expect(api.observed).toMatchObject({ firstProbeAt: "2026-11-26T11:57:00.000Z", seconds: 630, minimumSeconds: Math.ceil(month.observed.rangeSeconds / 100), enough: false, text: "10 min of 30 d observed" });
    // The 24h range reads minute rollups: ten probed minutes, 11:57 to 12:07 (the minute in progress has
    // no probe yet), under the 1 hour minimum.
    expect((await loadServiceUptime(service.id, "24h", { now })).observed).toMatchObject({ observedSeconds: 600, enough: false });
  });

  it("without minute rollups, a check created inside its first day bucket counts from its creation", async () => {
    const { service, check } = await serviceWithCheck("created", at("2026-11-26T11:57:30Z"));
    await sqlPool().query(`INSERT INTO "ProbeRollup" ("checkId", granularity, "bucketStart", up) VALUES ($1, 'day', '2026-11-26T00:00:00Z', 10)`, [check.id]);
    const observed = (await servicesUptime30d([service.id], now)).get(service.id)!.observed;
    expect(observed).toMatchObject({ firstProbeAt: at("2026-11-26T11:57:30Z"), observedSeconds: 600, enough: false });
  });

  it("a check with 40 days of rollups covers the whole range", async () => {
    const { service, check } = await serviceWithCheck("old");
    // One probe an hour for 40 days, up to 12:00 today.
    const hours = 40 * 24;
    const start = new Date(at("2026-11-26T12:00:00Z").getTime() - (hours - 1) * 3_600_000);
    const probes: ProbeSample[] = Array.from({ length: hours }, (_, i) => ({
      checkId: check.id,
      at: new Date(start.getTime() + i * 3_600_000),
      outcome: i === 5 ? "down" : "up",
      latencyMs: i === 5 ? null : 30,
      httpStatus: i === 5 ? 503 : 200,
      errorClass: i === 5 ? "status" : null,
    }));
    await upsertRollups(sqlPool(), rollupRows(probes));
    for (const range of ["7d", "30d", "90d"] as const) {
      const u = await loadServiceUptime(service.id, range, { now });
      const full = range !== "90d";
      expect(u.observed.enough, range).toBe(true);
      expect(u.observed.observedSeconds === u.observed.rangeSeconds, range).toBe(full);
      if (full) expect(uptimeResponse(service.slug, u).observed).toMatchObject({ share: 1, text: `all of ${range.replace("d", " d")} observed` });
    }
    // 90 days: the 40 days from the first probe (its minute rollup is still there in this test) of 90.
    const quarter = await loadServiceUptime(service.id, "90d", { now });
    expect(quarter.observed.firstProbeAt).toEqual(start);
    expect(quarter.observed.observedSeconds).toBe((now.getTime() - start.getTime()) / 1000);
    const board = (await servicesUptime30d([service.id], now)).get(service.id)!;
    expect(board.observed).toMatchObject({ share: 1, enough: true });
    expect(board.uptimePercent).toBe(100);
  });
});
