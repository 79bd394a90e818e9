/**
 * Waivers (docs/decisions/0037): a required item's N/A asks for a waiver through the PATCH; the
 * decision API lets another owner or reviewer approve or reject it (requester 403, viewer 403, unknown
 * 404, nothing pending 409, each with the error shape); the gate follows; the alert sweep raises
 * waiver.expiring once per waiver even when two sweeps race, and writes the expiry to the audit log once.
 */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as itemRoute from "@/app/api/v1/services/[slug]/checklist/[itemKey]/route";
import * as decisionRoute from "@/app/api/v1/services/[slug]/checklist/[itemKey]/waiver/decision/route";
import { runAlertSweep } from "@/lib/alerts/sweep";
import { apiResponses } from "@/lib/api/openapi";
import { db, sqlPool } from "@/lib/db";
import { z } from "zod";
import { serviceReadiness } from "@/lib/readiness/service";
import { makeMember, makeTeam, tokenFor } from "../helpers/actors";

const DAY = 86_400_000;
/** The one error shape: {"error":{"code","message","issues?"}}. */
const errorSchema = z.strictObject({
  error: z.strictObject({ code: z.string(), message: z.string(), issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional() }),
});

async function setup() {
  const team = await makeTeam();
  const [owner, editor, reviewer, viewer] = await Promise.all([makeMember(team.id, "owner"), makeMember(team.id, "editor"), makeMember(team.id, "reviewer"), makeMember(team.id, "viewer")]);
  const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${team.slug}`, name: "Ledger" } });
  const item = await db.serviceChecklistItem.create({
    data: { serviceId: service.id, key: "restore", sectionKey: "sec", sectionTitle: "Recovery", title: "Test backup restoration", severity: "critical", position: 0, state: "open" },
  });
  const tokens = {
    owner: await tokenFor(team.id, owner.userId, "owner"),
    editor: await tokenFor(team.id, editor.userId, "editor"),
    reviewer: await tokenFor(team.id, reviewer.userId, "reviewer"),
    viewer: await tokenFor(team.id, viewer.userId, "viewer"),
  };
  return { team, owner, editor, reviewer, service, item, tokens };
}

async function send(route: { PATCH?: unknown; POST?: unknown }, method: "PATCH" | "POST", path: string, token: string, params: Record<string, string>, body: unknown) {
  const req = new NextRequest(new URL(path, "http://localhost"), {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const handler = route[method] as (r: NextRequest, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
  const res = await handler(req, { params: Promise.resolve(params) });
  return { status: res.status, body: (await res.json()) as unknown };
}

const patch = (token: string, slug: string, key: string, body: unknown) => send(itemRoute, "PATCH", `/api/v1/services/${slug}/checklist/${key}`, token, { slug, itemKey: key }, body);
const decide = (token: string, slug: string, key: string, body: unknown) =>
  send(decisionRoute, "POST", `/api/v1/services/${slug}/checklist/${key}/waiver/decision`, token, { slug, itemKey: key }, body);

describe("waiver requests and decisions", () => {
  it("an editor's N/A on a required item is a pending waiver that blocks; a reviewer's approval takes it out of the score", async () => {
    const { service, tokens, editor, reviewer } = await setup();
    const asked = await patch(tokens.editor, service.slug, "restore", { state: "na", reason: "No data is kept", version: 1 });
    expect(asked.status).toBe(200);
    const { item } = apiResponses.item.parse(asked.body);
    expect(item.waiver).toMatchObject({ status: "pending", requestedBy: editor.email, decidedBy: null });
    // default expiry: 90 days
    expect(Math.round((Date.parse(item.waiver!.expiresAt!) - Date.now()) / DAY)).toBe(90);
    expect((await serviceReadiness(service.id)).blockers.map((b) => b.message)).toEqual(["Waiver awaiting approval: Test backup restoration"]);

    const approved = await decide(tokens.reviewer, service.slug, "restore", { decision: "approve", comment: "Stateless service" });
    expect(approved.status).toBe(200);
    expect(apiResponses.item.parse(approved.body).item.waiver).toMatchObject({ status: "approved", requestedBy: editor.email, decidedBy: reviewer.email, comment: "Stateless service" });
    const r = await serviceReadiness(service.id);
    expect(r).toMatchObject({ ready: true, score: 100, blockers: [] });

    const audits = await db.auditEvent.findMany({ where: { serviceId: service.id }, orderBy: { id: "asc" }, select: { action: true, actorEmail: true, after: true } });
    expect(audits.map((a) => [a.action, a.actorEmail])).toEqual([
      ["checklist.update", editor.email],
      ["waiver.approve", reviewer.email],
    ]);
    expect(audits[0]!.after).toMatchObject({ state: "na", waiver: "pending" });

    // after its expiry the item is open again (the gate's clock)
    const after = await serviceReadiness(service.id, new Date(Date.now() + 91 * DAY));
    expect(after.blockers.map((b) => b.kind)).toEqual(["waiver-expired"]);
    expect(after.ready).toBe(false);
  });

  it("refuses the requester (403), a viewer (403), an unknown item or service (404) and a waiver not pending (409), with the error shape", async () => {
    const { service, tokens } = await setup();
    // an owner may mark N/A and decide waivers, but not the one they asked for
    await patch(tokens.owner, service.slug, "restore", { state: "na", reason: "No data is kept", version: 1 });
    const cases = [
      [await decide(tokens.owner, service.slug, "restore", { decision: "approve" }), 403, "forbidden"],
      [await decide(tokens.editor, service.slug, "restore", { decision: "approve" }), 403, "forbidden"],
      [await decide(tokens.viewer, service.slug, "restore", { decision: "approve" }), 403, "forbidden"],
      [await decide(tokens.reviewer, service.slug, "nope", { decision: "approve" }), 404, "not_found"],
      [await decide(tokens.reviewer, "no-such-service", "restore", { decision: "approve" }), 404, "not_found"],
      [await decide(tokens.reviewer, service.slug, "restore", { decision: "maybe" }), 422, "unprocessable"],
    ] as const;
    for (const [res, status, code] of cases) {
      expect(res.status).toBe(status);
      expect(errorSchema.parse(res.body).error.code).toBe(code);
    }
    expect(errorSchema.parse(cases[0][0].body).error.message).toMatch(/You asked for this waiver/);

    expect((await decide(tokens.reviewer, service.slug, "restore", { decision: "reject", comment: "Keep the drill" })).status).toBe(200);
    const again = await decide(tokens.reviewer, service.slug, "restore", { decision: "approve" });
    expect(again.status).toBe(409);
    expect(errorSchema.parse(again.body).error.code).toBe("conflict");
    expect((await serviceReadiness(service.id)).blockers.map((b) => b.message)).toEqual(["Waiver rejected: Test backup restoration"]);
  });

  it("takes an expiry of at most 365 days; an optional item's N/A needs no waiver", async () => {
    const { service, tokens } = await setup();
    const far = new Date(Date.now() + 400 * DAY).toISOString().slice(0, 10);
    const refused = await patch(tokens.editor, service.slug, "restore", { state: "na", reason: "x", expiresAt: far, version: 1 });
    expect(refused.status).toBe(422);
    expect(errorSchema.parse(refused.body).error.issues?.[0]?.path).toBe("expiresAt");
    const soon = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
    const ok = await patch(tokens.editor, service.slug, "restore", { state: "na", reason: "x", expiresAt: soon, version: 1 });
    expect(apiResponses.item.parse(ok.body).item.waiver?.expiresAt).toBe(`${soon}T23:59:59.999Z`);

    await db.serviceChecklistItem.create({
      data: { serviceId: service.id, key: "docs", sectionKey: "sec", sectionTitle: "Recovery", title: "Runbook", severity: "low", required: false, position: 1, state: "open" },
    });
    const optional = await patch(tokens.editor, service.slug, "docs", { state: "na", reason: "No users", version: 1 });
    expect(apiResponses.item.parse(optional.body).item.waiver).toBeNull();
  });
});

describe("waiver.expiring", () => {
  it("is raised once, 7 days before the expiry, by two racing sweeps; the expiry is audited once", async () => {
    const { service, tokens } = await setup();
    await patch(tokens.editor, service.slug, "restore", { state: "na", reason: "No data is kept", version: 1 });
    await decide(tokens.reviewer, service.slug, "restore", { decision: "approve" });
    const { waiverExpiresAt } = await db.serviceChecklistItem.findFirstOrThrow({ where: { serviceId: service.id, key: "restore" } });
    const expiresAt = waiverExpiresAt!.getTime();
    const events = () => db.alertEvent.findMany({ where: { serviceId: service.id, type: "waiver.expiring" } });

    await runAlertSweep(sqlPool(), new Date(expiresAt - 8 * DAY));
    expect(await events()).toHaveLength(0);
    const at = new Date(expiresAt - 7 * DAY + 60_000);
    await Promise.all([runAlertSweep(sqlPool(), at), runAlertSweep(sqlPool(), at), runAlertSweep(sqlPool(), new Date(expiresAt - 2 * DAY))]);
    const raised = await events();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ dedupeKey: `waiver.expiring:${(await db.serviceChecklistItem.findFirstOrThrow({ where: { serviceId: service.id, key: "restore" } })).id}:${waiverExpiresAt!.toISOString()}` });
    expect(raised[0]!.details).toMatchObject({ itemKey: "restore", itemTitle: "Test backup restoration", expiresAt: waiverExpiresAt!.toISOString() });

    const past = new Date(expiresAt + 60_000);
    await Promise.all([runAlertSweep(sqlPool(), past), runAlertSweep(sqlPool(), past)]);
    expect(await events()).toHaveLength(1);
    const expiries = await db.auditEvent.findMany({ where: { serviceId: service.id, action: "waiver.expire" } });
    expect(expiries).toHaveLength(1);
    expect(expiries[0]).toMatchObject({ via: "system", targetId: `${service.slug}/restore` });
  });
});

describe("re-verification (reverifyDays)", () => {
  it("a tick older than its interval blocks with its date; Re-verify keeps the evidence, restarts the clock and is audited", async () => {
    const { service, tokens, editor } = await setup();
    const old = new Date(Date.now() - 100 * DAY);
    await db.serviceChecklistItem.updateMany({
      where: { serviceId: service.id, key: "restore" },
      data: { state: "done", reverifyDays: 90, verifiedAt: old, evidenceUrl: "https://wiki.example.com/restore-drill", note: "Restored to staging", version: 2 },
    });
    const stale = await serviceReadiness(service.id);
    const due = new Date(old.getTime() + 90 * DAY).toISOString().slice(0, 10);
    expect(stale.blockers.map((b) => b.message)).toEqual([`Needs re-verification since ${due}: Test backup restoration`]);

    const res = await patch(tokens.editor, service.slug, "restore", { state: "done", reverify: true, version: 2 });
    expect(res.status).toBe(200);
    const { item } = apiResponses.item.parse(res.body);
    expect(item).toMatchObject({ state: "done", evidenceUrl: "https://wiki.example.com/restore-drill", note: "Restored to staging", reverifyDays: 90 });
    expect(Date.now() - Date.parse(item.verifiedAt!)).toBeLessThan(60_000);
    expect(Math.round((Date.parse(item.reverifyDueAt!) - Date.now()) / DAY)).toBe(90);
    expect((await serviceReadiness(service.id)).blockers).toEqual([]);
    const [audit] = await db.auditEvent.findMany({ where: { serviceId: service.id, action: "checklist.update" } });
    expect(audit).toMatchObject({ actorEmail: editor.email, after: expect.objectContaining({ state: "done", reverified: true }) });

    // a plain save of the done item (a note change) keeps the clock where it was
    const noted = await patch(tokens.editor, service.slug, "restore", { state: "done", note: "Restored to staging again", version: 3 });
    expect(apiResponses.item.parse(noted.body).item.verifiedAt).toBe(item.verifiedAt);
  });
});
