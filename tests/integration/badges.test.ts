/**
 * Public badges and the deploy gate's ?require=ready, through their route handlers against the real
 * database: a badge answers only for a team that turned them on, with one and the same 404 otherwise;
 * the setting is for owners and audited; the gate answers 412 in the error shape when not ready.
 */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { apiResponses } from "@/lib/api/openapi";
import { db, sqlPool } from "@/lib/db";
import { setPublicBadges } from "@/lib/teams/badges";
import * as readinessBadge from "@/app/api/badge/[team]/[service]/readiness.svg/route";
import * as healthBadge from "@/app/api/badge/[team]/[service]/health.svg/route";
import * as uptimeBadge from "@/app/api/badge/[team]/[service]/uptime.svg/route";
import * as readiness from "@/app/api/v1/services/[slug]/readiness/route";
import { makeMember, makeTeam, tokenFor } from "../helpers/actors";

type Handler<P> = (req: NextRequest, segment: { params: Promise<P> }) => Promise<Response>;
const ctx = { ip: "198.51.100.9" };

async function get<P>(handler: Handler<P>, params: P, query = "", headers: Record<string, string> = {}) {
  const req = new NextRequest(new URL(`/api/x${query}`, "http://localhost"), { headers });
  const res = await handler(req, { params: Promise.resolve(params) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function setup(name = "Payments <API> & \"Co\"") {
  const team = await makeTeam();
  const owner = await makeMember(team.id, "owner");
  const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${team.slug}`, name, tier: 3 } });
  await db.serviceChecklistItem.createMany({
    data: [
      { serviceId: service.id, key: "backups", title: "Backups", severity: "critical", state: "done", position: 0, sectionKey: "ops", sectionTitle: "Ops" },
      { serviceId: service.id, key: "runbook", title: "Runbook", severity: "high", state: "open", position: 1, sectionKey: "ops", sectionTitle: "Ops" },
    ],
  });
  return { team, owner, service, params: { team: team.slug, service: service.slug } };
}

const BADGES = [readinessBadge.GET, healthBadge.GET, uptimeBadge.GET];

describe("badges answer only when the team turned them on", () => {
  it("is off by default: the same 404 body as for a team or service that does not exist", async () => {
    const s = await setup();
    const other = await setup("Other");
    await setPublicBadges(other.owner, other.team.slug, { publicBadges: true }, ctx);
    const missingTeam = await get(readinessBadge.GET, { team: "no-such-team", service: s.service.slug });
    expect(missingTeam.status).toBe(404);
    expect(JSON.parse(missingTeam.text)).toEqual({ error: { code: "not_found", message: "No such badge." } });
    for (const badge of BADGES) {
      const answers = [
        await get(badge, s.params), // badges off
        await get(badge, { team: s.team.slug, service: "no-such-service" }),
        await get(badge, { team: "no-such-team", service: "no-such-service" }),
        // a service of a team without badges, asked for under a team with badges on
        await get(badge, { team: other.team.slug, service: s.service.slug }),
        await get(badge, s.params, "?range=1y"),
      ];
      for (const a of answers) {
        expect(a.status).toBe(404);
        expect(a.text).toBe(missingTeam.text);
        expect(a.headers.get("content-type")).toBe("application/json");
      }
    }
  });

  it("once on: SVG with its title, cache headers, no session; archived services and teams are 404 again", async () => {
    const s = await setup();
    expect(await setPublicBadges(s.owner, s.team.slug, { publicBadges: true }, ctx)).toBe(true);
    const r = await get(readinessBadge.GET, s.params);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("image/svg+xml");
    expect(r.headers.get("cache-control")).toBe("public, max-age=60");
    expect(r.text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" [^>]*role="img"/);
    // One critical item done, one high open: at risk with the board's score; the name is escaped.
    expect(r.text).toContain("<title>Payments &lt;API&gt; &amp; &quot;Co&quot; readiness: At risk, score");
    expect(r.text).toMatch(/>At risk · \d+\/100<\/text>/);

    const h = await get(healthBadge.GET, s.params);
    expect(h.status).toBe(200);
    expect(h.text).toContain(">No check</text>");
    await db.healthCheck.createMany({
      data: [
        { serviceId: s.service.id, name: "api", url: "http://api.test/health", status: "down" },
        { serviceId: s.service.id, name: "web", url: "http://web.test/health", status: "up" },
        { serviceId: s.service.id, name: "old", url: "http://old.test/health", status: "down", enabled: false },
      ],
    });
    expect((await get(healthBadge.GET, s.params)).text).toContain(">1 of 2 down</text>");

    await db.service.update({ where: { id: s.service.id }, data: { archivedAt: new Date() } });
    expect((await get(readinessBadge.GET, s.params)).status).toBe(404);
    await db.service.update({ where: { id: s.service.id }, data: { archivedAt: null } });
    await db.team.update({ where: { id: s.team.id }, data: { archivedAt: new Date() } });
    expect((await get(readinessBadge.GET, s.params)).status).toBe(404);
  });

  it("uptime: 30 days by default, the coverage wording without enough data, 400 for an unknown range", async () => {
    const s = await setup("Uptime svc");
    await setPublicBadges(s.owner, s.team.slug, { publicBadges: true }, ctx);
    const check = await db.healthCheck.create({ data: { serviceId: s.service.id, name: "api", url: "http://api.test/health", status: "up" } });
    const empty = await get(uptimeBadge.GET, s.params);
    expect(empty.status).toBe(200);
    expect(empty.text).toContain(">uptime 30d</text>");
    expect(empty.text).toContain(">Not enough data yet</text>");
    expect(empty.text).toContain("<title>Uptime svc uptime over 30 d: Not enough data yet (nothing of 30 d observed)</title>");

    // Thirty whole days of day rollups: 1,999 up and 1 down each.
    await sqlPool().query(
      `INSERT INTO "ProbeRollup" ("checkId", granularity, "bucketStart", up, down)
       SELECT $1, 'day', date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - make_interval(days => d), 1999, 1 FROM generate_series(0, 29) d`,
      [check.id],
    );
    const full = await get(uptimeBadge.GET, s.params);
    expect(full.text).toContain(">99.95 %</text>");
    expect(full.text).toMatch(/<title>Uptime svc uptime over 30 d: 99\.95 % \([^)]* observed\)<\/title>/);
    const week = await get(uptimeBadge.GET, s.params, "?range=7d");
    expect(week.text).toContain(">uptime 7d</text>");
    const bad = await get(uptimeBadge.GET, s.params, "?range=1y");
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ error: { code: "bad_request", issues: [{ path: "range" }] } });
  });

  it("only owners turn them on or off; each change is audited once", async () => {
    const s = await setup();
    const editor = await makeMember(s.team.id, "editor");
    await expect(setPublicBadges(editor, s.team.slug, { publicBadges: true }, ctx)).rejects.toMatchObject({ code: "forbidden" });
    await setPublicBadges(s.owner, s.team.slug, { publicBadges: true }, ctx);
    await setPublicBadges(s.owner, s.team.slug, { publicBadges: true }, ctx);
    await setPublicBadges(s.owner, s.team.slug, { publicBadges: false }, ctx);
    const audits = await db.auditEvent.findMany({ where: { teamId: s.team.id, action: "team.badges" }, });
    // Setting it to what it is writes nothing: two changes, two entries (order-free: they may share a millisecond).
    expect(audits).toHaveLength(2);
    expect(audits.map((a) => [a.before, a.after])).toEqual(
      expect.arrayContaining([
        [{ publicBadges: false }, { publicBadges: true }],
        [{ publicBadges: true }, { publicBadges: false }],
      ]),
    );
    expect((await get(readinessBadge.GET, s.params)).status).toBe(404);
  });
});

describe("the deploy gate with ?require=ready", () => {
  it("answers 412 in the error shape with the readiness when not ready, 200 when ready, 400 for another value", async () => {
    const s = await setup();
    const token = await tokenFor(s.team.id, s.owner.userId, "viewer");
    const auth = { authorization: `Bearer ${token}` };
    const slug = { slug: s.service.slug };
    const plain = await get(readiness.GET, slug, "", auth);
    expect(plain.status).toBe(200);
    const notReady = await get(readiness.GET, slug, "?require=ready", auth);
    expect(notReady.status).toBe(412);
    const body = apiResponses.notReadyGate.parse(JSON.parse(notReady.text));
    expect(body.error.readiness).toEqual(JSON.parse(plain.text));
    expect(body.error.message).toMatch(/is not ready for production \(At risk, score \d+, 1 blocker\)/);

    await db.serviceChecklistItem.updateMany({ where: { serviceId: s.service.id }, data: { state: "done" } });
    const ready = await get(readiness.GET, slug, "?require=ready", auth);
    expect(ready.status).toBe(200);
    expect(apiResponses.readiness.parse(JSON.parse(ready.text))).toMatchObject({ ready: true, level: "ready" });
    const bad = await get(readiness.GET, slug, "?require=green", auth);
    expect(bad.status).toBe(400);
    expect((await get(readiness.GET, slug, "?require=ready")).status).toBe(401);
  });
});
