/**
 * The main API operations, called through their route handlers against the real database, each answer
 * checked against its response schema in lib/api/openapi.ts (`apiResponses`). The schemas are strict: a
 * field the schema lacks fails here, as a missing or mistyped one does.
 */
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { apiResponses } from "@/lib/api/openapi";
import { API_TOKEN_PREFIX, hashSecret } from "@/lib/auth/tokens";
import { db } from "@/lib/db";
import * as services from "@/app/api/v1/services/route";
import * as service from "@/app/api/v1/services/[slug]/route";
import * as readiness from "@/app/api/v1/services/[slug]/readiness/route";
import * as checklist from "@/app/api/v1/services/[slug]/checklist/route";
import * as checklistItem from "@/app/api/v1/services/[slug]/checklist/[itemKey]/route";
import * as itemHistory from "@/app/api/v1/services/[slug]/checklist/[itemKey]/history/route";
import * as checklistBulk from "@/app/api/v1/services/[slug]/checklist/bulk/route";
import * as checks from "@/app/api/v1/services/[slug]/checks/route";
import * as check from "@/app/api/v1/services/[slug]/checks/[id]/route";
import * as thresholds from "@/app/api/v1/services/[slug]/thresholds/route";
import * as maintenance from "@/app/api/v1/services/[slug]/maintenance/route";
import * as maintenanceWindow from "@/app/api/v1/services/[slug]/maintenance/[id]/route";
import * as metrics from "@/app/api/v1/services/[slug]/metrics/route";
import * as metricsSource from "@/app/api/v1/services/[slug]/metrics/source/route";
import * as rtoTargets from "@/app/api/v1/services/[slug]/rto-targets/route";
import * as events from "@/app/api/v1/services/[slug]/recovery-events/route";
import * as monitors from "@/app/api/v1/services/[slug]/backup-monitors/route";
import * as rotate from "@/app/api/v1/services/[slug]/backup-monitors/[component]/rotate/route";
import * as reviews from "@/app/api/v1/services/[slug]/reviews/route";
import * as uptime from "@/app/api/v1/services/[slug]/uptime/route";
import * as serviceTemplates from "@/app/api/v1/services/[slug]/templates/route";
import * as resync from "@/app/api/v1/services/[slug]/templates/resync/route";
import * as templates from "@/app/api/v1/templates/route";
import * as members from "@/app/api/v1/teams/[team]/members/route";
import * as tokens from "@/app/api/v1/teams/[team]/tokens/route";
import * as invitations from "@/app/api/v1/teams/[team]/invitations/route";
import * as audit from "@/app/api/v1/teams/[team]/audit/route";
import * as channels from "@/app/api/v1/teams/[team]/channels/route";
import * as channel from "@/app/api/v1/teams/[team]/channels/[id]/route";
import * as channelTest from "@/app/api/v1/teams/[team]/channels/[id]/test/route";
import * as channelRotate from "@/app/api/v1/teams/[team]/channels/[id]/rotate-secret/route";
import * as health from "@/app/api/health/route";
import * as ready from "@/app/api/ready/route";
import { makeMember, makeTeam } from "../helpers/actors";

let owner = "";
let team = "";
const SLUG = "api-shapes";

type Handler<P> = (req: NextRequest, segment: { params: Promise<P> }) => Promise<Response>;

async function call<P>(handler: Handler<P>, params: P, opts: { method?: string; body?: unknown; query?: string } = {}) {
  const req = new NextRequest(new URL(`/api/v1/x${opts.query ?? ""}`, "http://localhost"), {
    method: opts.method ?? "GET",
    headers: { authorization: `Bearer ${owner}`, "content-type": "application/json" },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const res = await handler(req, { params: Promise.resolve(params) });
  return { status: res.status, body: (await res.json()) as unknown };
}

/** The answer's status, and the schema's complaints (none when it fits exactly). */
function check_<S extends z.ZodType>(schema: S, answer: { status: number; body: unknown }) {
  const r = schema.safeParse(answer.body);
  return { status: answer.status, issues: r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`), data: r.data as z.output<S> };
}

beforeAll(async () => {
  const t = await makeTeam();
  team = t.slug;
  const member = await makeMember(t.id, "owner");
  owner = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  await db.apiToken.create({ data: { teamId: t.id, userId: member.userId, name: "t", role: "owner", tokenHash: hashSecret(owner), prefix: owner.slice(0, 9) } });
});

const s = { slug: SLUG };
const R = apiResponses;

describe("API answers match their schemas exactly", () => {
  it("services, readiness, checklist, templates", async () => {
    expect(check_(R.service, await call(services.POST, {}, { method: "POST", body: { name: "API shapes", slug: SLUG, team, tags: ["a"] } }))).toMatchObject({ status: 201, issues: [] });
    expect(check_(R.services, await call(services.GET, {}))).toMatchObject({ status: 200, issues: [] });
    expect(check_(R.service, await call(service.GET, s))).toMatchObject({ status: 200, issues: [] });
    expect(check_(R.service, await call(service.PATCH, s, { method: "PATCH", body: { description: "shapes" } }))).toMatchObject({ status: 200, issues: [] });

    const list = check_(R.templates, await call(templates.GET, {}));
    expect(list).toMatchObject({ status: 200, issues: [] });
    const key = list.data?.templates[0]?.key;
    if (key) expect(check_(R.applyTemplate, await call(serviceTemplates.POST, s, { method: "POST", body: { template: key } }))).toMatchObject({ status: 200, issues: [] });
    expect(check_(R.resync, await call(resync.POST, s, { method: "POST" }))).toMatchObject({ status: 200, issues: [] });

    const added = check_(R.item, await call(checklist.POST, s, { method: "POST", body: { title: "Runbook reviewed" } }));
    expect(added).toMatchObject({ status: 201, issues: [] });
    const items = check_(R.checklist, await call(checklist.GET, s));
    expect(items).toMatchObject({ status: 200, issues: [] });
    const item = added.data!.item;
    expect(check_(R.item, await call(checklistItem.PATCH, { slug: SLUG, itemKey: item.key }, { method: "PATCH", body: { state: "done", version: item.version } }))).toMatchObject({ status: 200, issues: [] });
    const history = check_(R.itemHistory, await call(itemHistory.GET, { slug: SLUG, itemKey: item.key }, { query: "?limit=1" }));
    expect(history).toMatchObject({ status: 200, issues: [] });
    expect(history.data?.events.map((e) => e.action)).toEqual(["checklist.update"]);
    const [x, y] = items.data!.items.filter((i) => i.state === "open");
    const bulk = (versions: [number, number]) => call(checklistBulk.POST, s, { method: "POST", body: { items: [{ key: x!.key, version: versions[0] }, { key: y!.key, version: versions[1] }], state: "done", note: "Bulk" } });
    expect(check_(R.bulkItems, await bulk([x!.version, y!.version]))).toMatchObject({ status: 200, issues: [] });
    expect(check_(R.bulkConflict, await bulk([x!.version, y!.version]))).toMatchObject({ status: 409, issues: [] });
    const gate = check_(R.readiness, await call(readiness.GET, s));
    expect(gate).toMatchObject({ status: 200, issues: [] });
    expect(gate.data?.counts.total).toBe(items.data!.items.length);
  });

  it("health checks, thresholds, metrics, uptime", async () => {
    const created = check_(R.check, await call(checks.POST, s, { method: "POST", body: { url: "https://shapes.example.com/health", headers: [{ name: "X-Key", env: "PROBE_SECRET_KEY" }] } }));
    expect(created).toMatchObject({ status: 201, issues: [] });
    expect(check_(R.checks, await call(checks.GET, s))).toMatchObject({ status: 200, issues: [] });
    expect(check_(R.check, await call(check.GET, { slug: SLUG, id: created.data!.check.id }))).toMatchObject({ status: 200, issues: [] });

    expect(check_(R.threshold, await call(thresholds.POST, s, { method: "POST", body: { metric: "queue_depth", comparator: "gt", limit: 100, severity: "high" } }))).toMatchObject({ status: 201, issues: [] });
    expect(check_(R.metricsPush, await call(metrics.POST, s, { method: "POST", body: { samples: [{ metric: "queue_depth", value: 5 }, { metric: "other", value: 1 }] } }))).toMatchObject({ status: 201, issues: [] });
    expect(check_(R.thresholds, await call(thresholds.GET, s))).toMatchObject({ status: 200, issues: [] });
    expect(check_(R.metricsSource, await call(metricsSource.GET, s))).toMatchObject({ status: 200, issues: [] });
    expect(check_(R.uptime, await call(uptime.GET, s, { query: "?range=7d" }))).toMatchObject({ status: 200, issues: [] });
  });

  it("maintenance windows, and the uptime that shows them", async () => {
    const created = check_(R.maintenanceWindow, await call(maintenance.POST, s, { method: "POST", body: { endsAt: new Date(Date.now() + 3600_000).toISOString(), reason: "Shapes upgrade" } }));
    expect(created).toMatchObject({ status: 201, issues: [] });
    expect(check_(R.maintenanceWindows, await call(maintenance.GET, s))).toMatchObject({ status: 200, issues: [] });
    expect(check_(R.uptime, await call(uptime.GET, s, { query: "?range=24h" }))).toMatchObject({ status: 200, issues: [], data: { maintenance: [{ id: created.data.window.id }] } });
    const ended = check_(R.maintenanceWindow, await call(maintenanceWindow.PATCH, { slug: SLUG, id: created.data.window.id }, { method: "PATCH", body: { endsAt: new Date().toISOString() } }));
    expect(ended).toMatchObject({ status: 200, issues: [], data: { window: { state: "ended" } } });
  });

  it("recovery: targets, log, monitors, ping URL rotation", async () => {
    expect(check_(R.rtoTarget, await call(rtoTargets.POST, s, { method: "POST", body: { component: "db", rtoSeconds: 900, rpoSeconds: 300 } }))).toMatchObject({ status: 201, issues: [] });
    const at = new Date(Date.now() - 3600_000).toISOString();
    expect(check_(R.recoveryEvent, await call(events.POST, s, { method: "POST", body: { kind: "drill", component: "db", status: "success", startedAt: at, finishedAt: new Date().toISOString(), restoredToAt: at } }))).toMatchObject({ status: 201, issues: [] });
    expect(check_(R.rtoTargets, await call(rtoTargets.GET, s))).toMatchObject({ status: 200, issues: [] });
    expect(check_(R.recoveryEvents, await call(events.GET, s, { query: "?perPage=5" }))).toMatchObject({ status: 200, issues: [] });
    expect(check_(R.backupMonitor, await call(monitors.POST, s, { method: "POST", body: { component: "db" } }))).toMatchObject({ status: 201, issues: [] });
    expect(check_(R.backupMonitors, await call(monitors.GET, s))).toMatchObject({ status: 200, issues: [] });
    expect(check_(R.rotatedPingUrl, await call(rotate.POST, { slug: SLUG, component: "db" }, { method: "POST" }))).toMatchObject({ status: 200, issues: [] });
  });

  it("reviews, team members, tokens, invitations, audit, health and ready", async () => {
    expect(check_(R.review, await call(reviews.POST, s, { method: "POST" }))).toMatchObject({ status: 201, issues: [] });
    expect(check_(R.reviews, await call(reviews.GET, s))).toMatchObject({ status: 200, issues: [] });
    const p = { team };
    expect(check_(R.members, await call(members.GET, p))).toMatchObject({ status: 200, issues: [] });
    expect(check_(R.createdToken, await call(tokens.POST, p, { method: "POST", body: { name: "ci" } }))).toMatchObject({ status: 201, issues: [] });
    expect(check_(R.tokens, await call(tokens.GET, p))).toMatchObject({ status: 200, issues: [] });
    expect(check_(R.invitations, await call(invitations.GET, p))).toMatchObject({ status: 200, issues: [] });
    expect(check_(R.audit, await call(audit.GET, p, { query: "?limit=50" }))).toMatchObject({ status: 200, issues: [] });
    expect(check_(R.health, { status: 200, body: await health.GET().json() })).toMatchObject({ issues: [] });
    const readyRes = await ready.GET();
    expect(check_(R.ready, { status: readyRes.status, body: await readyRes.json() })).toMatchObject({ status: 200, issues: [] });
  });

  it("alert channels: create (with and without a signing secret), list, one with deliveries, patch, test, rotate", async () => {
    const p = { team };
    const webhook = check_(R.createdChannel, await call(channels.POST, p, { method: "POST", body: { type: "webhook", name: "Relay", url: "https://relay.example.com/hook", services: [SLUG] } }));
    expect(webhook).toMatchObject({ status: 201, issues: [] });
    expect(webhook.data.channel.signingSecret).toMatch(/^whsec_/);
    expect(check_(R.createdChannel, await call(channels.POST, p, { method: "POST", body: { type: "email", name: "Owners", memberRoles: ["owner"] } }))).toMatchObject({ status: 201, issues: [] });
    const c = { team, id: webhook.data.channel.id };
    expect(check_(R.channels, await call(channels.GET, p))).toMatchObject({ status: 200, issues: [] });
    expect(check_(R.channel, await call(channel.PATCH, c, { method: "PATCH", body: { minTier: 2 } }))).toMatchObject({ status: 200, issues: [] });
    expect(check_(R.testDelivery, await call(channelTest.POST, c, { method: "POST" }))).toMatchObject({ issues: [] });
    const one = check_(R.channelWithDeliveries, await call(channel.GET, c));
    expect(one).toMatchObject({ status: 200, issues: [] });
    expect(one.data.deliveries).toHaveLength(1);
    expect(check_(R.rotatedChannel, await call(channelRotate.POST, c, { method: "POST" }))).toMatchObject({ status: 200, issues: [] });
  });

  it("a field the schema lacks fails the check", () => {
    const answer = { status: 200, body: { status: "ok", extra: 1 } };
    expect(check_(R.health, answer).issues).not.toEqual([]);
  });
});
