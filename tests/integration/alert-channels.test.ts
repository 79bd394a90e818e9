/**
 * Alert channels through their route handlers: who may read and manage them (owner, editor, reviewer,
 * viewer, another team), what the answers show (never a URL or a signing secret, except the secret in the
 * create and rotate answers), validation refusals with their issues, the audit entries, and "Send test"
 * (sent at once to a receiver the test starts).
 */
import { ALERT_EVENT_TYPES } from "@/lib/alerts/types";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { describeTestOutcome } from "@/lib/alerts/channel-status";
import { verifyPreflightSignature } from "../helpers/documented-verifier";
import { openSecret } from "@/lib/checks/header-secrets";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import * as channelsRoute from "@/app/api/v1/teams/[team]/channels/route";
import * as channelRoute from "@/app/api/v1/teams/[team]/channels/[id]/route";
import * as testRoute from "@/app/api/v1/teams/[team]/channels/[id]/test/route";
import * as rotateRoute from "@/app/api/v1/teams/[team]/channels/[id]/rotate-secret/route";
import { makeMember, makeTeam, tokenFor } from "../helpers/actors";
import { alertReceiver } from "../helpers/alert-receiver";

type Who = Role | "otherTeam";
const bearer: Partial<Record<Who, string>> = {};
let team: { id: string; slug: string; name: string };
let other: { id: string; slug: string };

// The path of a webhook URL is often its secret (Slack's are): it must never come back.
const WEBHOOK_URL = "http://127.0.0.1:9/hooks/T000-very-secret-path";
const SLACK_URL = "https://hooks.slack.com/services/T000/B000/slack-secret-token";

beforeAll(async () => {
  team = await makeTeam();
  await db.service.createMany({
    data: [
      { teamId: team.id, slug: `${team.slug}-api`, name: "API", tier: 1 },
      { teamId: team.id, slug: `${team.slug}-web`, name: "Web", tier: 3 },
    ],
  });
  for (const role of ["owner", "editor", "reviewer", "viewer"] as const) {
    const m = await makeMember(team.id, role);
    bearer[role] = await tokenFor(team.id, m.userId, role);
  }
  const o = await makeTeam();
  other = o;
  bearer.otherTeam = await tokenFor(o.id, (await makeMember(o.id, "owner")).userId, "owner");
});

type Handler = (req: NextRequest, segment: { params: Promise<never> }) => Promise<Response>;

async function call(handler: Handler, who: Who, opts: { method?: string; body?: unknown; id?: string; team?: string } = {}) {
  const req = new NextRequest(new URL("/api/v1/teams/x/channels", "http://localhost"), {
    method: opts.method ?? "GET",
    headers: { "content-type": "application/json", authorization: `Bearer ${bearer[who]}` },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const res = await handler(req, { params: Promise.resolve({ team: opts.team ?? team.slug, id: opts.id ?? "" }) as Promise<never> });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely; each assertion names its field
  return { status: res.status, text, body: (text ? JSON.parse(text) : null) as Record<string, any> };
}

const create = (body: unknown, who: Who = "owner") => call(channelsRoute.POST, who, { method: "POST", body });
const issuePaths = (res: { body: Record<string, unknown> }) => ((res.body.error as { issues?: { path: string }[] }).issues ?? []).map((i) => i.path);

async function auditOf(targetId: string) {
  return db.auditEvent.findMany({ where: { targetId }, orderBy: { id: "asc" } });
}

describe("alert channels", () => {
  it("an owner adds a webhook channel: the URL is sealed and shown as its hint, the signing secret is in that answer only", async () => {
    const res = await create({ type: "webhook", name: "On-call relay", url: WEBHOOK_URL, events: ["check.down", "check.up"], services: [`${team.slug}-api`], minTier: 2 });
    expect(res.status).toBe(201);
    const { channel } = res.body;
    expect(channel).toMatchObject({
      type: "webhook",
      name: "On-call relay",
      urlHint: "http://127.0.0.1:9/…",
      events: ["check.down", "check.up"],
      services: [`${team.slug}-api`],
      minTier: 2,
      groupSeconds: 30,
      enabled: true,
      signed: true,
      status: { lastSuccessAt: null, lastFailureAt: null, lastError: null, queued: 0 },
    });
    expect(channel.signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(res.text).not.toContain("very-secret-path");

    const stored = await db.alertChannel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(stored.urlSealed).not.toContain("very-secret-path");
    expect(openSecret(stored.urlSealed!)).toBe(WEBHOOK_URL);
    expect(openSecret(stored.signingSecretSealed!)).toBe(channel.signingSecret);
    expect(stored.serviceIds).toHaveLength(1);

    for (const who of ["owner", "editor"] as const) {
      const list = await call(channelsRoute.GET, who);
      expect(list.status).toBe(200);
      expect(list.body.channels.map((c: { id: string }) => c.id)).toContain(channel.id);
      const one = await call(channelRoute.GET, who, { id: channel.id });
      expect(one.status).toBe(200);
      for (const answer of [list, one]) {
        expect(answer.text).not.toContain("very-secret-path");
        expect(answer.text).not.toContain(channel.signingSecret);
        expect(answer.text).not.toContain("signingSecret");
      }
    }
  });

  it("every event and every service are stored as none listed, and answered as null", async () => {
    const all = await create({ type: "slack", name: "All of it", url: SLACK_URL, events: [...ALERT_EVENT_TYPES] });
    expect(all.status).toBe(201);
    expect(all.body.channel).toMatchObject({ events: null, services: null, minTier: null, urlHint: "https://hooks.slack.com/…", signed: false });
    expect(all.body.channel.signingSecret).toBeUndefined();
    expect(all.text).not.toContain("slack-secret-token");
    const stored = await db.alertChannel.findUniqueOrThrow({ where: { id: all.body.channel.id } });
    expect([stored.events, stored.serviceIds, stored.signingSecretSealed]).toEqual([[], [], null]);

    const email = await create({ type: "email", name: "Owners", memberRoles: ["owner"], emails: ["Ops@Example.com", "ops@example.com"] });
    expect(email.status).toBe(201);
    expect(email.body.channel).toMatchObject({ emails: ["ops@example.com"], memberRoles: ["owner"], urlHint: null });
  });

  it("editors read, only owners manage; reviewers, viewers are refused; another team sees nothing", async () => {
    const { body } = await create({ type: "teams", name: "Teams room", url: "https://example.webhook.office.com/webhookb2/abc" });
    const id = body.channel.id as string;
    const writes: [Handler, string, unknown?][] = [
      [channelsRoute.POST as Handler, "POST", { type: "teams", name: "x", url: "https://example.com/h" }],
      [channelRoute.PATCH as Handler, "PATCH", { name: "renamed" }],
      [testRoute.POST as Handler, "POST"],
      [channelRoute.DELETE as Handler, "DELETE"],
    ];
    for (const who of ["editor", "reviewer", "viewer"] as const) {
      for (const [handler, method, payload] of writes) {
        const res = await call(handler, who, { method, id, body: payload });
        expect([who, method, res.status]).toEqual([who, method, 403]);
        expect(res.body.error.code).toBe("forbidden");
      }
    }
    for (const who of ["reviewer", "viewer"] as const) {
      expect((await call(channelsRoute.GET, who)).status).toBe(403);
      expect((await call(channelRoute.GET, who, { id })).status).toBe(403);
    }
    // Another team's owner: the team is not visible to them, so 404, as is this team's channel under their own team.
    expect((await call(channelsRoute.GET, "otherTeam")).status).toBe(404);
    expect((await call(channelRoute.GET, "otherTeam", { id })).status).toBe(404);
    expect((await call(channelRoute.GET, "otherTeam", { id, team: other.slug })).status).toBe(404);
    expect((await call(channelRoute.DELETE, "otherTeam", { method: "DELETE", id, team: other.slug })).status).toBe(404);
    expect((await db.alertChannel.findUniqueOrThrow({ where: { id } })).name).toBe("Teams room");
  });

  it("a channel of another team is not found under this one", async () => {
    const foreign = await db.alertChannel.create({ data: { teamId: other.id, type: "email", name: "theirs", emails: ["x@example.com"] } });
    for (const [handler, method] of [
      [channelRoute.GET, "GET"],
      [channelRoute.PATCH, "PATCH"],
      [channelRoute.DELETE, "DELETE"],
      [testRoute.POST, "POST"],
      [rotateRoute.POST, "POST"],
    ] as [Handler, string][]) {
      const res = await call(handler, "owner", { method, id: foreign.id, body: method === "PATCH" ? { name: "mine" } : undefined });
      expect([method, res.status, res.body.error.code]).toEqual([method, 404, "not_found"]);
    }
    expect((await db.alertChannel.findUniqueOrThrow({ where: { id: foreign.id } })).name).toBe("theirs");
    expect(await db.alertEvent.count({ where: { channelId: foreign.id } })).toBe(0);
  });

  it("refuses invalid channels with 422 and an issue per field, writing nothing", async () => {
    const before = await db.alertChannel.count({ where: { teamId: team.id } });
    const cases: [unknown, string[]][] = [
      [{ type: "webhook", name: "plain http", url: "http://hooks.example.com/x" }, ["url"]],
      [{ type: "webhook", name: "metadata", url: "https://169.254.169.254/latest" }, ["url"]],
      [{ type: "webhook", name: "ftp", url: "ftp://example.com/x" }, ["url"]],
      [{ type: "slack", name: "no url" }, ["url"]],
      [{ type: "email", name: "nobody" }, ["emails"]],
      [{ type: "email", name: "url too", emails: ["a@example.com"], url: "https://example.com/x" }, ["url"]],
      [{ type: "slack", name: "with emails", url: SLACK_URL, emails: ["a@example.com"] }, ["emails"]],
      [{ type: "email", name: "bad address", emails: ["not an address"] }, ["emails.0"]],
      [{ type: "webhook", name: "unknown slug", url: WEBHOOK_URL, services: [`${team.slug}-api`, "nope"] }, ["services.1"]],
      [{ type: "webhook", name: "unknown event", url: WEBHOOK_URL, events: ["check.exploded"] }, ["events.0"]],
      [{ type: "webhook", name: "no events", url: WEBHOOK_URL, events: [] }, ["events"]],
      [{ type: "webhook", name: "tier", url: WEBHOOK_URL, minTier: 5 }, ["minTier"]],
      [{ type: "webhook", name: "reminder", url: WEBHOOK_URL, reminderMinutes: 1 }, ["reminderMinutes"]],
      [{ type: "webhook", name: "grouping", url: WEBHOOK_URL, groupSeconds: -1 }, ["groupSeconds"]],
      [{ type: "pager", name: "type" }, ["type"]],
      [{ type: "webhook", name: " ", url: WEBHOOK_URL }, ["name"]],
      [{ type: "webhook", name: "extra", url: WEBHOOK_URL, secret: "mine" }, ["(body)"]],
    ];
    for (const [body, paths] of cases) {
      const res = await create(body);
      expect([body, res.status, res.body.error.code]).toEqual([body, 422, "unprocessable"]);
      expect([body, issuePaths(res)]).toEqual([body, paths]);
    }
    expect(await db.alertChannel.count({ where: { teamId: team.id } })).toBe(before);
  });

  it("a patch changes what it names, keeps the type, and is checked on the whole channel", async () => {
    const { body } = await create({ type: "email", name: "Editors", memberRoles: ["editor"] });
    const id = body.channel.id as string;
    const patched = await call(channelRoute.PATCH, "owner", { method: "PATCH", id, body: { name: "Editors and ops", emails: ["ops@example.com"], services: [`${team.slug}-web`], reminderMinutes: 30, enabled: false } });
    expect(patched.status).toBe(200);
    expect(patched.body.channel).toMatchObject({ name: "Editors and ops", emails: ["ops@example.com"], memberRoles: ["editor"], services: [`${team.slug}-web`], reminderMinutes: 30, enabled: false });

    const refused: [unknown, string[]][] = [
      [{ type: "webhook" }, ["type"]],
      [{ emails: [], memberRoles: [] }, ["emails"]],
      [{ url: "https://example.com/hook" }, ["url"]],
      [{ services: ["nope"] }, ["services.0"]],
    ];
    for (const [payload, paths] of refused) {
      const res = await call(channelRoute.PATCH, "owner", { method: "PATCH", id, body: payload });
      expect([payload, res.status, issuePaths(res)]).toEqual([payload, 422, paths]);
    }
    const back = await call(channelRoute.PATCH, "owner", { method: "PATCH", id, body: { services: null, reminderMinutes: null } });
    expect(back.body.channel).toMatchObject({ services: null, reminderMinutes: null, name: "Editors and ops" });
  });

  it("rotating gives a new secret once; webhooks only", async () => {
    const created = await create({ type: "webhook", name: "Rotating", url: WEBHOOK_URL });
    const id = created.body.channel.id as string;
    const first = created.body.channel.signingSecret as string;
    const rotated = await call(rotateRoute.POST, "owner", { method: "POST", id });
    expect(rotated.status).toBe(200);
    const second = rotated.body.channel.signingSecret as string;
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(first);
    expect(openSecret((await db.alertChannel.findUniqueOrThrow({ where: { id } })).signingSecretSealed!)).toBe(second);
    expect((await call(rotateRoute.POST, "editor", { method: "POST", id })).status).toBe(403);

    const after = [await call(channelRoute.GET, "owner", { id }), await call(channelsRoute.GET, "owner"), await call(channelRoute.PATCH, "owner", { method: "PATCH", id, body: { name: "Rotated" } })];
    for (const res of after) {
      expect(res.status).toBe(200);
      for (const secret of [first, second]) expect(res.text).not.toContain(secret);
    }
    const slack = await create({ type: "slack", name: "No secret", url: SLACK_URL });
    const refused = await call(rotateRoute.POST, "owner", { method: "POST", id: slack.body.channel.id });
    expect([refused.status, refused.body.error.code]).toEqual([409, "conflict"]);
  });

  it("Send test sends at once: the receiver gets one signed request for the test event, and the answer is the delivered delivery", async () => {
    const receiver = await alertReceiver("/hooks/tested-secret-path");
    try {
      receiver.answer(204);
      // A disabled channel still gets its test: checking it before turning it on is the point.
      const { body } = await create({ type: "webhook", name: "Tested", url: receiver.url, enabled: false });
      const id = body.channel.id as string;
      const secret = body.channel.signingSecret as string;
      const res = await call(testRoute.POST, "owner", { method: "POST", id });
      expect(res.status).toBe(200);
      expect(res.body.delivery).toMatchObject({ eventType: "test", title: `${team.name}: test message`, status: "delivered", attempts: 1, lastStatus: 204, lastError: null, sequence: 0, nextAttemptAt: null });
      expect(res.body.delivery.deliveredAt).toEqual(expect.any(String));
      expect(describeTestOutcome(res.body.delivery)).toBe("Test message delivered (HTTP 204).");

      expect(receiver.received).toHaveLength(1);
      const [request] = receiver.received;
      expect(request!.headers["preflight-event-id"]).toBe(res.body.delivery.eventId);
      expect(verifyPreflightSignature(request!.raw, String(request!.headers["preflight-signature"]), secret)).toBe(true);
      expect(request!.body).toMatchObject({ id: res.body.delivery.eventId, type: "test", team: { slug: team.slug, name: team.name } });

      const event = await db.alertEvent.findUniqueOrThrow({ where: { id: res.body.delivery.eventId }, include: { deliveries: true } });
      expect(event).toMatchObject({ type: "test", channelId: id, teamId: team.id, serviceId: null });
      expect(event.details).toMatchObject({ channelId: id, requestedBy: expect.stringMatching(/^owner-/) });
      expect(event.deliveries.map((d) => d.channelId)).toEqual([id]);

      const one = await call(channelRoute.GET, "editor", { id });
      expect(one.body.channel.status).toMatchObject({ queued: 0, lastError: null, lastSuccessAt: expect.any(String) });
      expect(one.body.deliveries).toEqual([res.body.delivery]);
      expect(one.text).not.toContain("tested-secret-path");
    } finally {
      await receiver.close();
    }
  });

  it("Send test to a failing target answers 202 with the target's error, and the delivery waits for its retry", async () => {
    const receiver = await alertReceiver("/hooks/failing");
    try {
      receiver.answer(500);
      const { body } = await create({ type: "webhook", name: "Failing target", url: receiver.url });
      const id = body.channel.id as string;
      const res = await call(testRoute.POST, "owner", { method: "POST", id });
      expect(res.status).toBe(202);
      const { delivery } = res.body;
      expect(delivery).toMatchObject({ status: "pending", attempts: 1, lastStatus: 500, deliveredAt: null });
      expect(delivery.lastError).toEqual(expect.stringContaining("500"));
      expect(Date.parse(delivery.nextAttemptAt)).toBeGreaterThan(Date.parse(delivery.lastAttemptAt));
      expect(describeTestOutcome(delivery)).toMatch(/^The test message did not get through \(HTTP 500\): .+\. It is tried again at .+\.$/);
      expect(receiver.received).toHaveLength(1);
      const one = await call(channelRoute.GET, "owner", { id });
      expect(one.body.channel.status).toMatchObject({ queued: 1, lastError: delivery.lastError, lastSuccessAt: null });
    } finally {
      await receiver.close();
    }
  });

  it("the channel's status and its newest 20 deliveries, newest first", async () => {
    const { body } = await create({ type: "webhook", name: "Busy", url: WEBHOOK_URL });
    const id = body.channel.id as string;
    for (let i = 0; i < 22; i++) await call(testRoute.POST, "owner", { method: "POST", id });
    const failedAt = new Date("2026-12-01T10:00:00Z");
    await db.alertChannel.update({ where: { id }, data: { lastFailureAt: failedAt, lastError: "HTTP 500" } });
    const oldest = await db.alertDelivery.findMany({ where: { channelId: id }, orderBy: { createdAt: "asc" }, take: 2 });
    await db.alertDelivery.updateMany({ where: { id: { in: oldest.map((d) => d.id) } }, data: { status: "delivered", deliveredAt: failedAt, attempts: 1 } });
    const one = await call(channelRoute.GET, "owner", { id });
    expect(one.body.channel.status).toEqual({ lastSuccessAt: null, lastFailureAt: failedAt.toISOString(), lastError: "HTTP 500", queued: 20 });
    expect(one.body.deliveries).toHaveLength(20);
    const created = one.body.deliveries.map((d: { createdAt: string }) => d.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    expect(one.body.deliveries.every((d: { status: string }) => d.status === "pending")).toBe(true);
  });

  it("every write is audited, with the URL's hint and never the URL or a secret", async () => {
    const created = await create({ type: "webhook", name: "Audited", url: WEBHOOK_URL });
    const id = created.body.channel.id as string;
    const secret = created.body.channel.signingSecret as string;
    await call(channelRoute.PATCH, "owner", { method: "PATCH", id, body: { url: "http://127.0.0.1:9/hooks/another-secret-path", minTier: 1 } });
    const rotated = await call(rotateRoute.POST, "owner", { method: "POST", id });
    await call(testRoute.POST, "owner", { method: "POST", id });
    expect((await call(channelRoute.DELETE, "owner", { method: "DELETE", id })).status).toBe(204);
    expect(await db.alertChannel.findUnique({ where: { id } })).toBeNull();
    expect(await db.alertDelivery.count({ where: { channelId: id } })).toBe(0);

    const rows = await auditOf(id);
    expect(rows.map((r) => r.action)).toEqual(["alert.channel.create", "alert.channel.update", "alert.channel.rotate", "alert.channel.test", "alert.channel.delete"]);
    expect(rows.every((r) => r.teamId === team.id && r.via === "api" && r.actorEmail?.startsWith("owner-"))).toBe(true);
    expect(rows[0]!.after).toMatchObject({ type: "webhook", name: "Audited", urlHint: "http://127.0.0.1:9/…", events: "all", services: "all" });
    expect(rows[1]!.before).toMatchObject({ minTier: null });
    expect(rows[1]!.after).toMatchObject({ minTier: 1, urlChanged: true });
    const text = JSON.stringify(rows.map((r) => ({ before: r.before, after: r.after })));
    for (const hidden of ["very-secret-path", "another-secret-path", secret, rotated.body.channel.signingSecret as string]) expect(text).not.toContain(hidden);
  });
});
