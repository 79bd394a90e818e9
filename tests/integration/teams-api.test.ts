/**
 * Teams through their route handlers: who may create, rename and delete a team (instance admin, owner,
 * editor, reviewer, viewer, another team, no credentials), bad input, and the audit entries.
 */
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PREFLIGHT_ADMIN_EMAILS = "admin@example.com";
});

import { db } from "@/lib/db";
import { publicUrl } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";
import * as teamsRoute from "@/app/api/v1/teams/route";
import * as teamRoute from "@/app/api/v1/teams/[team]/route";
import { makeMember, makeTeam, sessionCookieFor, tokenFor } from "../helpers/actors";

type Who = "admin" | "adminToken" | Role | "ownerSession" | "otherTeam" | null;
const auth: Partial<Record<Exclude<Who, null>, { bearer?: string; cookie?: string }>> = {};

let home: { id: string; slug: string };

beforeAll(async () => {
  const admin = await db.user.create({ data: { email: "admin@example.com" } });
  auth.admin = { cookie: await sessionCookieFor(admin.id) };
  home = await makeTeam("home");
  // The admin is also an owner of `home`: their token there acts as that owner, never as an admin.
  await db.membership.create({ data: { teamId: home.id, userId: admin.id, role: "owner" } });
  auth.adminToken = { bearer: await tokenFor(home.id, admin.id, "owner") };
  for (const role of ["owner", "editor", "reviewer", "viewer"] as const) {
    const m = await makeMember(home.id, role);
    auth[role] = { bearer: await tokenFor(home.id, m.userId, role) };
    if (role === "owner") auth.ownerSession = { cookie: await sessionCookieFor(m.userId) };
  }
  const other = await makeTeam();
  auth.otherTeam = { bearer: await tokenFor(other.id, (await makeMember(other.id, "owner")).userId, "owner") };
});

type Handler = (req: NextRequest, segment: { params: Promise<never> }) => Promise<Response>;

async function call(handler: Handler, who: Who, opts: { method?: string; body?: unknown; team?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const a = who ? auth[who] : undefined;
  if (a?.bearer) headers.authorization = `Bearer ${a.bearer}`;
  if (a?.cookie) {
    headers.cookie = a.cookie;
    headers.origin = new URL(publicUrl()).origin;
  }
  const req = new NextRequest(new URL(`/api/v1/teams${opts.team ? `/${opts.team}` : ""}`, "http://localhost"), {
    method: opts.method ?? "GET",
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const res = await handler(req, { params: Promise.resolve({ team: opts.team ?? "" }) as Promise<never> });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely; each assertion names its field
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe("POST /api/v1/teams", () => {
  it("only an instance admin signed in creates a team, and becomes its owner; the entry is audited", async () => {
    const cases: [Who, number][] = [
      ["adminToken", 403],
      ["owner", 403],
      ["ownerSession", 403],
      ["editor", 403],
      ["reviewer", 403],
      ["viewer", 403],
      ["otherTeam", 403],
      [null, 401],
    ];
    for (const [who, expected] of cases) {
      const res = await call(teamsRoute.POST, who, { method: "POST", body: { name: `By ${who}` } });
      expect([who, res.status]).toEqual([who, expected]);
      expect(res.body.error.code).toBeTypeOf("string");
    }
    expect(await db.team.count({ where: { name: { startsWith: "By " } } })).toBe(0);

    const created = await call(teamsRoute.POST, "admin", { method: "POST", body: { name: "Payments" } });
    expect(created.status).toBe(201);
    expect(created.body.team).toMatchObject({ slug: "payments", name: "Payments", role: "owner", members: 1, services: 0 });
    const team = await db.team.findUniqueOrThrow({ where: { slug: "payments" }, include: { memberships: { include: { user: true } } } });
    expect(team.memberships.map((m) => [m.user.email, m.role])).toEqual([["admin@example.com", "owner"]]);
    const events = await db.auditEvent.findMany({ where: { teamId: team.id } });
    expect(events).toMatchObject([{ action: "team.create", targetId: "payments", actorEmail: "admin@example.com", via: "ui", after: { name: "Payments", slug: "payments", owner: "admin@example.com" } }]);
  });

  it("derives the slug as services do, takes an explicit one, and answers 409 on a taken slug", async () => {
    const a = await call(teamsRoute.POST, "admin", { method: "POST", body: { name: "Crème Brûlée Ops" } });
    expect(a.body.team.slug).toBe("creme-brulee-ops");
    const b = await call(teamsRoute.POST, "admin", { method: "POST", body: { name: "Other", slug: "ops-two" } });
    expect(b.body.team.slug).toBe("ops-two");
    const before = await db.team.count();
    const taken = await call(teamsRoute.POST, "admin", { method: "POST", body: { name: "Crème brûlée ops" } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.issues).toEqual([expect.objectContaining({ path: "slug" })]);
    const takenExplicit = await call(teamsRoute.POST, "admin", { method: "POST", body: { name: "X", slug: "home" } });
    expect(takenExplicit.status).toBe(409);
    expect(await db.team.count()).toBe(before);
  });

  it("bad input answers 422 with the field's path, and writes nothing", async () => {
    const before = [await db.team.count(), await db.auditEvent.count()];
    const cases: [unknown, string][] = [
      [{}, "name"],
      [{ name: "" }, "name"],
      [{ name: "   " }, "name"],
      [{ name: 42 }, "name"],
      [{ name: "x".repeat(101) }, "name"],
      [{ name: "Ok", slug: "Not A Slug" }, "slug"],
      [{ name: "Ok", slug: "new" }, "slug"],
      [{ name: "Ok", slug: "x" }, "slug"],
      [{ name: "Ok", owner: "someone@example.com" }, "(body)"],
    ];
    for (const [body, path] of cases) {
      const res = await call(teamsRoute.POST, "admin", { method: "POST", body });
      expect([body, res.status]).toEqual([body, 422]);
      expect(res.body.error.code).toBe("unprocessable");
      expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect([await db.team.count(), await db.auditEvent.count()]).toEqual(before);
  });
});

describe("GET /api/v1/teams", () => {
  it("lists the caller's teams (a token: its own), every team for an admin, and needs credentials", async () => {
    const admin = await call(teamsRoute.GET, "admin");
    const all = await db.team.findMany({ where: { archivedAt: null } });
    expect(admin.body.teams.map((t: { slug: string }) => t.slug).sort()).toEqual(all.map((t) => t.slug).sort());
    expect((await call(teamsRoute.GET, "viewer")).body.teams).toEqual([expect.objectContaining({ slug: "home", role: "viewer" })]);
    expect((await call(teamsRoute.GET, "adminToken")).body.teams.map((t: { slug: string }) => t.slug)).toEqual(["home"]);
    expect((await call(teamsRoute.GET, null)).status).toBe(401);
  });
});

describe("PATCH /api/v1/teams/{team}", () => {
  it("owners (also through a token) and admins rename; editors, reviewers, viewers 403; another team 404; no credentials 401", async () => {
    const cases: [Who, number][] = [
      ["owner", 200],
      ["ownerSession", 200],
      ["adminToken", 200],
      ["admin", 200],
      ["editor", 403],
      ["reviewer", 403],
      ["viewer", 403],
      ["otherTeam", 404],
      [null, 401],
    ];
    for (const [who, expected] of cases) {
      const res = await call(teamRoute.PATCH, who, { method: "PATCH", team: "home", body: { name: `Home by ${who}` } });
      expect([who, res.status]).toEqual([who, expected]);
    }
    const team = await db.team.findUniqueOrThrow({ where: { slug: "home" } });
    expect(team.name).toBe("Home by admin");
    const renames = await db.auditEvent.findMany({ where: { teamId: team.id, action: "team.rename" }, orderBy: { id: "asc" } });
    expect(renames.map((e) => [e.before, e.after])).toEqual([
      [{ name: "home" }, { name: "Home by owner" }],
      [{ name: "Home by owner" }, { name: "Home by ownerSession" }],
      [{ name: "Home by ownerSession" }, { name: "Home by adminToken" }],
      [{ name: "Home by adminToken" }, { name: "Home by admin" }],
    ]);
    expect(renames.map((e) => e.via)).toEqual(["api", "ui", "api", "ui"]);
  });

  it("an admin renames a team they are not in; an unknown team is 404; bad input 422 with the path", async () => {
    const other = await makeTeam();
    expect((await call(teamRoute.PATCH, "admin", { method: "PATCH", team: other.slug, body: { name: "Renamed" } })).status).toBe(200);
    expect((await call(teamRoute.PATCH, "admin", { method: "PATCH", team: "no-such-team", body: { name: "X" } })).status).toBe(404);
    for (const body of [{}, { name: "" }, { name: "x".repeat(101) }, { name: "Ok", slug: "changed" }]) {
      const res = await call(teamRoute.PATCH, "admin", { method: "PATCH", team: other.slug, body });
      expect(res.status).toBe(422);
      expect(res.body.error.issues[0].path).toMatch(/^(name|\(body\))$/);
    }
    expect((await db.team.findUniqueOrThrow({ where: { id: other.id } })).name).toBe("Renamed");
  });
});

describe("DELETE /api/v1/teams/{team}", () => {
  it("only an instance admin signed in deletes; owners, tokens and other roles may not", async () => {
    const team = await makeTeam("to-delete");
    const members: Partial<Record<Role, string>> = {};
    for (const role of ["owner", "editor", "reviewer", "viewer"] as const) {
      members[role] = await tokenFor(team.id, (await makeMember(team.id, role)).userId, role);
    }
    for (const role of ["owner", "editor", "reviewer", "viewer"] as const) {
      auth[role] = { bearer: members[role] };
      const res = await call(teamRoute.DELETE, role, { method: "DELETE", team: team.slug });
      expect([role, res.status]).toEqual([role, 403]);
    }
    expect((await call(teamRoute.DELETE, "otherTeam", { method: "DELETE", team: team.slug })).status).toBe(404);
    expect((await call(teamRoute.DELETE, null, { method: "DELETE", team: team.slug })).status).toBe(401);
    expect(await db.team.count({ where: { id: team.id } })).toBe(1);

    const res = await call(teamRoute.DELETE, "admin", { method: "DELETE", team: team.slug });
    expect(res).toMatchObject({ status: 200, body: { deleted: "to-delete", archived: false, archivedServices: [] } });
    expect(await db.team.count({ where: { id: team.id } })).toBe(0);
    expect(await db.membership.count({ where: { teamId: team.id } })).toBe(0);
    expect(await db.apiToken.count({ where: { teamId: team.id } })).toBe(0);
    const [entry] = await db.auditEvent.findMany({ where: { action: "team.delete", targetId: "to-delete" } });
    expect(entry).toMatchObject({ teamId: null, actorEmail: "admin@example.com", before: { name: "to-delete", slug: "to-delete" } });
    // The slug is free again.
    expect((await call(teamsRoute.POST, "admin", { method: "POST", body: { name: "To delete" } })).status).toBe(201);
  });

  it("a team with services is archived only after its name is typed; then nobody sees it or its services", async () => {
    const team = await makeTeam("with-services");
    await db.team.update({ where: { id: team.id }, data: { name: "With Services" } });
    const ownerToken = await tokenFor(team.id, (await makeMember(team.id, "owner")).userId, "owner");
    const service = await db.service.create({ data: { teamId: team.id, slug: "archived-svc", name: "Archived" } });
    await db.healthCheck.create({ data: { serviceId: service.id, url: "https://example.com/health" } });
    expect(await db.healthCheck.count({ where: { serviceId: service.id, enabled: true } })).toBe(1);

    const noConfirm = await call(teamRoute.DELETE, "admin", { method: "DELETE", team: team.slug });
    expect(noConfirm.status).toBe(409);
    expect(noConfirm.body.error.issues).toEqual([expect.objectContaining({ path: "confirm" })]);
    const wrong = await call(teamRoute.DELETE, "admin", { method: "DELETE", team: team.slug, body: { confirm: "with-services" } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.issues).toEqual([expect.objectContaining({ path: "confirm" })]);
    expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).archivedAt).toBeNull();

    const ok = await call(teamRoute.DELETE, "admin", { method: "DELETE", team: team.slug, body: { confirm: "With Services" } });
    expect(ok).toMatchObject({ status: 200, body: { archived: true, archivedServices: ["archived-svc"] } });
    const after = await db.team.findUniqueOrThrow({ where: { id: team.id } });
    expect(after.archivedAt).not.toBeNull();
    expect(await db.service.count({ where: { teamId: team.id } })).toBe(1);
    expect(await db.apiToken.count({ where: { teamId: team.id, revokedAt: null } })).toBe(0);
    expect(await db.healthCheck.count({ where: { serviceId: service.id, enabled: true } })).toBe(0);
    const [entry] = await db.auditEvent.findMany({ where: { teamId: team.id, action: "team.archive" } });
    expect(entry).toMatchObject({ actorEmail: "admin@example.com", after: { services: ["archived-svc"] } });

    // Gone for everyone: the old owner's token, the admin's list, a second delete, the slug.
    auth.owner = { bearer: ownerToken };
    expect((await call(teamsRoute.GET, "owner")).status).toBe(401);
    expect((await call(teamsRoute.GET, "admin")).body.teams.map((t: { slug: string }) => t.slug)).not.toContain("with-services");
    expect((await call(teamRoute.DELETE, "admin", { method: "DELETE", team: team.slug, body: { confirm: "With Services" } })).status).toBe(404);
    expect((await call(teamsRoute.POST, "admin", { method: "POST", body: { name: "With services" } })).status).toBe(409);
  });

  it("bad input: an unknown field or a non-string confirmation is 422 with its path", async () => {
    await makeTeam("bad-delete");
    expect((await call(teamRoute.DELETE, "admin", { method: "DELETE", team: "bad-delete", body: { confirm: 5 } })).body.error.issues[0].path).toBe("confirm");
    expect((await call(teamRoute.DELETE, "admin", { method: "DELETE", team: "bad-delete", body: { force: true } })).status).toBe(422);
    expect(await db.team.count({ where: { slug: "bad-delete" } })).toBe(1);
  });
});
