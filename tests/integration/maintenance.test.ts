/**
 * Maintenance windows against the real database: real probe rounds against a local server that fails
 * during a window (results marked, rollups counting them as maintenance, uptime as if they were not
 * there, the check.down of the window suppressed), the down alert raised once when a window ends with
 * the outage still open (the ending action and the sweep), and the API's rules, permissions and audit.
 */
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as maintenanceRoute from "@/app/api/v1/services/[slug]/maintenance/route";
import * as windowRoute from "@/app/api/v1/services/[slug]/maintenance/[id]/route";
import { insertAlertEvents } from "@/lib/alerts/store";
import { db, sqlPool } from "@/lib/db";
import { afterMaintenanceKey, auditWindowTransitions, MAINTENANCE_CLOCK, raiseAfterMaintenance } from "@/lib/maintenance/store";
import { endWindowNow, listWindows, scheduleWindow } from "@/lib/maintenance/windows";
import { runProbeRound } from "@/lib/probes/round";
import { createTargetPolicy } from "@/lib/probes/target-policy";
import { uptimePercent } from "@/lib/uptime/math";
import { loadServiceUptime } from "@/lib/uptime/query";
import { makeMember, makeTeam, tokenFor } from "../helpers/actors";
import { makeChecksDue } from "../helpers/due";
import { httpTarget, type TestTarget } from "../helpers/probe-targets";

const ctx = { ip: "198.51.100.9" };
const MIN = 60_000;
const HOUR = 60 * MIN;
/** Checks made by hand for the sweep's cases are never due: the probe rounds of this file leave them alone. */
const NEVER = new Date("2999-01-01T00:00:00Z");

let target: TestTarget;
let failing = false;

beforeAll(async () => {
  target = await httpTarget("/health", (_req, res) => {
    res.writeHead(failing ? 503 : 200);
    res.end(failing ? "upgrading" : "ok");
  });
});
afterAll(() => target.close());

async function serviceWithChannel() {
  const team = await makeTeam();
  const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${team.slug}`, name: `Svc ${team.slug}` } });
  const channel = await db.alertChannel.create({ data: { teamId: team.id, type: "webhook", name: "on-call", urlSealed: "x" } });
  const editor = await makeMember(team.id, "editor");
  return { team, service, channel, editor };
}

describe("probes during a maintenance window (real rounds against a local server)", () => {
  it("are marked and counted as maintenance, left out of uptime; the down alert is suppressed, and raised once when the window ends with the outage open", async () => {
    const { service, channel, editor } = await serviceWithChannel();
    const check = await db.healthCheck.create({
      data: { serviceId: service.id, name: "health", url: target.url, timeoutMs: 15_000, intervalSeconds: 300, failuresBeforeDown: 2, successesBeforeUp: 1 },
    });
    const probeOptions = { policy: createTargetPolicy() };
    const round = async (down: boolean) => {
      failing = down;
      await makeChecksDue(service.id);
      expect(await runProbeRound({ probeOptions })).toMatchObject({ claimed: 1, probed: 1 });
    };

    // Outside any window: up, one lone failure (no incident at 2 failures before down), up.
    await round(false);
    await round(true);
    await round(false);

    const window = await scheduleWindow(editor, service.slug, { endsAt: new Date(Date.now() + HOUR), reason: "Database upgrade" }, ctx);
    // During it: four failures, enough to open an incident.
    for (let i = 0; i < 4; i++) await round(true);

    const results = await db.probeResult.findMany({ where: { checkId: check.id }, orderBy: { at: "asc" } });
    expect(results.map((r) => [r.outcome, r.inMaintenance])).toEqual([
      ["up", false],
      ["down", false],
      ["up", false],
      ["down", true],
      ["down", true],
      ["down", true],
      ["down", true],
    ]);
    const incident = await db.incident.findFirstOrThrow({ where: { checkId: check.id, endedAt: null } });
    expect(incident.startedAt.getTime()).toBeGreaterThanOrEqual(window.startsAt.getTime());

    // Rollups count the window's probes as maintenance only: no outcome, no latency (each 503 had one).
    const day = await db.probeRollup.findMany({ where: { checkId: check.id, granularity: "day" } });
    const sum = (k: "up" | "down" | "degraded" | "maintenance" | "latencyCount") => day.reduce((n, r) => n + r[k], 0);
    expect([sum("up"), sum("down"), sum("degraded"), sum("maintenance"), sum("latencyCount")]).toEqual([2, 1, 0, 4, 2]);

    // The range's uptime is the figure of the probes outside the window alone.
    const outside = results.filter((r) => !r.inMaintenance);
    const expected = uptimePercent({ up: outside.filter((r) => r.outcome === "up").length, down: outside.filter((r) => r.outcome === "down").length, degraded: 0 });
    const uptime = await loadServiceUptime(service.id, "24h");
    expect(uptime.uptimePercent).toBeCloseTo(expected!, 3);
    expect(uptime.uptimePercent).toBe(66.667);
    expect(uptime.counts).toEqual({ up: 2, down: 1, degraded: 0, maintenance: 4 });
    expect(uptime.maintenance.map((m) => m.id)).toEqual([window.id]);

    // The incident's check.down, written as the probe path writes it when the incident opens (during
    // the window): kept, suppressed, sent to no channel. The dedupe key is the probe path's, so where
    // that path has written it already this insert adds nothing and the assertions hold for its event.
    await insertAlertEvents(sqlPool(), [
      {
        type: "check.down",
        serviceId: service.id,
        dedupeKey: `check.down:${incident.id}`,
        occurredAt: results[4]!.at,
        details: { checkId: check.id, checkName: check.name, url: check.url, incidentId: incident.id, startedAt: incident.startedAt.toISOString(), error: incident.firstError },
      },
    ]);
    const down = await db.alertEvent.findUniqueOrThrow({ where: { dedupeKey: `check.down:${incident.id}` }, include: { deliveries: true } });
    expect(down.suppressed).toBe(true);
    expect(down.deliveries).toEqual([]);

    // Ended early with the outage still open: its check.down is raised now, once, and delivered.
    const ended = await endWindowNow(editor, service.slug, window.id, ctx);
    expect(ended).toMatchObject({ ended: true, alerts: 1 });
    const after = await db.alertEvent.findUniqueOrThrow({ where: { dedupeKey: afterMaintenanceKey(incident.id, window.id) }, include: { deliveries: true } });
    expect(after).toMatchObject({ type: "check.down", suppressed: false, occurredAt: ended.window.endsAt });
    expect(after.details).toMatchObject({ incidentId: incident.id, checkId: check.id, error: "HTTP 503, expected 200-299" });
    expect(after.deliveries.map((d) => d.channelId)).toEqual([channel.id]);
    expect(await raiseAfterMaintenance(sqlPool())).toBe(0);
    expect(await db.alertEvent.count({ where: { serviceId: service.id, dedupeKey: { contains: ":after-maintenance:" } } })).toBe(1);

    // After the window the failures count again.
    await round(true);
    expect((await db.probeResult.findFirstOrThrow({ where: { checkId: check.id }, orderBy: { at: "desc" } })).inMaintenance).toBe(false);
    expect((await loadServiceUptime(service.id, "24h")).counts).toEqual({ up: 2, down: 2, degraded: 0, maintenance: 4 });

    expect((await db.auditEvent.findMany({ where: { serviceId: service.id }, orderBy: { id: "asc" } })).map((a) => [a.action, a.actorEmail, a.targetId])).toEqual([
      ["maintenance.schedule", editor.email, `${service.slug}/${window.id}`],
      ["maintenance.end", editor.email, `${service.slug}/${window.id}`],
    ]);
  }, 120_000);
});

describe("raiseAfterMaintenance, the sweep for windows that ran out", () => {
  it("raises check.down once for each outage still open when its window ended, and for nothing else", async () => {
    const { service, channel } = await serviceWithChannel();
    const now = new Date();
    const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
    const checkNamed = (serviceId: string, name: string) => db.healthCheck.create({ data: { serviceId, name, url: `https://example.com/${name}`, nextRunAt: NEVER } });
    const open = (serviceId: string, checkId: string, startedAt: Date) => db.incident.create({ data: { serviceId, checkId, startedAt, firstError: "HTTP 503", lastError: "timeout" } });

    const ran = await db.maintenanceWindow.create({ data: { serviceId: service.id, startsAt: at(-3 * HOUR), endsAt: at(-HOUR), reason: "upgrade" } });
    const later = await db.maintenanceWindow.create({ data: { serviceId: service.id, startsAt: at(-10 * MIN), endsAt: at(HOUR), reason: "still open" } });
    const api = await checkNamed(service.id, "api");
    const outage = await open(service.id, api.id, at(-2 * HOUR)); // began in `ran`, still open: raised
    const web = await checkNamed(service.id, "web");
    await db.incident.create({ data: { serviceId: service.id, checkId: web.id, startedAt: at(-2 * HOUR), endedAt: at(-90 * MIN), firstError: "HTTP 500" } }); // over before the end
    const worker = await checkNamed(service.id, "worker");
    const afterwards = await open(service.id, worker.id, at(-30 * MIN)); // began after `ran` ended, in `later`, which has not ended

    const [first, second] = await Promise.all([raiseAfterMaintenance(sqlPool(), now), raiseAfterMaintenance(sqlPool(), now)]);
    expect(first + second).toBe(1);
    const events = await db.alertEvent.findMany({ where: { serviceId: service.id }, include: { deliveries: true } });
    expect(events.map((e) => e.dedupeKey)).toEqual([afterMaintenanceKey(outage.id, ran.id)]);
    expect(events[0]).toMatchObject({ type: "check.down", suppressed: false, occurredAt: ran.endsAt });
    expect(events[0]!.details).toEqual({ checkId: api.id, checkName: "api", url: "https://example.com/api", incidentId: outage.id, startedAt: outage.startedAt.toISOString(), error: "timeout" });
    expect(events[0]!.deliveries.map((d) => d.channelId)).toEqual([channel.id]);
    expect(await raiseAfterMaintenance(sqlPool(), now)).toBe(0);

    // When `later` runs out, both outages still open are raised for it.
    expect(await raiseAfterMaintenance(sqlPool(), at(HOUR + MIN))).toBe(2);
    const forLater = await db.alertEvent.findMany({ where: { serviceId: service.id, dedupeKey: { endsWith: `:after-maintenance:${later.id}` } }, orderBy: { dedupeKey: "asc" } });
    expect(forLater.map((e) => e.dedupeKey).sort()).toEqual([afterMaintenanceKey(outage.id, later.id), afterMaintenanceKey(afterwards.id, later.id)].sort());

    // A window that ended beyond the lookback is not swept any more.
    const { service: old } = await serviceWithChannel();
    await db.maintenanceWindow.create({ data: { serviceId: old.id, startsAt: at(-9 * 24 * HOUR), endsAt: at(-8 * 24 * HOUR), reason: "migration" } });
    await open(old.id, (await checkNamed(old.id, "old")).id, at(-8.5 * 24 * HOUR));
    expect(await raiseAfterMaintenance(sqlPool(), now)).toBe(0);
  });

  it("does not raise an outage whose down alert already went out after the window ended", async () => {
    const { service } = await serviceWithChannel();
    const now = new Date();
    const window = await db.maintenanceWindow.create({ data: { serviceId: service.id, startsAt: new Date(now.getTime() - 2 * HOUR), endsAt: new Date(now.getTime() - HOUR), reason: "upgrade" } });
    const check = await db.healthCheck.create({ data: { serviceId: service.id, url: "https://example.com/health", nextRunAt: NEVER } });
    // the streak began in the window, but the incident opened (and alerted) just after it
    const incident = await db.incident.create({ data: { serviceId: service.id, checkId: check.id, startedAt: new Date(now.getTime() - HOUR - MIN), firstError: "HTTP 503" } });
    await insertAlertEvents(sqlPool(), [
      {
        type: "check.down",
        serviceId: service.id,
        dedupeKey: `check.down:${incident.id}`,
        occurredAt: new Date(now.getTime() - HOUR + MIN),
        details: { checkId: check.id, checkName: check.name, url: check.url, incidentId: incident.id, startedAt: incident.startedAt.toISOString(), error: "HTTP 503" },
      },
    ]);
    expect(await raiseAfterMaintenance(sqlPool(), now)).toBe(0);
    expect(await db.alertEvent.count({ where: { dedupeKey: afterMaintenanceKey(incident.id, window.id) } })).toBe(0);
  });
});

describe("auditWindowTransitions, the audit rows of windows that open and close by their times", () => {
  it("records a window scheduled ahead opening and a window running out closing, once each, and no close for one ended early", async () => {
    const { service, editor } = await serviceWithChannel();
    const now = new Date();
    const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
    const rows = async (id: string) =>
      (await db.auditEvent.findMany({ where: { targetId: `${service.slug}/${id}` }, orderBy: { id: "asc" } })).map((a) => [a.action, a.via, a.actorEmail]);

    // Scheduled a day ahead through the app, then the clock is moved on: it opens, then runs out.
    const ahead = await scheduleWindow(editor, service.slug, { startsAt: at(24 * HOUR), endsAt: at(25 * HOUR), reason: "Kernel patch" }, ctx, now);
    // (other tests' windows are in the database too: rows are read per window, not counted)
    await auditWindowTransitions(sqlPool(), at(23 * HOUR));
    expect(await rows(ahead.id)).toEqual([["maintenance.schedule", "ui", editor.email]]);
    // two instances at once: one row
    await Promise.all([auditWindowTransitions(sqlPool(), at(24 * HOUR + MIN)), auditWindowTransitions(sqlPool(), at(24 * HOUR + MIN))]);
    expect(await rows(ahead.id)).toEqual([
      ["maintenance.schedule", "ui", editor.email],
      ["maintenance.open", "system", MAINTENANCE_CLOCK],
    ]);
    await auditWindowTransitions(sqlPool(), at(26 * HOUR));
    await auditWindowTransitions(sqlPool(), at(27 * HOUR));
    expect(await rows(ahead.id)).toEqual([
      ["maintenance.schedule", "ui", editor.email],
      ["maintenance.open", "system", MAINTENANCE_CLOCK],
      ["maintenance.close", "system", MAINTENANCE_CLOCK],
    ]);
    const close = await db.auditEvent.findFirstOrThrow({ where: { targetId: `${service.slug}/${ahead.id}`, action: "maintenance.close" } });
    expect(close.after).toEqual({ startsAt: ahead.startsAt.toISOString(), endsAt: ahead.endsAt.toISOString(), reason: "Kernel patch" });

    // Starting now: its schedule row is the opening; ended early: its end row is the closing.
    const nowWindow = await scheduleWindow(editor, service.slug, { endsAt: at(HOUR), reason: "Upgrade" }, ctx, now);
    await auditWindowTransitions(sqlPool(), at(MIN));
    await endWindowNow(editor, service.slug, nowWindow.id, ctx, at(2 * MIN));
    await auditWindowTransitions(sqlPool(), at(2 * HOUR));
    expect((await rows(nowWindow.id)).map(([action]) => action)).toEqual(["maintenance.schedule", "maintenance.end"]);
  });
});

describe("the maintenance API", () => {
  async function setUp() {
    const { team, service, editor } = await serviceWithChannel();
    const viewer = await makeMember(team.id, "viewer");
    const stranger = await makeMember((await makeTeam()).id, "owner");
    const tokens = {
      editor: await tokenFor(team.id, editor.userId, "editor"),
      viewer: await tokenFor(team.id, viewer.userId, "viewer"),
      stranger: await tokenFor([...stranger.roles.keys()][0]!, stranger.userId, "owner"),
    };
    const request = (token: string, method: string, body?: unknown) =>
      new NextRequest(`http://localhost/api/v1/services/${service.slug}/maintenance`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const list = async (token = tokens.editor) => {
      const res = await maintenanceRoute.GET(request(token, "GET"), { params: Promise.resolve({ slug: service.slug }) });
      return { status: res.status, body: (await res.json()) as { windows: { id: string; state: string; reason: string; endsAt: string; createdBy: string | null }[] } };
    };
    const post = async (body: unknown, token = tokens.editor) => {
      const res = await maintenanceRoute.POST(request(token, "POST", body), { params: Promise.resolve({ slug: service.slug }) });
      return { status: res.status, body: (await res.json()) as { window: { id: string; state: string; startsAt: string; endsAt: string }; error: { code: string; issues?: { path: string; message: string }[] } } };
    };
    const patch = async (id: string, body: unknown, token = tokens.editor) => {
      const res = await windowRoute.PATCH(request(token, "PATCH", body), { params: Promise.resolve({ slug: service.slug, id }) });
      return { status: res.status, body: (await res.json()) as { window: { state: string; endsAt: string }; error: { code: string; issues?: { path: string }[] } } };
    };
    const del = async (id: string, token = tokens.editor) => (await windowRoute.DELETE(request(token, "DELETE"), { params: Promise.resolve({ slug: service.slug, id }) })).status;
    return { service, editor, tokens, list, post, patch, del };
  }
  const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
  const paths = (r: { body: { error: { issues?: { path: string }[] } } }) => r.body.error.issues?.map((i) => i.path).sort();

  it("refuses invalid windows with 422 and the issues of each field", async () => {
    const { post, service } = await setUp();
    const cases: [unknown, string[]][] = [
      [{ endsAt: inMs(-MIN), reason: "late" }, ["endsAt"]],
      [{ startsAt: inMs(2 * HOUR), endsAt: inMs(HOUR), reason: "backwards" }, ["endsAt"]],
      [{ endsAt: inMs(8 * 24 * HOUR), reason: "too long" }, ["endsAt"]],
      [{ startsAt: inMs(-2 * HOUR), endsAt: inMs(HOUR), reason: "backdated" }, ["startsAt"]],
      [{ endsAt: inMs(HOUR), reason: "  " }, ["reason"]],
      [{ endsAt: inMs(HOUR), reason: "x".repeat(301) }, ["reason"]],
      [{ endsAt: "tomorrow", reason: "vague" }, ["endsAt"]],
      [{ endsAt: inMs(HOUR), reason: "ok", silence: true }, ["(body)"]],
      [{}, ["endsAt", "reason"]],
    ];
    for (const [body, expected] of cases) {
      const r = await post(body);
      expect([r.status, r.body.error.code, paths(r)], JSON.stringify(body)).toEqual([422, "unprocessable", expected]);
    }
    expect(await db.maintenanceWindow.count({ where: { serviceId: service.id } })).toBe(0);
  });

  it("viewers read the windows but may not change them; another team's member sees nothing", async () => {
    const { post, patch, del, list, tokens, service } = await setUp();
    expect((await post({ endsAt: inMs(HOUR), reason: "viewer" }, tokens.viewer)).status).toBe(403);
    const created = await post({ endsAt: inMs(HOUR), reason: "Kernel patch" });
    expect(created.status).toBe(201);
    const id = created.body.window.id;
    expect((await patch(id, { endsAt: inMs(0) }, tokens.viewer)).status).toBe(403);
    expect(await del(id, tokens.viewer)).toBe(403);
    const seen = await list(tokens.viewer);
    expect(seen.status).toBe(200);
    expect(seen.body.windows.map((w) => [w.id, w.state, w.reason])).toEqual([[id, "open", "Kernel patch"]]);
    expect((await list(tokens.stranger)).status).toBe(404);
    expect((await post({ endsAt: inMs(HOUR), reason: "x" }, tokens.stranger)).status).toBe(404);
    expect(await db.auditEvent.count({ where: { serviceId: service.id } })).toBe(1);
  });

  it("schedules, refuses overlaps, changes the end, ends early and deletes only upcoming windows, all audited", async () => {
    const { post, patch, del, list, service, editor } = await setUp();
    const open = await post({ endsAt: inMs(HOUR), reason: "Upgrade" });
    expect(open).toMatchObject({ status: 201, body: { window: { state: "open" } } });
    const openId = open.body.window.id;
    const overlap = await post({ startsAt: inMs(30 * MIN), endsAt: inMs(2 * HOUR), reason: "Overlap" });
    expect([overlap.status, overlap.body.error.code]).toEqual([409, "conflict"]);
    const upcoming = await post({ startsAt: inMs(2 * HOUR), endsAt: inMs(3 * HOUR), reason: "Later" });
    expect(upcoming).toMatchObject({ status: 201, body: { window: { state: "upcoming" } } });
    const upcomingId = upcoming.body.window.id;
    // lengthening the open window into the upcoming one is an overlap too
    expect((await patch(openId, { endsAt: inMs(150 * MIN) })).status).toBe(409);

    const shorter = inMs(30 * MIN);
    expect(await patch(openId, { endsAt: shorter })).toMatchObject({ status: 200, body: { window: { state: "open", endsAt: shorter } } });
    expect(paths(await patch(upcomingId, { endsAt: inMs(-MIN) }))).toEqual(["endsAt"]); // an upcoming window is deleted, not ended
    expect(await del(openId)).toBe(409);

    const ended = await patch(openId, { endsAt: inMs(-5 * MIN) }); // in the past: ends now
    expect(ended.status).toBe(200);
    expect(ended.body.window.state).toBe("ended");
    expect(Date.parse(ended.body.window.endsAt)).toBeGreaterThan(Date.now() - MIN);
    expect((await patch(openId, { endsAt: inMs(HOUR) })).status).toBe(409);
    expect(await del(openId)).toBe(409);

    expect(await del(upcomingId)).toBe(204);
    expect(await del(upcomingId)).toBe(404);
    const listed = await list();
    expect(listed.body.windows.map((w) => [w.id, w.state, w.createdBy])).toEqual([[openId, "ended", editor.email]]);
    expect((await listWindows(service.id)).recent.map((w) => w.id)).toEqual([openId]);

    const audit = await db.auditEvent.findMany({ where: { serviceId: service.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.via, a.targetId])).toEqual([
      ["maintenance.schedule", "api", `${service.slug}/${openId}`],
      ["maintenance.schedule", "api", `${service.slug}/${upcomingId}`],
      ["maintenance.update", "api", `${service.slug}/${openId}`],
      ["maintenance.end", "api", `${service.slug}/${openId}`],
      ["maintenance.delete", "api", `${service.slug}/${upcomingId}`],
    ]);
    expect(audit[2]!.after).toMatchObject({ endsAt: shorter, reason: "Upgrade" });
  });
});
