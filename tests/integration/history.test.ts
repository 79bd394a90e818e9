/**
 * Readiness history (docs/decisions/0043): daily points written by the background round with simulated
 * days, read through the history API; the backfill rebuilds the demo services' days from the audit log and
 * agrees with the live score today.
 */
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { apiResponses } from "@/lib/api/openapi";
import { db } from "@/lib/db";
import { seedDemo } from "@/lib/demo/seed";
import { DEMO_SERVICES, DEMO_TEAM } from "@/lib/demo/data";
import { backfillHistory } from "@/lib/history/backfill";
import { addDays, lastDays, startOfUtcDay, utcDay } from "@/lib/history/dates";
import { pruneHistory, recordDailySnapshots } from "@/lib/history/store";
import { readinessSummaries } from "@/lib/readiness/levels";
import { computeScore, SEVERITY_WEIGHTS } from "@/lib/readiness/compute";
import * as serviceHistoryRoute from "@/app/api/v1/services/[slug]/history/route";
import * as teamHistoryRoute from "@/app/api/v1/teams/[team]/history/route";
import * as teamExportRoute from "@/app/api/v1/teams/[team]/history/export/route";
import { makeMember, makeTeam, tokenFor } from "../helpers/actors";

const DAY = 86_400_000;

type Handler<P> = (req: NextRequest, segment: { params: Promise<P> }) => Promise<Response>;

async function call<P>(handler: Handler<P>, params: P, token: string, query = "") {
  const req = new NextRequest(new URL(`/api/v1/x${query}`, "http://localhost"), { headers: { authorization: `Bearer ${token}` } });
  return handler(req, { params: Promise.resolve(params) });
}

async function serviceWithItems(teamId: string, slug: string) {
  const service = await db.service.create({ data: { teamId, slug, name: slug, tier: 3 } });
  const item = (key: string, severity: "critical" | "low", position: number) => ({
    serviceId: service.id, key, sectionKey: "s", sectionTitle: "S", title: key, severity, position, required: true,
  });
  await db.serviceChecklistItem.createMany({ data: [item("tls", "critical", 0), item("docs", "low", 1)] });
  return service;
}

describe("daily snapshots over simulated days", () => {
  it("writes one point per service and team per day, idempotently, and the API answers them with a gap where no round ran", async () => {
    const team = await makeTeam();
    const viewer = await makeMember(team.id, "viewer");
    const token = await tokenFor(team.id, viewer.userId, "viewer");
    const service = await serviceWithItems(team.id, `hist-${randomBytes(3).toString("hex")}`);
    const today = utcDay(new Date());
    const dayAt = (offset: number, hour: number) => new Date(startOfUtcDay(addDays(today, offset)).getTime() + hour * 3600_000);

    // Day −6: nothing done. Day −5: the low item. Day −4: both, seen by two instances at once. Day −3: no
    // round ran. Day −2 and today: the critical item reopened, then done again.
    await recordDailySnapshots(dayAt(-6, 0.1));
    await recordDailySnapshots(dayAt(-6, 5));
    await db.serviceChecklistItem.update({ where: { serviceId_key: { serviceId: service.id, key: "docs" } }, data: { state: "done" } });
    await recordDailySnapshots(dayAt(-5, 0.2));
    await db.serviceChecklistItem.update({ where: { serviceId_key: { serviceId: service.id, key: "tls" } }, data: { state: "done" } });
    await Promise.all([recordDailySnapshots(dayAt(-4, 0.1)), recordDailySnapshots(dayAt(-4, 0.1)), recordDailySnapshots(dayAt(-4, 0.3))]);
    await db.serviceChecklistItem.update({ where: { serviceId_key: { serviceId: service.id, key: "tls" } }, data: { state: "open" } });
    await recordDailySnapshots(dayAt(-2, 0.1));
    await db.serviceChecklistItem.update({ where: { serviceId_key: { serviceId: service.id, key: "tls" } }, data: { state: "done" } });
    // later rounds of a day change nothing: the day's point is its first observation
    await recordDailySnapshots(dayAt(-2, 12));
    await recordDailySnapshots(dayAt(0, 0.1));

    const res = await call(serviceHistoryRoute.GET, { slug: service.slug }, token, "?days=30");
    expect(res.status).toBe(200);
    const body = apiResponses.serviceHistory.parse(await res.json());
    const low = computeScore(2, SEVERITY_WEIGHTS.low, SEVERITY_WEIGHTS.low + SEVERITY_WEIGHTS.critical);
    expect(body.points.map((p) => [p.date, p.score, p.level, p.blockers])).toEqual([
      [addDays(today, -6), 0, "not-ready", 2],
      [addDays(today, -5), low, "not-ready", 1],
      [addDays(today, -4), 100, "ready", 0],
      [addDays(today, -2), low, "not-ready", 1],
      [today, 100, "ready", 0],
    ]);
    expect(body.points.every((p) => p.source === "snapshot" && p.waivers === 0 && !p.staleApproval)).toBe(true);

    // ?days counts back from today
    const two = apiResponses.serviceHistory.parse(await (await call(serviceHistoryRoute.GET, { slug: service.slug }, token, "?days=3")).json());
    expect(two.points.map((p) => p.date)).toEqual([addDays(today, -2), today]);

    const teamBody = apiResponses.teamHistory.parse(await (await call(teamHistoryRoute.GET, { team: team.slug }, token, "?days=30")).json());
    expect(teamBody.points.map((p) => [p.date, p.services, p.score, p.ready, p.notReady])).toEqual([
      [addDays(today, -6), 1, 0, 0, 1],
      [addDays(today, -5), 1, low, 0, 1],
      [addDays(today, -4), 1, 100, 1, 0],
      [addDays(today, -2), 1, low, 0, 1],
      [today, 1, 100, 1, 0],
    ]);

    const csv = await call(teamExportRoute.GET, { team: team.slug }, token, "?days=30");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("date,service,name,score,level,blockers,waivers,stale_approval,source");
    expect(lines.slice(1)).toHaveLength(5);
    expect(lines.at(-1)).toBe(`${today},${service.slug},${service.slug},100,ready,0,0,false,snapshot`);
  });

  it("answers the error shape: 400 for days out of range, 404 for a service or team the caller cannot read", async () => {
    const [team, other] = await Promise.all([makeTeam(), makeTeam()]);
    const viewer = await makeMember(team.id, "viewer");
    const token = await tokenFor(team.id, viewer.userId, "viewer");
    const foreign = await serviceWithItems(other.id, `foreign-${randomBytes(3).toString("hex")}`);
    for (const q of ["?days=0", "?days=401", "?days=x"]) {
      const res = await call(serviceHistoryRoute.GET, { slug: foreign.slug }, token, q);
      expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([404, "not_found"]);
    }
    const own = await serviceWithItems(team.id, `own-${randomBytes(3).toString("hex")}`);
    const bad = await call(serviceHistoryRoute.GET, { slug: own.slug }, token, "?days=401");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; issues: { path: string }[] } }).error.issues[0]!.path).toBe("days");
    const noTeam = await call(teamHistoryRoute.GET, { team: other.slug }, token);
    expect(noTeam.status).toBe(404);
  });

  it("prunes points older than 400 days", async () => {
    const team = await makeTeam();
    const service = await serviceWithItems(team.id, `prune-${randomBytes(3).toString("hex")}`);
    const now = new Date();
    for (const back of [401, 400]) await recordDailySnapshots(new Date(now.getTime() - back * DAY));
    await pruneHistory(now);
    const left = await db.serviceHistory.findMany({ where: { serviceId: service.id }, select: { date: true } });
    expect(left.map((r) => utcDay(r.date))).toEqual([addDays(utcDay(now), -400)]);
    expect(await db.teamHistory.count({ where: { teamId: team.id } })).toBe(1);
  });
});

describe("backfill from the audit log", () => {
  it("rebuilds the demo services' days from their ticks and agrees with the live score today", async () => {
    const now = new Date();
    expect(await seedDemo({ targetsUrl: "http://127.0.0.1:3001", now })).toBe(true);
    const demoTeam = await db.team.findUniqueOrThrow({ where: { slug: DEMO_TEAM.slug } });
    const services = await db.service.findMany({ where: { teamId: demoTeam.id }, select: { id: true, slug: true, teamId: true } });
    expect(services.map((s) => s.slug).sort()).toEqual(DEMO_SERVICES.map((s) => s.slug).sort());
    // an observed point of today is kept; the backfill fills the days before
    await recordDailySnapshots(now);
    const observed = await db.serviceHistory.findMany({ where: { teamId: demoTeam.id }, select: { serviceId: true, score: true, level: true } });

    const result = await backfillHistory({ teamId: demoTeam.id, days: 30, now });
    expect(result.services).toBe(services.length);
    const live = await readinessSummaries(services.map((s) => s.id), now);
    const days = lastDays(now, 30);

    for (const s of services) {
      const rows = await db.serviceHistory.findMany({ where: { serviceId: s.id }, orderBy: { date: "asc" } });
      const points = rows.map((r) => ({ ...r, date: utcDay(r.date) }));
      // one point per day, without gaps, from the day after the first tick to today
      const firstTick = (await db.auditEvent.findFirst({ where: { serviceId: s.id, action: "checklist.update" }, orderBy: { at: "asc" } }))!.at;
      const expectedDays = days.filter((d) => d === utcDay(now) || startOfUtcDay(d) >= firstTick);
      expect(points.map((p) => p.date), s.slug).toEqual(expectedDays);
      // today: the observed point stays, and it is the live score
      const today = points.at(-1)!;
      expect(today.source).toBe("snapshot");
      expect(today.score, s.slug).toBe(live.get(s.id)!.score);
      expect(observed.find((o) => o.serviceId === s.id)).toMatchObject({ score: today.score, level: today.level });

      // each rebuilt day: the items ticked by then, by the score's own rule
      const items = await db.serviceChecklistItem.findMany({ where: { serviceId: s.id, archivedAt: null }, select: { key: true, severity: true, state: true } });
      const ticks = await db.auditEvent.findMany({ where: { serviceId: s.id, action: "checklist.update" }, select: { at: true, targetId: true } });
      const tickedAt = new Map(ticks.map((t) => [t.targetId!.split("/")[1]!, t.at]));
      for (const p of points.slice(0, -1)) {
        expect(p.source).toBe("backfill");
        const asOf = startOfUtcDay(p.date);
        const weight = (filter: (i: (typeof items)[number]) => boolean) => items.filter(filter).reduce((n, i) => n + SEVERITY_WEIGHTS[i.severity], 0);
        const done = weight((i) => i.state === "done" && tickedAt.get(i.key)! <= asOf);
        expect(p.score, `${s.slug} ${p.date}`).toBe(computeScore(items.length, done, weight(() => true)));
      }
      expect(points.length, s.slug).toBeGreaterThan(2);
      expect(points[0]!.score, s.slug).toBeLessThan(today.score);
      // the rebuilt score rises as ticks land and ends at today's
      expect(points.map((p) => p.score)).toEqual([...points.map((p) => p.score)].sort((a, b) => a - b));
    }

    // a second run writes nothing new and replaces no observed point; the team's days are summed
    const again = await backfillHistory({ teamId: demoTeam.id, days: 30, now });
    expect(again.points).toBe(result.points);
    expect(await db.serviceHistory.count({ where: { teamId: demoTeam.id, source: "snapshot" } })).toBe(services.length);
    const teamDays = await db.teamHistory.findMany({ where: { teamId: demoTeam.id }, orderBy: { date: "asc" } });
    expect(utcDay(teamDays.at(-1)!.date)).toBe(utcDay(now));
    expect(teamDays.at(-1)!.services).toBe(services.length);
  });
});
