import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, insertToken } from "../helpers/app";

const run = promisify(execFile);
let editorToken = "";
let viewerToken = "";
let reviewerToken = "";

async function api(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, any> | null };
}

async function gate(slug: string, token: string) {
  try {
    const { stdout } = await run("npm", ["run", "-s", "preflight", "--", "gate", slug, "--url", baseUrl(), "--token", token]);
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

beforeAll(async () => {
  editorToken = (await insertToken({ teamSlug: "platform", email: "editor@example.com", role: "editor" })).secret;
  viewerToken = (await insertToken({ teamSlug: "platform", email: "viewer@example.com", role: "viewer" })).secret;
  reviewerToken = (await insertToken({ teamSlug: "platform", email: "reviewer@example.com", role: "reviewer" })).secret;
});

describe("JSON API v1 and the deploy gate", () => {
  it("creates a service from templates, gates it until every required item is ticked and (tier 1) a review approves it", async () => {
    const created = await api("POST", "/api/v1/services", editorToken, { name: "Gate Demo", team: "platform", tier: 1, templates: ["trailbase"] });
    expect(created.status).toBe(201);
    expect(created.body!.service).toMatchObject({ slug: "gate-demo", team: "platform", tier: 1 });
    expect((await api("POST", "/api/v1/services", editorToken, { name: "Gate Demo", team: "platform" })).status).toBe(409);

    const blocked = await gate("gate-demo", viewerToken);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toMatch(/not ready/);
    expect(blocked.stdout).toMatch(/\[required-item-open\] Required item open: /);

    const readiness = await api("GET", "/api/v1/services/gate-demo/readiness", viewerToken);
    expect(readiness.body).toMatchObject({ slug: "gate-demo", ready: false, level: "not-ready" });

    const { body } = await api("GET", "/api/v1/services/gate-demo/checklist", viewerToken);
    const items = body!.items as { key: string; version: number; required: boolean; state: string }[];
    expect(items.length).toBeGreaterThan(5);
    // A viewer's token may not tick.
    expect((await api("PATCH", `/api/v1/services/gate-demo/checklist/${items[0]!.key}`, viewerToken, { state: "done", version: items[0]!.version })).status).toBe(403);
    for (const item of items) {
      const r = await api("PATCH", `/api/v1/services/gate-demo/checklist/${item.key}`, editorToken, { state: "done", version: item.version });
      expect(r.status).toBe(200);
      expect(r.body!.item).toMatchObject({ key: item.key, state: "done", version: item.version + 1 });
    }
    // Tier 1 needs an approved, current review (the team's default review tier) besides the checklist.
    const unapproved = await gate("gate-demo", viewerToken);
    expect(unapproved.code).toBe(1);
    expect(unapproved.stdout).toMatch(/\[review-approval-missing\] An approved review is required at tier 1/);
    const asked = await api("POST", "/api/v1/services/gate-demo/reviews", editorToken, {});
    expect(asked.status).toBe(201);
    const decided = await api("POST", `/api/v1/services/gate-demo/reviews/${asked.body!.review.id}/decision`, reviewerToken, { decision: "approve" });
    expect(decided.status).toBe(200);
    const ready = await gate("gate-demo", viewerToken);
    expect(ready.stdout).toMatch(/is ready for production/);
    expect(ready.code).toBe(0);
  });

  it("answers bad input with 400/422 and the one error shape, stale versions with 409", async () => {
    const { body } = await api("GET", "/api/v1/services/glasswork/checklist", viewerToken);
    const item = (body!.items as { key: string; version: number }[])[0]!;
    const notJson = await api("PATCH", `/api/v1/services/glasswork/checklist/${item.key}`, editorToken, "{oops");
    expect(notJson.status).toBe(400);
    expect(notJson.body!.error.code).toBe("bad_request");
    const invalid = await api("PATCH", `/api/v1/services/glasswork/checklist/${item.key}`, editorToken, { state: "na", version: item.version });
    expect(invalid.status).toBe(422);
    expect(invalid.body!.error.issues).toEqual([{ path: "reason", message: "Marking an item N/A needs a reason." }]);
    const ok = await api("PATCH", `/api/v1/services/glasswork/checklist/${item.key}`, editorToken, { state: "na", reason: "serverless: no host", version: item.version });
    expect(ok.status).toBe(200);
    const stale = await api("PATCH", `/api/v1/services/glasswork/checklist/${item.key}`, editorToken, { state: "done", version: item.version });
    expect(stale.status).toBe(409);
    expect(stale.body!.error.current).toMatchObject({ key: item.key, state: "na", naReason: "serverless: no host" });
    expect((await api("PATCH", "/api/v1/services/glasswork/checklist/no-such-item", editorToken, { state: "done", version: 1 })).status).toBe(404);
    expect((await api("GET", "/api/v1/services/no-such-service/readiness", viewerToken)).status).toBe(404);
  });

  it("serves an OpenAPI document generated from the schemas", async () => {
    const res = await fetch(`${baseUrl()}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[]; properties?: Record<string, unknown> } }> } }>> };
    expect(doc.openapi).toBe("3.1.0");
    const patch = doc.paths["/api/v1/services/{slug}/checklist/{itemKey}"]!.patch!;
    const schema = patch.requestBody!.content["application/json"]!.schema;
    expect(schema.required).toEqual(expect.arrayContaining(["state", "version"]));
    expect(Object.keys(schema.properties!)).toEqual(expect.arrayContaining(["state", "note", "evidenceUrl", "reason", "version"]));
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/services", "/api/v1/services/{slug}/readiness"]));
  });
});
