import { describe, expect, it } from "vitest";
import { db, sqlPool } from "@/lib/db";
import { createCheck, deleteCheck, getServiceCheck, listServiceChecks, updateCheck } from "@/lib/checks/manage";
import { publicCheck } from "@/lib/checks/public";
import { MAX_CHECKS_PER_SERVICE } from "@/lib/checks/store";
import { createCheckSchema, patchCheckSchema } from "@/lib/checks/schemas";
import { resolveCheckHeaders } from "@/lib/checks/header-secrets";
import { makeMember, makeTeam } from "../helpers/actors";

const ctx = { ip: "198.51.100.7" };
const SECRET = "Bearer very-secret-token-4711";

async function serviceOf(teamId: string, slug: string) {
  return db.service.create({ data: { teamId, slug, name: slug } });
}

async function fixture() {
  const team = await makeTeam();
  const service = await serviceOf(team.id, `svc-${team.slug}`);
  return { team, service, editor: await makeMember(team.id, "editor"), viewer: await makeMember(team.id, "viewer"), reviewer: await makeMember(team.id, "reviewer") };
}

const create = (body: unknown) => createCheckSchema.parse(body);
const patch = (body: unknown) => patchCheckSchema.parse(body);

describe("health checks of a service", () => {
  it("creates with defaults, due at once; header values sealed at rest and never shown or audited", async () => {
    const { service, editor } = await fixture();
    const before = new Date();
    const check = await createCheck(
      editor,
      service.slug,
      create({ url: "https://api.example.com/health", headers: [{ name: "Authorization", value: SECRET }, { name: "X-Key", env: "PROBE_SECRET_KEY" }] }),
      ctx,
    );
    expect(check).toMatchObject({ name: "api.example.com/health", method: "GET", expectedStatus: ["200-299"], timeoutMs: 5000, intervalSeconds: 60, failuresBeforeDown: 3, successesBeforeUp: 1, enabled: true, status: "unknown" });
    expect(check.nextRunAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(check.nextRunAt.getTime()).toBeLessThanOrEqual(Date.now());

    // The raw row holds no plain value; the engine can still open it.
    const { rows } = await sqlPool().query(`SELECT row_to_json(c)::text AS raw FROM "HealthCheck" c WHERE id = $1`, [check.id]);
    expect(rows[0].raw).not.toContain("very-secret-token");
    expect(resolveCheckHeaders(check.headers, { PROBE_SECRET_KEY: "k" }).headers).toEqual({ Authorization: SECRET, "X-Key": "k" });

    const shown = publicCheck(check);
    expect(shown.headers).toEqual([{ name: "Authorization", source: "sealed" }, { name: "X-Key", source: "env", env: "PROBE_SECRET_KEY" }]);
    expect(JSON.stringify(shown)).not.toContain("very-secret-token");
    expect(JSON.stringify(shown)).not.toContain("v1.");

    const audit = await db.auditEvent.findMany({ where: { serviceId: service.id, action: "check.create" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetType: "check", targetId: check.id, actorUserId: editor.userId, ip: ctx.ip });
    expect(JSON.stringify(audit[0]!.after)).not.toMatch(/very-secret-token|v1\./);
  });

  it("updates: due again at once, headers replaced or kept, rules checked on the merged check, audited with before and after", async () => {
    const { service, editor } = await fixture();
    const check = await createCheck(editor, service.slug, create({ url: "https://a.example.com/h", headers: [{ name: "Authorization", value: SECRET }] }), ctx);
    // As if the engine had probed it and scheduled the next run a minute later.
    await db.healthCheck.update({ where: { id: check.id }, data: { nextRunAt: new Date(Date.now() + 60_000), status: "up" } });

    const t0 = Date.now();
    const changed = await updateCheck(editor, service.slug, check.id, patch({ intervalSeconds: 300, headers: [{ name: "Authorization", keep: true }, { name: "X-Trace", value: "on" }] }), ctx);
    expect(changed.intervalSeconds).toBe(300);
    expect(changed.nextRunAt.getTime()).toBeGreaterThanOrEqual(t0);
    expect(changed.nextRunAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(changed.status).toBe("up"); // the engine's columns are left to the engine
    expect(resolveCheckHeaders(changed.headers).headers).toEqual({ Authorization: SECRET, "X-Trace": "on" });

    // A merged check that breaks a rule (timeout not below the new interval) is refused; nothing changes.
    await expect(updateCheck(editor, service.slug, check.id, patch({ intervalSeconds: 10, timeoutMs: 10_000 }), ctx)).rejects.toMatchObject({
      code: "unprocessable",
      issues: [{ path: "timeoutMs" }],
    });
    await expect(updateCheck(editor, service.slug, check.id, patch({ jsonPath: "status" }), ctx)).rejects.toMatchObject({ issues: [{ path: "jsonEquals" }] });
    await expect(updateCheck(editor, service.slug, check.id, patch({ headers: [{ name: "X-Unknown", keep: true }] }), ctx)).rejects.toMatchObject({
      issues: [{ path: "headers.0.keep" }],
    });
    expect((await db.healthCheck.findUniqueOrThrow({ where: { id: check.id } })).intervalSeconds).toBe(300);

    // Replacing the list drops what is not listed; pausing and clearing fields.
    const paused = await updateCheck(editor, service.slug, check.id, patch({ headers: [], enabled: false, bodyContains: null }), ctx);
    expect([paused.headers, paused.enabled]).toEqual([[], false]);

    const audit = await db.auditEvent.findMany({ where: { serviceId: service.id, action: "check.update" }, orderBy: { at: "asc" } });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ before: { intervalSeconds: 60, headers: [{ name: "Authorization", source: "sealed" }] }, after: { intervalSeconds: 300 } });
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toMatch(/very-secret-token|v1\.|"on"/);
  });

  it("refuses a URL no probe would reach (metadata, link-local) when it is saved, and saves nothing", async () => {
    const { service, editor } = await fixture();
    for (const url of ["http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/health", "http://[::ffff:169.254.169.254]/", "http://100.100.100.200/"]) {
      await expect(createCheck(editor, service.slug, create({ url }), ctx)).rejects.toMatchObject({
        code: "unprocessable",
        issues: [{ path: "url", message: expect.stringMatching(/^This URL cannot be probed: address .* is link-local or a cloud metadata address/) }],
      });
    }
    const check = await createCheck(editor, service.slug, create({ url: "http://10.0.0.7/health" }), ctx); // private addresses are fine
    await expect(updateCheck(editor, service.slug, check.id, patch({ url: "http://169.254.169.254/" }), ctx)).rejects.toMatchObject({ code: "unprocessable" });
    expect((await db.healthCheck.findMany({ where: { serviceId: service.id } })).map((c) => c.url)).toEqual(["http://10.0.0.7/health"]);
    expect(await db.auditEvent.count({ where: { serviceId: service.id, action: "check.update" } })).toBe(0);
  });

  it("a service has at most MAX_CHECKS_PER_SERVICE checks, also when creates race; the one over is refused with 409 and saves nothing", async () => {
    const { service, editor } = await fixture();
    await db.healthCheck.createMany({ data: Array.from({ length: MAX_CHECKS_PER_SERVICE - 2 }, (_, i) => ({ serviceId: service.id, name: `c${i}`, url: `http://10.0.0.${i + 1}/health` })) });
    const results = await Promise.allSettled([0, 1, 2, 3].map((i) => createCheck(editor, service.slug, create({ url: `http://10.0.1.${i}/health` }), ctx)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "conflict", message: expect.stringMatching(/already has 50 health checks/) });
    }
    expect(await db.healthCheck.count({ where: { serviceId: service.id } })).toBe(MAX_CHECKS_PER_SERVICE);
    expect(await db.auditEvent.count({ where: { serviceId: service.id, action: "check.create" } })).toBe(2);
  });

  it("deletes with an audit entry; a check of another service is not found; readers cannot write", async () => {
    const { team, service, editor, viewer, reviewer } = await fixture();
    const other = await serviceOf(team.id, `other-${team.slug}`);
    const check = await createCheck(editor, service.slug, create({ url: "https://a.example.com/h" }), ctx);

    // The id through another service's slug: 404 for every operation.
    await expect(getServiceCheck(editor, other.slug, check.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateCheck(editor, other.slug, check.id, patch({ intervalSeconds: 120 }), ctx)).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteCheck(editor, other.slug, check.id, ctx)).rejects.toMatchObject({ code: "not_found" });

    // Readers list and read; writing is refused.
    expect((await listServiceChecks(viewer, service.slug)).map((c) => c.id)).toEqual([check.id]);
    expect((await getServiceCheck(reviewer, service.slug, check.id)).id).toBe(check.id);
    for (const reader of [viewer, reviewer]) {
      await expect(createCheck(reader, service.slug, create({ url: "https://b.example.com/" }), ctx)).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateCheck(reader, service.slug, check.id, patch({ enabled: false }), ctx)).rejects.toMatchObject({ code: "forbidden" });
      await expect(deleteCheck(reader, service.slug, check.id, ctx)).rejects.toMatchObject({ code: "forbidden" });
    }

    // Another team's member does not see the service at all.
    const stranger = await makeMember((await makeTeam()).id, "owner");
    await expect(listServiceChecks(stranger, service.slug)).rejects.toMatchObject({ code: "not_found" });

    await deleteCheck(editor, service.slug, check.id, ctx);
    expect(await db.healthCheck.findUnique({ where: { id: check.id } })).toBeNull();
    const deleted = await db.auditEvent.findMany({ where: { serviceId: service.id, action: "check.delete" } });
    expect(deleted).toMatchObject([{ targetId: check.id, before: { url: "https://a.example.com/h" } }]);
    await expect(deleteCheck(editor, service.slug, check.id, ctx)).rejects.toMatchObject({ code: "not_found" });
  });
});
