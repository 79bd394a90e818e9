import { beforeAll, describe, expect, it } from "vitest";
import { db, sqlPool } from "@/lib/db";
import { seedDemo } from "@/lib/demo/seed";
import { loadServiceUptime } from "@/lib/uptime/query";
import { servicesUptime30d } from "@/lib/uptime/query";

const now = new Date("2026-11-26T14:37:12Z");
const DAY = 86_400_000;
let seedMs = 0;

beforeAll(async () => {
  const t = performance.now();
  expect(await seedDemo({ targetsUrl: "http://127.0.0.1:3001", now })).toBe(true);
  seedMs = performance.now() - t;
}, 120_000);

const q = async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => (await sqlPool().query<T>(text, params)).rows;

describe("demo probe history", () => {
  it("seeds in seconds", () => {
    // A few seconds on an idle 2-core machine; the bound is loose because test machines are shared.
    console.log(`demo seeded (with probe history) in ${Math.round(seedMs)} ms`);
    expect(seedMs).toBeLessThan(60_000);
  });

  it("keeps raw results for 14 days and rollups for 30 (minute rollups for 2)", async () => {
    const [raw] = await q<{ n: number; oldest: Date; newest: Date }>(`SELECT count(*)::int AS n, min(at) AS oldest, max(at) AS newest FROM "ProbeResult"`);
    expect(raw!.n).toBe(4 * 14 * 1440);
    expect(now.getTime() - raw!.oldest.getTime()).toBeLessThanOrEqual(14 * DAY);
    expect(now.getTime() - raw!.newest.getTime()).toBeLessThan(60_000);
    const byGranularity = Object.fromEntries(
      (await q<{ granularity: string; n: number; oldest: Date }>(`SELECT granularity::text, count(*)::int AS n, min("bucketStart") AS oldest FROM "ProbeRollup" GROUP BY 1`)).map((r) => [r.granularity, r]),
    );
    expect(byGranularity.minute!.n).toBe(4 * 2 * 1440);
    expect(byGranularity.hour!.n).toBeGreaterThanOrEqual(4 * 30 * 24);
    expect(byGranularity.hour!.n).toBeLessThanOrEqual(4 * (30 * 24 + 1));
    expect(now.getTime() - byGranularity.day!.oldest.getTime()).toBeGreaterThan(29 * DAY);
  });

  it("rollups agree with the raw results they overlap (same probes, same counts)", async () => {
    const since = new Date("2026-11-13T00:00:00Z");
    const [raw] = await q<{ up: number; down: number; degraded: number }>(
      `SELECT count(*) FILTER (WHERE outcome = 'up')::int AS up, count(*) FILTER (WHERE outcome = 'down')::int AS down, count(*) FILTER (WHERE outcome = 'degraded')::int AS degraded
       FROM "ProbeResult" WHERE at >= $1`,
      [since],
    );
    const [rolled] = await q<{ up: number; down: number; degraded: number }>(
      `SELECT sum(up)::int AS up, sum(down)::int AS down, sum(degraded)::int AS degraded FROM "ProbeRollup" WHERE granularity = 'hour' AND "bucketStart" >= $1`,
      [since],
    );
    expect(rolled).toEqual(raw);
    expect(raw!.down).toBeGreaterThan(0);
    expect(raw!.degraded).toBeGreaterThan(0);
  });

  it("has incidents matching the outages, checks up after their last probe, and a live 30-day uptime", async () => {
    const services = await db.service.findMany({ include: { healthChecks: true, incidents: { orderBy: { startedAt: "asc" } } }, orderBy: { slug: "asc" } });
    for (const s of services) {
      expect(s.incidents.length, s.slug).toBeGreaterThan(0);
      const check = s.healthChecks[0]!;
      expect(check.status).toBe("up");
      expect(check.lastRunAt!.getTime()).toBeLessThan(now.getTime());
      expect(now.getTime() - check.lastRunAt!.getTime()).toBeLessThan(60_000);
      expect(check.latencyLimitMs).toBe(1000);
      // an incident inside the raw window starts with a failed probe and ends with an available one
      for (const i of s.incidents.filter((x) => now.getTime() - x.startedAt.getTime() < 14 * DAY)) {
        const [first] = await q<{ outcome: string; errorMessage: string }>(`SELECT outcome::text, "errorMessage" FROM "ProbeResult" WHERE "checkId" = $1 AND at = $2`, [check.id, i.startedAt]);
        expect(first).toEqual({ outcome: "down", errorMessage: i.firstError });
        const [end] = await q<{ outcome: string }>(`SELECT outcome::text FROM "ProbeResult" WHERE "checkId" = $1 AND at = $2`, [check.id, i.endedAt]);
        expect(end!.outcome).not.toBe("down");
      }
    }
    const crypto = services.find((s) => s.slug === "cryptopulse")!;
    const month = await loadServiceUptime(crypto.id, "30d", { now });
    expect(month.uptimePercent!).toBeGreaterThan(99.5);
    expect(month.uptimePercent!).toBeLessThan(100);
    expect(month.coverage).toBe(1);
    expect(month.latency.p50!).toBeGreaterThan(60);
    expect(month.latency.p50!).toBeLessThan(120);
    expect(month.statusCodes.map((s) => s.code)).toEqual(["200", "503"]);
    const day = await loadServiceUptime(crypto.id, "24h", { now });
    expect(day.coverage).toBe(1);
    // one probe a minute from 15:00 yesterday (the first hour of the window) to 14:36 today
    expect(day.series.reduce((n, p) => n + p.up + p.down + p.degraded, 0)).toBe(23 * 60 + 37);
    const board = await servicesUptime30d(services.map((s) => s.id), now);
    for (const s of services) expect(board.get(s.id)!.uptimePercent, s.slug).toBeGreaterThan(99);
    // The history predates the checks' rows: its rollups, not the checks' creation, say what was observed.
    for (const s of services) expect(board.get(s.id)!.observed, s.slug).toMatchObject({ share: 1, enough: true });
    expect(month.observed).toMatchObject({ share: 1, enough: true });
  });

  it("a second run adds nothing", async () => {
    const before = (await q<{ n: number }>(`SELECT count(*)::int AS n FROM "ProbeRollup"`))[0]!.n;
    expect(await seedDemo({ targetsUrl: "http://127.0.0.1:3001", now })).toBe(false);
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM "ProbeRollup"`))[0]!.n).toBe(before);
  });
});
