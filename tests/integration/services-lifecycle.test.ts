/**
 * Services through their route handlers: create, edit, archive/restore, delete and move, and removing a
 * template, with the permission matrix (owner, editor, reviewer, viewer, an admin who is not a member,
 * another team, no credentials), bad input (422 with the field's path), the audit entries, and nothing
 * written on a refusal.
 */
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PREFLIGHT_ADMIN_EMAILS = "admin@example.com";
});

import { db, sqlPool } from "@/lib/db";
import { claimDueChecks } from "@/lib/probes/claims";
import { publicUrl } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";
import * as servicesRoute from "@/app/api/v1/services/route";
import * as serviceRoute from "@/app/api/v1/services/[slug]/route";
import * as moveRoute from "@/app/api/v1/services/[slug]/move/route";
import * as templateRoute from "@/app/api/v1/services/[slug]/templates/[key]/route";
import * as itemRoute from "@/app/api/v1/services/[slug]/checklist/[itemKey]/route";
import { syncTemplate } from "@/lib/templates/sync";
import { makeMember, makeTeam, sessionCookieFor, tokenFor } from "../helpers/actors";

type Who = "admin" | Role | "ownerSession" | "otherTeam" | "bothOwner" | null;
const auth: Partial<Record<Exclude<Who, null>, { bearer?: string; cookie?: string }>> = {};

let home: { id: string; slug: string };
let away: { id: string; slug: string };
let editorEmail: string;

beforeAll(async () => {
  home = await makeTeam("home");
  away = await makeTeam("away");
  // An instance admin who is not a member: being an admin grants nothing inside a team.
  const admin = await db.user.create({ data: { email: "admin@example.com" } });
  auth.admin = { cookie: await sessionCookieFor(admin.id) };
  for (const role of ["owner", "editor", "reviewer", "viewer"] as const) {
    const m = await makeMember(home.id, role);
    auth[role] = { bearer: await tokenFor(home.id, m.userId, role) };
    if (role === "owner") auth.ownerSession = { cookie: await sessionCookieFor(m.userId) };
    if (role === "editor") editorEmail = m.email;
  }
  auth.otherTeam = { bearer: await tokenFor(away.id, (await makeMember(away.id, "owner")).userId, "owner") };
  // Owner of both teams, signed in (a token acts for one team only).
  const both = await makeMember(home.id, "owner");
  await db.membership.create({ data: { teamId: away.id, userId: both.userId, role: "owner" } });
  auth.bothOwner = { cookie: await sessionCookieFor(both.userId) };
  await syncTemplate({
    key: "lc-tpl",
    name: "Lifecycle template",
    description: "d",
    sections: [{ key: "s", title: "Section", items: ["one", "two", "three", "four"].map((k) => ({ key: `lc-${k}`, title: `Item ${k}`, guidance: "", severity: "high" as const, required: true })) }],
  });
});

type Handler = (req: NextRequest, segment: { params: Promise<never> }) => Promise<Response>;

async function call(handler: Handler, who: Who, path: string, params: Record<string, string>, opts: { method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const a = who ? auth[who] : undefined;
  if (a?.bearer) headers.authorization = `Bearer ${a.bearer}`;
  if (a?.cookie) {
    headers.cookie = a.cookie;
    headers.origin = new URL(publicUrl()).origin;
  }
  const req = new NextRequest(new URL(path, "http://localhost"), {
    method: opts.method ?? "GET",
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const res = await handler(req, { params: Promise.resolve(params) as Promise<never> });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely; each assertion names its field
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, any> | null };
}

const patch = (who: Who, slug: string, body: unknown) => call(serviceRoute.PATCH as Handler, who, `/api/v1/services/${slug}`, { slug }, { method: "PATCH", body });
const del = (who: Who, slug: string, body?: unknown) => call(serviceRoute.DELETE as Handler, who, `/api/v1/services/${slug}`, { slug }, { method: "DELETE", body });
const move = (who: Who, slug: string, body: unknown) => call(moveRoute.POST as Handler, who, `/api/v1/services/${slug}/move`, { slug }, { method: "POST", body });
const get = (who: Who, slug: string) => call(serviceRoute.GET as Handler, who, `/api/v1/services/${slug}`, { slug });

async function makeService(slug = `svc-${randomBytes(3).toString("hex")}`, templates: string[] = []) {
  const res = await call(servicesRoute.POST as Handler, "owner", "/api/v1/services", {}, { method: "POST", body: { name: slug, slug, team: home.slug, templates } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return slug;
}

const snapshot = (slug: string) => db.service.findUnique({ where: { slug }, include: { checklistItems: { orderBy: { key: "asc" } }, templates: true } });
const auditOf = (slug: string, action?: string) => db.auditEvent.findMany({ where: { targetId: slug, ...(action ? { action } : {}) }, orderBy: { id: "asc" } });

describe("POST /api/v1/services", () => {
  it("editors and owners create; others are refused and nothing is written", async () => {
    const cases: [Who, number][] = [
      ["owner", 201],
      ["editor", 201],
      ["reviewer", 403],
      ["viewer", 403],
      ["admin", 404],
      ["otherTeam", 404],
      [null, 401],
    ];
    for (const [who, status] of cases) {
      const slug = `made-by-${(who ?? "nobody").toLowerCase()}`;
      const res = await call(servicesRoute.POST as Handler, who, "/api/v1/services", {}, {
        method: "POST",
        body: { name: slug, slug, team: home.slug, owner: editorEmail, onCall: "https://oncall.example.com/rota", runbookUrl: "https://wiki.example.com/rb", environment: "staging" },
      });
      expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBe(status);
      expect(await db.service.count({ where: { slug } })).toBe(status === 201 ? 1 : 0);
      if (status === 201) {
        expect(res.body!.service).toMatchObject({ owner: { email: editorEmail }, onCall: "https://oncall.example.com/rota", runbookUrl: "https://wiki.example.com/rb", repositoryUrl: null, environment: "staging", archived: false });
        expect(await auditOf(slug, "service.create")).toHaveLength(1);
      }
    }
  });

  it("refuses bad input with 422 and the field's path", async () => {
    const cases: [unknown, string][] = [
      [{ name: "x", team: home.slug, runbookUrl: "ftp://files.example.com/rb" }, "runbookUrl"],
      [{ name: "x", team: home.slug, repositoryUrl: "javascript:alert(1)" }, "repositoryUrl"],
      [{ name: "x", team: home.slug, onCall: "javascript:alert(1)" }, "onCall"],
      [{ name: "x", team: home.slug, environment: "prod" }, "environment"],
      [{ name: "", team: home.slug }, "name"],
    ];
    for (const [body, path] of cases) {
      const res = await call(servicesRoute.POST as Handler, "owner", "/api/v1/services", {}, { method: "POST", body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body!.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect(await db.service.count({ where: { name: "x" } })).toBe(0);
  });
});

describe("PATCH /api/v1/services/{slug}", () => {
  it("editors and owners edit the fields; reviewers, viewers, an admin outside the team, another team and no credentials cannot", async () => {
    const slug = await makeService();
    const cases: [Who, number][] = [
      ["reviewer", 403],
      ["viewer", 403],
      ["admin", 404],
      ["otherTeam", 404],
      [null, 401],
    ];
    const before = await snapshot(slug);
    for (const [who, status] of cases) {
      expect((await patch(who, slug, { name: "Changed" })).status, String(who)).toBe(status);
    }
    expect(await snapshot(slug)).toEqual(before);
    expect(await auditOf(slug, "service.update")).toHaveLength(0);

    const res = await patch("editor", slug, {
      name: "Payments API",
      description: "Takes payments",
      tier: 1,
      tags: ["api", "go"],
      owner: "Payments squad",
      onCall: "#payments-oncall",
      runbookUrl: "https://wiki.example.com/payments",
      repositoryUrl: "https://git.example.com/payments",
      environment: "other",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body!.service).toMatchObject({ name: "Payments API", tier: 1, tags: ["api", "go"], owner: { email: null, name: "Payments squad" }, onCall: "#payments-oncall", environment: "other" });
    const [entry] = await auditOf(slug, "service.update");
    expect(entry).toMatchObject({ before: expect.objectContaining({ owner: null, tier: 2 }), after: expect.objectContaining({ owner: "Payments squad", tier: 1, runbookUrl: "https://wiki.example.com/payments" }) });

    // An email of a member makes that member the owner; blank text clears a field.
    const owner = await patch("owner", slug, { owner: editorEmail.toUpperCase(), runbookUrl: "" });
    expect(owner.body!.service).toMatchObject({ owner: { email: editorEmail }, runbookUrl: null });
  });

  it("refuses bad input with 422 and the field's path, writing nothing", async () => {
    const slug = await makeService();
    const before = await snapshot(slug);
    const cases: [unknown, string][] = [
      [{ runbookUrl: "not a url" }, "runbookUrl"],
      [{ repositoryUrl: "file:///etc/passwd" }, "repositoryUrl"],
      [{ onCall: "ftp://x.example.com" }, "onCall"],
      [{ environment: "qa" }, "environment"],
      [{ tier: 9 }, "tier"],
      [{ archived: "yes" }, "archived"],
      [{ colour: "red" }, "(body)"],
    ];
    for (const [body, path] of cases) {
      const res = await patch("owner", slug, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body!.error.issues.map((i: { path: string }) => i.path), JSON.stringify(res.body)).toContain(path);
    }
    expect(await snapshot(slug)).toEqual(before);
  });

  it("only owners archive and restore; an archived service leaves the board's list and refuses changes until restored", async () => {
    const slug = await makeService(undefined, ["lc-tpl"]);
    for (const who of ["editor", "reviewer", "viewer"] as const) {
      expect((await patch(who, slug, { archived: true })).status, who).toBe(403);
    }
    expect((await patch("otherTeam", slug, { archived: true })).status).toBe(404);
    expect((await patch(null, slug, { archived: true })).status).toBe(401);
    expect((await snapshot(slug))!.archivedAt).toBeNull();
    const serviceId = (await db.service.findUniqueOrThrow({ where: { slug } })).id;
    const check = await db.healthCheck.create({ data: { serviceId, name: "health", url: "http://lc.test/health", nextRunAt: new Date(Date.now() - 60_000) } });
    const claimable = async () =>
      (await sqlPool().query(`SELECT id FROM "HealthCheck" WHERE enabled AND "nextRunAt" <= now() AND id = $1`, [check.id])).rowCount;
    expect(await claimable()).toBe(1);

    const archived = await patch("owner", slug, { archived: true });
    expect(archived.status).toBe(200);
    expect(archived.body!.service).toMatchObject({ archived: true, archivedAt: expect.any(String) });
    const list = await call(servicesRoute.GET as Handler, "viewer", "/api/v1/services", {});
    expect(list.body!.services.map((s: { slug: string }) => s.slug)).not.toContain(slug);
    const all = await call(servicesRoute.GET as Handler, "viewer", "/api/v1/services?archived=include", {});
    expect(all.body!.services.find((s: { slug: string }) => s.slug === slug)).toMatchObject({ archived: true });
    // Kept: still readable, but changing what it holds waits for a restore.
    expect((await get("viewer", slug)).status).toBe(200);
    const refused = await call(templateRoute.DELETE as Handler, "owner", `/api/v1/services/${slug}/templates/lc-tpl`, { slug, key: "lc-tpl" }, { method: "DELETE" });
    expect(refused.status).toBe(409);
    const tick = await call(itemRoute.PATCH as Handler, "editor", `/api/v1/services/${slug}/checklist/lc-one`, { slug, itemKey: "lc-one" }, { method: "PATCH", body: { state: "done", version: 1 } });
    expect(tick.status, JSON.stringify(tick.body)).toBe(409);
    expect((await db.serviceChecklistItem.findFirstOrThrow({ where: { service: { slug }, key: "lc-one" } })).state).toBe("open");

    // Not probed while archived (the claim query's own condition), due again at once when restored.
    expect(await claimable()).toBe(0);
    expect(await claimDueChecks(sqlPool(), 1000)).not.toContainEqual(expect.objectContaining({ id: check.id }));

    const restored = await patch("owner", slug, { archived: false });
    expect(restored.body!.service).toMatchObject({ archived: false, archivedAt: null });
    expect(await claimable()).toBe(1);
    expect((await auditOf(slug)).map((e) => e.action)).toEqual(["service.create", "service.archive", "service.restore"]);
  });
});

describe("DELETE /api/v1/services/{slug}", () => {
  it("only an owner deletes, and only with the slug typed as confirm; the entry is audited", async () => {
    const slug = await makeService(undefined, ["lc-tpl"]);
    const cases: [Who, unknown, number][] = [
      ["editor", { confirm: slug }, 403],
      ["reviewer", { confirm: slug }, 403],
      ["viewer", { confirm: slug }, 403],
      ["admin", { confirm: slug }, 404],
      ["otherTeam", { confirm: slug }, 404],
      [null, { confirm: slug }, 401],
      ["owner", undefined, 422],
      ["owner", { confirm: "something-else" }, 422],
      ["owner", { confirm: slug, extra: 1 }, 422],
    ];
    const before = await snapshot(slug);
    for (const [who, body, status] of cases) {
      const res = await del(who, slug, body);
      expect(res.status, `${who} ${JSON.stringify(body)}`).toBe(status);
      if (status === 422) expect(res.body!.error.issues.map((i: { path: string }) => i.path)).toEqual([body && (body as { extra?: 1 }).extra ? "(body)" : "confirm"]);
    }
    expect(await snapshot(slug)).toEqual(before);
    expect(await auditOf(slug, "service.delete")).toHaveLength(0);

    const res = await del("owner", slug, { confirm: slug });
    expect(res.status).toBe(204);
    expect(await snapshot(slug)).toBeNull();
    expect(await db.serviceChecklistItem.count({ where: { serviceId: before!.id } })).toBe(0);
    expect(await auditOf(slug, "service.delete")).toHaveLength(1);
  });

  it("takes confirm from the query string too", async () => {
    const slug = await makeService();
    const res = await call(serviceRoute.DELETE as Handler, "owner", `/api/v1/services/${slug}?confirm=${slug}`, { slug }, { method: "DELETE" });
    expect(res.status).toBe(204);
  });
});

describe("POST /api/v1/services/{slug}/move", () => {
  it("needs the owner role in both teams; the service moves with its checklist and both teams' logs say so", async () => {
    const slug = await makeService(undefined, ["lc-tpl"]);
    await patch("owner", slug, { owner: editorEmail });
    const cases: [Who, number][] = [
      ["owner", 422], // not in team `away`: unknown to them
      ["editor", 403],
      ["viewer", 403],
      ["admin", 404],
      ["otherTeam", 404],
      [null, 401],
    ];
    const before = await snapshot(slug);
    for (const [who, status] of cases) {
      const res = await move(who, slug, { team: away.slug });
      expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBe(status);
      if (status === 422) expect(res.body!.error.issues[0].path).toBe("team");
    }
    expect((await move("bothOwner", slug, { team: "" })).status).toBe(422);
    expect((await move("bothOwner", slug, { team: home.slug })).body!.error.issues[0].path).toBe("team");
    expect(await snapshot(slug)).toEqual(before);

    const res = await move("bothOwner", slug, { team: away.slug });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // The editor owner is not in `away`: they stay named, as text.
    expect(res.body!.service).toMatchObject({ team: away.slug, owner: { email: null, name: editorEmail } });
    const after = await snapshot(slug);
    expect(after!.checklistItems.map((i) => i.id)).toEqual(before!.checklistItems.map((i) => i.id));
    const moves = await auditOf(slug, "service.move");
    expect(moves.map((e) => e.teamId).sort()).toEqual([home.id, away.id].sort());
    // Gone from the old team's view.
    expect((await get("viewer", slug)).status).toBe(404);
  });
});

describe("DELETE /api/v1/services/{slug}/templates/{key}", () => {
  it("removes untouched items, keeps ticked, noted or evidenced ones as custom items; editors and owners only", async () => {
    const slug = await makeService(undefined, ["lc-tpl"]);
    const svc = (await snapshot(slug))!;
    await db.serviceChecklistItem.update({ where: { serviceId_key: { serviceId: svc.id, key: "lc-one" } }, data: { state: "done" } });
    await db.serviceChecklistItem.update({ where: { serviceId_key: { serviceId: svc.id, key: "lc-two" } }, data: { note: "Asked the DBA" } });
    await db.serviceChecklistItem.update({ where: { serviceId_key: { serviceId: svc.id, key: "lc-three" } }, data: { evidenceUrl: "https://ci.example.com/1" } });
    const remove = (who: Who, key = "lc-tpl") => call(templateRoute.DELETE as Handler, who, `/api/v1/services/${slug}/templates/${key}`, { slug, key }, { method: "DELETE" });
    const before = await snapshot(slug);
    for (const [who, status] of [["reviewer", 403], ["viewer", 403], ["admin", 404], ["otherTeam", 404], [null, 401]] as [Who, number][]) {
      expect((await remove(who)).status, String(who)).toBe(status);
    }
    expect((await remove("editor", "no-such-template")).status).toBe(404);
    expect(await snapshot(slug)).toEqual(before);

    const res = await remove("editor");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ template: "lc-tpl", removed: 1, kept: [{ key: "lc-one" }, { key: "lc-two" }, { key: "lc-three" }] });
    const after = (await snapshot(slug))!;
    expect(after.templates).toHaveLength(0);
    expect(after.checklistItems.map((i) => [i.key, i.templateItemId, i.keptFromTemplate, i.state])).toEqual([
      ["lc-one", null, "Lifecycle template", "done"],
      ["lc-three", null, "Lifecycle template", "open"],
      ["lc-two", null, "Lifecycle template", "open"],
    ]);
    const [entry] = await auditOf(slug, "service.template.remove");
    expect(entry).toMatchObject({ after: { itemsRemoved: 1, itemsKept: ["lc-one", "lc-two", "lc-three"] } });
    // Not applied any more: 404.
    expect((await remove("editor")).status).toBe(404);
  });
});
