/** The recovery JSON API through its route handlers: who may read and write, and what each answer holds. */
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { API_TOKEN_PREFIX, hashSecret } from "@/lib/auth/tokens";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import * as targetsRoute from "@/app/api/v1/services/[slug]/rto-targets/route";
import * as eventsRoute from "@/app/api/v1/services/[slug]/recovery-events/route";
import * as monitorsRoute from "@/app/api/v1/services/[slug]/backup-monitors/route";
import { makeMember, makeTeam } from "../helpers/actors";

const SLUG = "api-recovery";
const auth: Record<string, string> = {};

async function tokenFor(teamId: string, role: Role) {
  const member = await makeMember(teamId, role);
  const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  await db.apiToken.create({ data: { teamId, userId: member.userId, name: "t", role, tokenHash: hashSecret(secret), prefix: secret.slice(0, 9) } });
  return secret;
}

beforeAll(async () => {
  const team = await makeTeam();
  await db.service.create({ data: { teamId: team.id, slug: SLUG, name: "API recovery" } });
  for (const role of ["owner", "editor", "reviewer", "viewer"] as const) auth[role] = await tokenFor(team.id, role);
  auth.otherTeam = await tokenFor((await makeTeam()).id, "owner");
});

type Handler = (req: NextRequest, segment: { params: Promise<{ slug: string }> }) => Promise<Response>;

async function call(handler: Handler, who: string | null, opts: { method?: string; body?: unknown; query?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (who) headers.authorization = `Bearer ${auth[who]}`;
  const req = new NextRequest(new URL(`/api/v1/services/${SLUG}/x${opts.query ?? ""}`, "http://localhost"), {
    method: opts.method ?? "GET",
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const res = await handler(req, { params: Promise.resolve({ slug: SLUG }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

describe("recovery API permissions", () => {
  it("writes: owners and editors; reviewers and viewers 403; another team's token 404; no token 401", async () => {
    const cases: [string | null, number][] = [
      ["owner", 201],
      ["editor", 201],
      ["reviewer", 403],
      ["viewer", 403],
      ["otherTeam", 404],
      [null, 401],
    ];
    for (const [who, expected] of cases) {
      const component = `C-${who}`;
      const t = await call(targetsRoute.POST, who, { method: "POST", body: { component, rtoSeconds: 900 } });
      const e = await call(eventsRoute.POST, who, { method: "POST", body: { kind: "backup", component, status: "success" } });
      const m = await call(monitorsRoute.POST, who, { method: "POST", body: { component } });
      expect([who, t.status, e.status, m.status]).toEqual([who, expected, expected, expected]);
    }
    expect(await db.rtoTarget.count()).toBe(2);
    expect(await db.recoveryEvent.count()).toBe(2);
    expect(await db.backupMonitor.count()).toBe(2);
    expect(await db.auditEvent.count({ where: { action: { startsWith: "recovery." } } })).toBe(6);
  });

  it("reads: every role; ping URLs only for editors and owners", async () => {
    for (const who of ["owner", "editor", "reviewer", "viewer"]) {
      const t = await call(targetsRoute.GET, who);
      const e = await call(eventsRoute.GET, who);
      const m = await call(monitorsRoute.GET, who);
      expect([t.status, e.status, m.status]).toEqual([200, 200, 200]);
      const monitors = m.body.monitors as { pingUrl?: string }[];
      expect(monitors.length).toBeGreaterThan(0);
      const canSee = who === "owner" || who === "editor";
      expect([who, monitors.every((x) => (canSee ? /\/api\/ping\/pfp_/.test(x.pingUrl ?? "") : x.pingUrl === undefined))]).toEqual([who, true]);
    }
    expect((await call(targetsRoute.GET, "otherTeam")).status).toBe(404);
    expect((await call(monitorsRoute.GET, null)).status).toBe(401);
  });
});

describe("recovery API content", () => {
  it("an RTO target comes back with its newest drill and met / missed / never", async () => {
    const created = await call(targetsRoute.POST, "editor", { method: "POST", body: { component: "Database", rtoSeconds: 900, rpoSeconds: 86_400, procedure: "Restore **latest** dump" } });
    expect(created.status).toBe(201);
    expect(created.body.target).toMatchObject({ component: "Database", status: "never", lastDrill: null, drillIntervalDays: 90 });

    const drill = await call(eventsRoute.POST, "editor", { method: "POST", body: { kind: "drill", component: "Database", status: "success", startedAt: hoursAgo(2), durationSeconds: 1200, restoredToAt: hoursAgo(5) } });
    expect(drill.status).toBe(201);
    expect(drill.body.event).toMatchObject({ kind: "drill", durationSeconds: 1200, achievedRpoSeconds: 3 * 3600, source: "api" });

    const list = await call(targetsRoute.GET, "viewer");
    const db1 = (list.body.targets as Record<string, unknown>[]).find((t) => t.component === "Database")!;
    expect(db1).toMatchObject({ status: "missed", reasons: ["rto"], lastDrill: { status: "success", achievedRtoSeconds: 1200, achievedRpoSeconds: 3 * 3600 } });

    // Same component again: replaced, not duplicated.
    const replaced = await call(targetsRoute.POST, "editor", { method: "POST", body: { component: "Database", rtoSeconds: 1800 } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.target).toMatchObject({ status: "met", rtoSeconds: 1800 });
  });

  it("validates entries with field issues (422) and refuses a second monitor for a component (409)", async () => {
    const bad = await call(eventsRoute.POST, "editor", { method: "POST", body: { kind: "drill", component: "Database", status: "success" } });
    expect(bad.status).toBe(422);
    expect((bad.body.error as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(["startedAt"]);
    const future = await call(eventsRoute.POST, "editor", { method: "POST", body: { kind: "backup", component: "Database", status: "success", finishedAt: new Date(Date.now() + 3600_000).toISOString() } });
    expect(future.status).toBe(422);
    expect((await call(monitorsRoute.POST, "editor", { method: "POST", body: { component: "Redis", intervalSeconds: 3600 } })).status).toBe(201);
    expect((await call(monitorsRoute.POST, "editor", { method: "POST", body: { component: "Redis" } })).status).toBe(409);
    expect((await call(monitorsRoute.POST, "editor", { method: "POST", body: { component: "X", intervalSeconds: 5 } })).status).toBe(422);
  });

  it("stores a drill posted with its end and its duration with its start (issue #15: it was refused)", async () => {
    const finishedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 3600_000);
    const r = await call(eventsRoute.POST, "editor", { method: "POST", body: { kind: "drill", component: "End only", status: "success", finishedAt: finishedAt.toISOString(), durationSeconds: 720 } });
    expect(r.status).toBe(201);
    const event = r.body.event as { startedAt: string; finishedAt: string; durationSeconds: number };
    expect(event).toMatchObject({ startedAt: new Date(finishedAt.getTime() - 720_000).toISOString(), finishedAt: finishedAt.toISOString(), durationSeconds: 720 });
    const stored = await db.recoveryEvent.findFirstOrThrow({ where: { component: "End only" } });
    expect(stored.startedAt?.toISOString()).toBe(event.startedAt);
    const bad = await call(eventsRoute.POST, "editor", { method: "POST", body: { kind: "drill", component: "End only", status: "success", finishedAt: finishedAt.toISOString() } });
    expect([bad.status, (bad.body.error as { issues: { path: string }[] }).issues.map((i) => i.path)]).toEqual([422, ["startedAt"]]);
  });

  it("lists the log newest first, filtered and paginated", async () => {
    for (let i = 1; i <= 5; i++) {
      await call(eventsRoute.POST, "editor", { method: "POST", body: { kind: "backup", component: "Pages", status: i === 3 ? "failed" : "success", finishedAt: hoursAgo(10 - i) } });
    }
    const page1 = await call(eventsRoute.GET, "viewer", { query: "?component=Pages&perPage=2" });
    expect(page1.body).toMatchObject({ total: 5, page: 1, pages: 3, perPage: 2 });
    const events = page1.body.events as { finishedAt: string }[];
    // the newest two: 5 and 6 hours ago
    expect(events.map((e) => Math.round((Date.now() - new Date(e.finishedAt).getTime()) / 3600_000))).toEqual([5, 6]);
    const page3 = await call(eventsRoute.GET, "viewer", { query: "?component=Pages&perPage=2&page=3" });
    expect((page3.body.events as unknown[]).length).toBe(1);
    const failed = await call(eventsRoute.GET, "viewer", { query: "?component=Pages&status=failed" });
    expect(failed.body.total).toBe(1);
    const drills = await call(eventsRoute.GET, "viewer", { query: "?component=Pages&kind=drill" });
    expect(drills.body.total).toBe(0);
  });
});

describe("recovery API in the OpenAPI document", () => {
  it("documents the three endpoints with the request schemas the handlers validate with, and the ping URL", async () => {
    const { openApiDocument } = await import("@/lib/api/openapi");
    const paths = openApiDocument("http://localhost").paths as Record<string, Record<string, { requestBody?: { content: { "application/json": { schema: { required?: string[] } } } } }>>;
    const required = (p: string) => paths[p]!.post!.requestBody!.content["application/json"].schema.required;
    expect(required("/api/v1/services/{slug}/rto-targets")).toEqual(["component", "rtoSeconds"]);
    expect(required("/api/v1/services/{slug}/recovery-events")).toEqual(["kind", "component", "status"]);
    expect(required("/api/v1/services/{slug}/backup-monitors")).toEqual(["component"]);
    for (const p of ["/api/v1/services/{slug}/rto-targets", "/api/v1/services/{slug}/recovery-events", "/api/v1/services/{slug}/backup-monitors"]) expect(paths[p]!.get).toBeDefined();
    expect(paths["/api/ping/{token}"]!.get).toBeDefined();
  });
});

describe("a lone surrogate in a component name", () => {
  it("is stored as U+FFFD (like ill-formed UTF-8 bytes), not a 500 from the audit row", async () => {
    for (const [handler, body] of [
      [targetsRoute.POST, { component: "Lone\ud800-target", rtoSeconds: 900 }],
      [eventsRoute.POST, { kind: "backup", component: "Lone\udfff-event", status: "success" }],
      [monitorsRoute.POST, { component: "Lone\ud800-monitor" }],
    ] as const) {
      const r = await call(handler, "owner", { method: "POST", body });
      expect(r.status, JSON.stringify(body)).toBe(201);
    }
    const targets = await db.rtoTarget.findMany({ where: { component: { startsWith: "Lone" } }, select: { component: true } });
    expect(targets.map((t) => t.component)).toEqual(["Lone\ufffd-target"]);
    expect(await db.backupMonitor.count({ where: { component: "Lone\ufffd-monitor" } })).toBe(1);
    expect(await db.recoveryEvent.count({ where: { component: "Lone\ufffd-event" } })).toBe(1);
  });
});
