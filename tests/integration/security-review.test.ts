/**
 * Findings of the security review (docs/permissions.md), each shown as a refusal that changes nothing.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { actorFromBearer } from "@/lib/auth/actor";
import { createCheck, updateCheck } from "@/lib/checks/manage";
import { resolveCheckHeaders } from "@/lib/checks/header-secrets";
import { createCheckSchema, patchCheckSchema } from "@/lib/checks/schemas";
import { db } from "@/lib/db";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { createApiToken, listApiTokens } from "@/lib/teams/api-tokens";
import { applyTemplateToService, exportTemplate, importTemplate } from "@/lib/templates/manage";
import { createInvitation, resendInvitation } from "@/lib/teams/invitations";
import { env } from "@/lib/env";
import { makeMember, makeTeam } from "../helpers/actors";

const ctx = { ip: "203.0.113.9", requestId: "req-sec" };

describe("an API token acts with the lesser of its role and its creator's", () => {
  it("an owner's editor token invites reviewers and viewers only, like an editor: no owner or editor invitation is written", async () => {
    const team = await makeTeam();
    const owner = await makeMember(team.id, "owner");
    const { secret } = await createApiToken(owner, team.id, { name: "ci", role: "editor" }, ctx);
    const viaToken = await actorFromBearer(secret);
    for (const role of ["owner", "editor"] as const) {
      await expect(createInvitation(viaToken, team.id, { email: `${role}-escalation@example.org`, role }, ctx)).rejects.toMatchObject({ code: "forbidden" });
    }
    expect(await db.invitation.count({ where: { teamId: team.id } })).toBe(0);
    // What an editor may do, the token still does.
    await createInvitation(viaToken, team.id, { email: "viewer@example.org", role: "viewer" }, ctx);
    expect(await db.invitation.count({ where: { teamId: team.id } })).toBe(1);
  });
});

describe("rate limits on invitations", () => {
  it("count resends too (each one emails the invitee): past the hourly limit a resend is refused with 429 and the link stays as it was", async () => {
    const team = await makeTeam();
    const owner = await makeMember(team.id, "owner");
    const resendCtx = { ip: "198.51.100.23", requestId: "req-resend" };
    const { invitation } = await createInvitation(owner, team.id, { email: "bombed@example.org", role: "viewer" }, resendCtx);
    const limit = env().RATE_LIMIT_INVITES_PER_HOUR;
    for (let i = 1; i < limit; i++) await resendInvitation(owner, team.id, invitation.id, resendCtx);
    const before = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    await expect(resendInvitation(owner, team.id, invitation.id, resendCtx)).rejects.toMatchObject({ code: "rate_limited" });
    expect(await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toEqual(before);
    expect(await db.auditEvent.count({ where: { teamId: team.id, action: "invitation.resend" } })).toBe(limit - 1);
  });
});

describe("a sealed header secret stays with the site it was entered for", () => {
  const SECRET = "Bearer health-key-0042";

  async function checkWithSecret() {
    const team = await makeTeam();
    const editor = await makeMember(team.id, "editor");
    const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${team.slug}`, name: "svc" } });
    const check = await createCheck(editor, service.slug, createCheckSchema.parse({ url: "https://api.example.com/health", headers: [{ name: "Authorization", value: SECRET }, { name: "X-Key", env: "PROBE_SECRET_KEY" }] }), ctx);
    return { editor, service, check };
  }

  it("moving the URL to another origin while keeping the sealed value is refused (422), and the check is unchanged", async () => {
    const { editor, service, check } = await checkWithSecret();
    const attempts = [
      { url: "https://collector.evil.example/", headers: [{ name: "Authorization", keep: true }, { name: "X-Key", env: "PROBE_SECRET_KEY" }] },
      { url: "https://collector.evil.example/" },
      { url: "http://api.example.com/health" },
      { url: "https://api.example.com:8443/health", headers: [{ name: "authorization", keep: true }] },
    ];
    for (const body of attempts) {
      await expect(updateCheck(editor, service.slug, check.id, patchCheckSchema.parse(body), ctx)).rejects.toMatchObject({ code: "unprocessable" });
    }
    const after = await db.healthCheck.findUniqueOrThrow({ where: { id: check.id } });
    expect(after.url).toBe(check.url);
    expect(after.headers).toEqual(check.headers);
    expect(resolveCheckHeaders(after.headers, { PROBE_SECRET_KEY: "k" }).headers.Authorization).toBe(SECRET);
    expect(await db.auditEvent.count({ where: { serviceId: service.id, action: "check.update" } })).toBe(0);
  });

  it("on the same origin the value is kept; on another, a value entered again is accepted", async () => {
    const { editor, service, check } = await checkWithSecret();
    const samePlace = await updateCheck(editor, service.slug, check.id, patchCheckSchema.parse({ url: "https://api.example.com/ready" }), ctx);
    expect(resolveCheckHeaders(samePlace.headers, { PROBE_SECRET_KEY: "k" }).headers.Authorization).toBe(SECRET);
    const moved = await updateCheck(editor, service.slug, check.id, patchCheckSchema.parse({ url: "https://new-api.example.com/health", headers: [{ name: "Authorization", value: "Bearer new" }, { name: "X-Key", env: "PROBE_SECRET_KEY" }] }), ctx);
    expect(moved.url).toBe("https://new-api.example.com/health");
    expect(resolveCheckHeaders(moved.headers, { PROBE_SECRET_KEY: "k" }).headers.Authorization).toBe("Bearer new");
  });
});

describe("rate limits count any subject", () => {
  it("a subject too long for the index (a 8 KB 'email' on the sign-in form) is counted, not a database error", async () => {
    const rule = { name: "signin:email", limit: 2, windowSeconds: 60 };
    const huge = randomBytes(6000).toString("base64");
    expect((await hitRateLimit(rule, huge)).allowed).toBe(true);
    expect((await hitRateLimit(rule, huge)).allowed).toBe(true);
    expect(await hitRateLimit(rule, huge)).toMatchObject({ allowed: false, count: 3 });
    // Another long subject has a window of its own.
    expect((await hitRateLimit(rule, `${huge}x`)).count).toBe(1);
  });
});

describe("templates are shared, but re-importing one changes only checklists the importer may change", () => {
  const template = (key: string, items: string[]) => `key: ${key}
name: Shared runbook
description: Imported by one team.
sections:
  - key: ops
    title: Operations
    items:
${items.map((k) => `      - key: ${k}\n        title: Item ${k} title\n        guidance: Do ${k}.\n        severity: high`).join("\n")}
`;

  it("an owner of another team cannot re-import (and so archive items of) a template that team A's services use: 403, nothing changed", async () => {
    const teamA = await makeTeam();
    const teamB = await makeTeam();
    const ownerA = await makeMember(teamA.id, "owner");
    const ownerB = await makeMember(teamB.id, "owner");
    const key = `shared-${teamA.slug}`;
    await importTemplate(ownerA, template(key, ["alpha", "beta"]), "t.yaml", ctx);
    const service = await db.service.create({ data: { teamId: teamA.id, slug: `svc-${teamA.slug}`, name: "Svc" } });
    await applyTemplateToService(ownerA, service.slug, key, ctx);
    const checklist = () => db.serviceChecklistItem.findMany({ where: { serviceId: service.id }, orderBy: { key: "asc" }, select: { key: true, archivedAt: true, title: true } });
    const before = { items: await checklist(), template: await exportTemplate(key) };

    await expect(importTemplate(ownerB, template(key, ["alpha"]), "t.yaml", ctx)).rejects.toMatchObject({ code: "forbidden" });
    expect({ items: await checklist(), template: await exportTemplate(key) }).toEqual(before);
    expect(before.items.every((i) => i.archivedAt === null)).toBe(true);

    // Team A's owner still maintains it; a template no service uses yet stays open to every owner.
    await expect(importTemplate(ownerA, template(key, ["alpha"]), "t.yaml", ctx)).resolves.toMatchObject({ created: false, itemsArchived: 1 });
    await importTemplate(ownerA, template(`unused-${teamA.slug}`, ["alpha"]), "t.yaml", ctx);
    await expect(importTemplate(ownerB, template(`unused-${teamA.slug}`, ["alpha", "gamma"]), "t.yaml", ctx)).resolves.toMatchObject({ created: false });
  });
});

describe("who sees which tokens of a team", () => {
  it("an owner signed in sees every token; an editor, and an owner acting through a token, only their own", async () => {
    const team = await makeTeam();
    const owner = await makeMember(team.id, "owner");
    const editor = await makeMember(team.id, "editor");
    const { secret } = await createApiToken(owner, team.id, { name: "owner-ci" }, ctx);
    await createApiToken(editor, team.id, { name: "editor-ci" }, ctx);
    const names = async (actor: Parameters<typeof listApiTokens>[0]) => (await listApiTokens(actor, team.id)).map((t) => t.name).sort();
    expect(await names(owner)).toEqual(["editor-ci", "owner-ci"]);
    expect(await names(editor)).toEqual(["editor-ci"]);
    expect(await names(await actorFromBearer(secret))).toEqual(["owner-ci"]);
  });
});
