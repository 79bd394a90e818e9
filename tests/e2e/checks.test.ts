/**
 * Health checks end to end: editors manage them on the service page, readers see them without forms,
 * and the JSON API with bearer tokens (defaults, validation, permissions, secrets never returned).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { appSql, baseUrl, insertToken, signedInBrowser } from "../helpers/app";

const editor = signedInBrowser("editor@example.com");
const viewer = signedInBrowser("viewer@example.com");

const SLUG = "checks-demo";
const UI_SECRET = "Bearer ui-secret-8d1f";
const API_SECRET = "api-secret-77c2";
let editorToken = "";
let viewerToken = "";

async function api(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON
  return { status: res.status, text, body: (text ? JSON.parse(text) : null) as Record<string, any> | null };
}

beforeAll(async () => {
  editorToken = (await insertToken({ teamSlug: "platform", email: "editor@example.com", role: "editor" })).secret;
  viewerToken = (await insertToken({ teamSlug: "platform", email: "viewer@example.com", role: "viewer" })).secret;
  expect((await api("POST", "/api/v1/services", editorToken, { name: "Checks Demo", slug: SLUG, team: "platform" })).status).toBe(201);
});

describe("health checks on the service page (Chromium)", () => {
  it("an editor adds a check, sees it listed, edits its interval keeping the stored secret, pauses and deletes it", async () => {
    const page = await editor().newPage();
    await page.goto(`${baseUrl()}/services/${SLUG}`);
    const section = page.getByRole("region", { name: "Health checks" });
    await section.getByText("No health checks yet").waitFor();

    // A timeout longer than the interval is refused by the server, named by the field's label, and
    // what was typed stays.
    await section.getByText("Add a health check").click();
    const add = section.locator("form", { has: page.getByRole("button", { name: "Add check" }) });
    await add.getByLabel("URL").fill("https://status.example.com/healthz");
    await add.getByLabel("Interval (seconds)").fill("10");
    await add.getByLabel("Timeout (ms)").fill("20000");
    await add.getByRole("button", { name: "Add a header" }).click();
    await add.getByLabel("Header 1 name").fill("Authorization");
    await add.getByLabel("Header 1 secret value").fill(UI_SECRET);
    await add.getByRole("button", { name: "Add check" }).click();
    // The message stands next to its field and describes it; the field is marked invalid and focused.
    const timeout = add.getByLabel("Timeout (ms)");
    await add.getByText("The timeout must be shorter than the interval (10 s).").waitFor();
    expect(await timeout.getAttribute("aria-invalid")).toBe("true");
    expect(await timeout.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby")!.split(" ")[0]!)?.textContent)).toBe("✕ The timeout must be shorter than the interval (10 s).");
    expect(await timeout.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await add.getByRole("alert").textContent()).not.toContain("must be shorter");
    expect(await add.getByLabel("URL").inputValue()).toBe("https://status.example.com/healthz");
    expect(await add.getByLabel("Header 1 secret value").inputValue()).toBe(UI_SECRET);

    await add.getByLabel("Interval (seconds)").fill("120");
    await add.getByLabel("Timeout (ms)").fill("");
    await add.getByRole("button", { name: "Add check" }).click();
    await add.getByText("Added the check status.example.com/healthz").waitFor();

    const card = section.getByRole("article", { name: "status.example.com/healthz" });
    await card.waitFor();
    await card.getByText("Never probed yet").waitFor();
    expect(await card.textContent()).toMatch(/every 2 min/);
    expect(await card.locator("h3 + *").textContent()).toBe("○No data yet");
    const [row] = await appSql<{ headers: string; timeoutMs: number }>(
      `SELECT c.headers::text AS headers, c."timeoutMs" FROM "HealthCheck" c JOIN "Service" s ON s.id = c."serviceId" WHERE s.slug = $1`,
      [SLUG],
    );
    expect(row!.timeoutMs).toBe(5000);
    expect(row!.headers).toMatch(/"sealed"/);
    expect(row!.headers).not.toContain("ui-secret");

    // Edit: the stored secret is shown as stored, never as its value; leaving it empty keeps it.
    await card.getByText("Edit settings").click();
    const edit = card.locator("form").first();
    expect(await edit.getByLabel("Header 1 secret value").getAttribute("placeholder")).toBe("•••• (stored)");
    expect(await edit.getByLabel("Header 1 secret value").inputValue()).toBe("");
    expect(await page.content()).not.toContain("ui-secret");
    await edit.getByLabel("Interval (seconds)").fill("300");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await edit.getByText("Saved status.example.com/healthz").waitFor();
    await expect.poll(() => card.textContent()).toMatch(/every 5 min/);
    const [edited] = await appSql<{ headers: string; intervalSeconds: number }>(
      `SELECT c.headers::text AS headers, c."intervalSeconds" FROM "HealthCheck" c JOIN "Service" s ON s.id = c."serviceId" WHERE s.slug = $1`,
      [SLUG],
    );
    expect(edited!.intervalSeconds).toBe(300);
    expect(edited!.headers).toBe(row!.headers); // the sealed value kept as it was

    await card.getByRole("button", { name: "Pause checking" }).click();
    await expect.poll(() => card.locator("h3 + *").textContent()).toBe("○No data yet○Paused");
    await card.getByRole("button", { name: "Resume checking" }).waitFor();

    // Delete needs a second, explicit step.
    await card.getByText("Delete this check…").click();
    await card.getByRole("button", { name: "Yes, delete this check" }).click();
    await section.getByText("No health checks yet").waitFor();
    expect(await appSql(`SELECT 1 FROM "HealthCheck" c JOIN "Service" s ON s.id = c."serviceId" WHERE s.slug = $1`, [SLUG])).toEqual([]);
  });

  it("a viewer sees the checks with their last probe and a refused target, and no form", async () => {
    // A literal metadata address is refused when saved; a name is only refused when it resolves to one.
    const refused = await api("POST", `/api/v1/services/${SLUG}/checks`, editorToken, { url: "http://169.254.169.254/latest/meta-data", name: "Metadata probe" });
    expect(refused.status).toBe(422);
    expect(refused.body!.error.issues).toEqual([
      { path: "url", message: "This URL cannot be probed: address 169.254.169.254 is link-local or a cloud metadata address, which probes never reach." },
    ]);
    const created = await api("POST", `/api/v1/services/${SLUG}/checks`, editorToken, { url: "http://metadata.example.internal/latest/meta-data", name: "Metadata probe" });
    expect(created.status).toBe(201);
    await appSql(
      `UPDATE "HealthCheck" SET status = 'down', "lastRunAt" = '2026-11-20T10:15:00Z', "lastLatencyMs" = 42, "lastHttpStatus" = 503,
         "lastError" = 'connection refused', "refusedReason" = 'cloud metadata address 169.254.169.254 is never probed',
         "tlsExpiresAt" = now() + interval '5 days',
         "securityHeaders" = '{"hsts":"max-age=63072000","contentTypeOptions":"nosniff","frameOptions":null,"frameAncestors":null}'
       WHERE id = $1`,
      [created.body!.check.id],
    );
    const page = await viewer().newPage();
    await page.goto(`${baseUrl()}/services/${SLUG}`);
    const card = page.getByRole("article", { name: "Metadata probe" });
    await card.waitFor();
    const text = (await card.textContent())!;
    expect(text).toContain("Target refused: cloud metadata address 169.254.169.254 is never probed");
    // The last probe is "… ago", with the moment in the title and the dateTime attribute.
    const lastProbe = card.locator("time").first();
    expect(await lastProbe.getAttribute("dateTime")).toBe("2026-11-20T10:15:00.000Z");
    expect(await lastProbe.getAttribute("title")).toBe("20 Nov 2026, 10:15 UTC");
    expect(await lastProbe.textContent()).toMatch(/^\d+ d( \d+ h)? ago$/);
    expect(text).toContain("42 ms");
    expect(text).toContain("503");
    expect(text).toContain("Last error: connection refused");
    expect(text).toMatch(/Expires \d+ \w{3} \d{4}, \d\d:\d\d UTC \((4|5) days left\)/);
    expect(text).toContain("HSTS: max-age=63072000");
    expect(text).toContain("X-Frame-Options: missing");
    expect(await card.locator("h3 + *").textContent()).toBe("✕Down");

    const section = page.getByRole("region", { name: "Health checks" });
    expect(await section.locator("form").count()).toBe(0);
    expect(await section.getByRole("button").count()).toBe(0);
    expect(await page.getByText("Add a health check").count()).toBe(0);
  });
});

describe("health checks API (bearer tokens)", () => {
  it("POST with only url answers 201 with the defaults; GET, PATCH and DELETE work; header values never come back", async () => {
    const created = await api("POST", `/api/v1/services/${SLUG}/checks`, editorToken, { url: "https://api.example.com/health" });
    expect(created.status).toBe(201);
    const check = created.body!.check;
    expect(check).toMatchObject({
      name: "api.example.com/health",
      url: "https://api.example.com/health",
      method: "GET",
      expectedStatus: ["200-299"],
      timeoutMs: 5000,
      intervalSeconds: 60,
      failuresBeforeDown: 3,
      successesBeforeUp: 1,
      headers: [],
      bodyContains: null,
      jsonPath: null,
      jsonEquals: null,
      latencyLimitMs: null,
      enabled: true,
      status: "unknown",
      lastRunAt: null,
    });

    const withHeaders = await api("PATCH", `/api/v1/services/${SLUG}/checks/${check.id}`, editorToken, {
      expectedStatus: [200, "301-302"],
      headers: [{ name: "X-Api-Key", value: API_SECRET }, { name: "X-Env", env: "PROBE_SECRET_DEMO" }],
    });
    expect(withHeaders.status).toBe(200);
    expect(withHeaders.body!.check.expectedStatus).toEqual(["200", "301-302"]);
    expect(withHeaders.body!.check.headers).toEqual([{ name: "X-Api-Key", source: "sealed" }, { name: "X-Env", source: "env", env: "PROBE_SECRET_DEMO" }]);
    const kept = await api("PATCH", `/api/v1/services/${SLUG}/checks/${check.id}`, editorToken, { headers: [{ name: "X-Api-Key", keep: true }] });
    expect(kept.body!.check.headers).toEqual([{ name: "X-Api-Key", source: "sealed" }]);
    const listed = await api("GET", `/api/v1/services/${SLUG}/checks`, viewerToken);
    const one = await api("GET", `/api/v1/services/${SLUG}/checks/${check.id}`, viewerToken);
    expect(listed.status).toBe(200);
    expect(one.body!.check.id).toBe(check.id);
    for (const r of [withHeaders, kept, listed, one]) {
      expect(r.text).not.toContain(API_SECRET);
      expect(r.text).not.toContain('"sealed":"');
    }

    expect((await api("DELETE", `/api/v1/services/${SLUG}/checks/${check.id}`, editorToken)).status).toBe(204);
    expect((await api("GET", `/api/v1/services/${SLUG}/checks/${check.id}`, editorToken)).status).toBe(404);
  });

  it("bad input is 422 with the path of each problem; a viewer token is 403; another team's service or check is 404", async () => {
    const bad = await api("POST", `/api/v1/services/${SLUG}/checks`, editorToken, {
      url: "https://user:pw@example.com/",
      expectedStatus: ["2xx"],
      intervalSeconds: 5,
      headers: [{ name: "Cookie", value: "a=b" }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body!.error.code).toBe("unprocessable");
    expect((bad.body!.error.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(["expectedStatus.0", "headers.0.name", "intervalSeconds", "url"]);
    expect((await api("POST", `/api/v1/services/${SLUG}/checks`, editorToken, {})).body!.error.issues).toEqual([{ path: "url", message: "Required." }]);

    expect((await api("POST", `/api/v1/services/${SLUG}/checks`, viewerToken, { url: "https://api.example.com/health" })).status).toBe(403);
    const mine = (await api("POST", `/api/v1/services/${SLUG}/checks`, editorToken, { url: "https://mine.example.com/" })).body!.check;
    expect((await api("PATCH", `/api/v1/services/${SLUG}/checks/${mine.id}`, viewerToken, { enabled: false })).status).toBe(403);
    expect((await api("DELETE", `/api/v1/services/${SLUG}/checks/${mine.id}`, viewerToken)).status).toBe(403);

    // Another team with a service and a check: invisible to the platform team's tokens.
    await appSql(`INSERT INTO "Team" (id, slug, name) VALUES ('team_checks_other', 'checks-other', 'Checks other') ON CONFLICT DO NOTHING`);
    await appSql(`INSERT INTO "Service" (id, "teamId", slug, name, "updatedAt") VALUES ('svc_checks_other', 'team_checks_other', 'checks-other-svc', 'Other', now()) ON CONFLICT DO NOTHING`);
    await appSql(`INSERT INTO "HealthCheck" (id, "serviceId", url, "updatedAt") VALUES ('chk_other', 'svc_checks_other', 'https://other.example.com/', now()) ON CONFLICT DO NOTHING`);
    expect((await api("GET", "/api/v1/services/checks-other-svc/checks", editorToken)).status).toBe(404);
    expect((await api("POST", "/api/v1/services/checks-other-svc/checks", editorToken, { url: "https://x.example.com/" })).status).toBe(404);
    // Its check id through our own service's slug is not found either.
    expect((await api("GET", `/api/v1/services/${SLUG}/checks/chk_other`, editorToken)).status).toBe(404);
    expect((await api("PATCH", `/api/v1/services/${SLUG}/checks/chk_other`, editorToken, { enabled: false })).status).toBe(404);
    expect((await api("DELETE", `/api/v1/services/${SLUG}/checks/chk_other`, editorToken)).status).toBe(404);
    expect(await appSql(`SELECT enabled FROM "HealthCheck" WHERE id = 'chk_other'`)).toEqual([{ enabled: true }]);
  });

  it("is described in the OpenAPI document: url is the only required field", async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking the OpenAPI JSON
    const doc = (await (await fetch(`${baseUrl()}/api/v1/openapi.json`)).json()) as any;
    const create = doc.paths["/api/v1/services/{slug}/checks"].post.requestBody.content["application/json"].schema;
    expect(create.required).toEqual(["url"]);
    expect(Object.keys(create.properties)).toEqual(
      expect.arrayContaining(["url", "method", "expectedStatus", "timeoutMs", "intervalSeconds", "failuresBeforeDown", "successesBeforeUp", "headers", "bodyContains", "jsonPath", "jsonEquals", "latencyLimitMs"]),
    );
    expect(Object.keys(doc.paths["/api/v1/services/{slug}/checks/{id}"]).sort()).toEqual(["delete", "get", "parameters", "patch"]);
  });
});
