/**
 * Bad input over HTTP gets a clear 4xx in the one error shape, never a 500: characters the database cannot
 * store, numbers beyond its types, oversized bodies and fields; and the sign-in callback never leaves the site.
 */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { appSql, baseUrl, cookieHeader, insertToken, sessionFor } from "../helpers/app";

let owner: Record<string, string> = {};

beforeAll(async () => {
  owner = { authorization: `Bearer ${(await insertToken({ teamSlug: "platform", email: "owner@example.com", role: "owner" })).secret}` };
});

async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const res = await fetch(`${baseUrl()}${path}`, { method, redirect: "manual", headers: { ...owner, ...init.headers }, body: init.body });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) as { error: { code: string; message: string; issues?: { path: string }[] } } };
}

describe("input the database cannot take", () => {
  it("a NUL in a URL segment or a query is a 400, not a 500", async () => {
    for (const path of ["/api/v1/services/a%00b", "/api/v1/services/a%00b/checks", "/api/v1/teams/platform/audit?action=a%00"]) {
      const r = await call("GET", path);
      expect(r.status, path).toBe(400);
      expect(r.json().error.code).toBe("bad_request");
    }
  });

  it("a NUL in a JSON field is a 422 naming the field, and nothing is created", async () => {
    const before = await appSql<{ n: string }>(`SELECT count(*)::text AS n FROM "Service"`);
    const r = await call("POST", "/api/v1/services", { headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Nul\u0000name", team: "platform" }) });
    expect(r.status).toBe(422);
    expect(r.json().error.issues?.map((i) => i.path)).toEqual(["name"]);
    expect(await appSql(`SELECT count(*)::text AS n FROM "Service"`)).toEqual(before);
  });

  it("an audit cursor beyond the id type is a 400", async () => {
    const r = await call("GET", "/api/v1/teams/platform/audit?before=99999999999999999999999");
    expect(r.status).toBe(400);
    expect(r.json().error.code).toBe("bad_request");
  });

  it("a body over 1 MB is refused with 400 before it is read whole", async () => {
    const r = await call("POST", "/api/v1/services", { headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "x".repeat(2_000_000), team: "platform" }) });
    expect(r.status).toBe(400);
    expect(r.json().error.message).toBe("The request body is too large.");
  });

  it("an 8 KB 'email' posted to the sign-in form (no session) is counted by the rate limit, not a 500", async () => {
    const res = await fetch(`${baseUrl()}/api/auth/signin/email`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      // Random, so PostgreSQL cannot compress it under its index limit.
      body: new URLSearchParams({ email: `${randomBytes(4000).toString("hex")}@example.com`, csrfToken: "x" }),
    });
    expect(res.status).toBeLessThan(500);
  });
});

describe("the sign-in callback", () => {
  it.each(["/%09/evil.example/", "/%0A/evil.example/", "//evil.example/", "/%5Cevil.example/", "https://evil.example/"])(
    "callbackUrl=%s sends a signed-in visitor to a page of Preflight",
    async (callback) => {
      const res = await fetch(`${baseUrl()}/signin?callbackUrl=${callback}`, { redirect: "manual", headers: { cookie: cookieHeader(await sessionFor("viewer@example.com")) } });
      expect(res.status).toBeGreaterThanOrEqual(300);
      expect(res.status).toBeLessThan(400);
      const location = res.headers.get("location") ?? "";
      expect(new URL(location, baseUrl()).origin).toBe(new URL(baseUrl()).origin);
      // Browsers drop tabs and line breaks and read "\" as "/" before resolving: the result must stay here too.
      expect(new URL(location.replace(/[\t\n\r]/g, "").replace(/\\/g, "/"), baseUrl()).origin).toBe(new URL(baseUrl()).origin);
    },
  );
});

type ErrorBody = { error: { code: string; message: string } };

/** The secure headers of next.config.js, which every answer carries. */
function expectSecureHeaders(res: Response, what: string) {
  expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(res.headers.get("content-security-policy"), what).toContain("default-src 'self'");
  expect(res.headers.get("x-frame-options"), what).toBe("DENY");
}

async function expectErrorShape(res: Response, status: number, code: string, what: string) {
  expect(res.status, what).toBe(status);
  expect(res.headers.get("content-type"), what).toMatch(/^application\/json/);
  expect(((await res.json()) as ErrorBody).error.code, what).toBe(code);
  expectSecureHeaders(res, what);
}

describe("percent-escapes that are not UTF-8 in a path", () => {
  it.each(["/api/v1/services/%ff%fe", "/api/v1/services/%C0%AF", "/api/v1/services/%ED%A0%80/checks", "/api/v1/teams/%ff/audit"])(
    "%s answers 400 bad_request in the error shape, not a bare 500",
    async (path) => {
      const res = await fetch(`${baseUrl()}${path}`, { headers: owner, redirect: "manual" });
      await expectErrorShape(res, 400, "bad_request", path);
    },
  );

  it.each(["/services/%ff%fe", "/services/%C0%AF/recovery", "/teams/%ff"])("page %s answers the 404 page with the usual headers", async (path) => {
    const res = await fetch(`${baseUrl()}${path}`, { headers: { cookie: cookieHeader(await sessionFor("viewer@example.com")) }, redirect: "manual" });
    expect(res.status, path).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain("Not found");
    expectSecureHeaders(res, path);
  });
});

describe("a sign-in request whose JSON body does not parse", () => {
  const variants: [string, BodyInit | undefined][] = [
    ["truncated JSON", '{"email":"owner@example.com"'],
    ["an array", "[]"],
    ["a string", '"x"'],
    ["null", "null"],
    ["bytes that are not UTF-8", new Uint8Array([0x7b, 0x22, 0x65, 0xff, 0xfe, 0x22, 0x7d])],
    ["no body", undefined],
  ];
  it.each(variants)("%s answers 400 in the error shape, not an empty 500", async (what, body) => {
    const res = await fetch(`${baseUrl()}/api/auth/signin/email`, { method: "POST", headers: { "content-type": "application/json" }, body, redirect: "manual" });
    await expectErrorShape(res, 400, "bad_request", what);
  });
});

describe("paths and methods the API does not have", () => {
  it.each(["/api/v1/nope", "/api/nope", "/api/v1/services/payments-api/nope/deeper", "/api/v1"])("GET %s answers 404 not_found as JSON", async (path) => {
    await expectErrorShape(await fetch(`${baseUrl()}${path}`, { headers: owner }), 404, "not_found", path);
  });

  it.each([
    ["DELETE", "/api/v1/services", "GET, POST, HEAD, OPTIONS"],
    ["POST", "/api/v1/services/payments-api/readiness", "GET, HEAD, OPTIONS"],
    ["PUT", "/api/v1/services/payments-api", "DELETE, GET, PATCH, HEAD, OPTIONS"],
    ["PATCH", "/api/health", "GET, HEAD, OPTIONS"],
  ])("%s %s answers 405 method_not_allowed with Allow", async (method, path, allow) => {
    const res = await fetch(`${baseUrl()}${path}`, { method, headers: owner });
    expect(res.headers.get("allow")).toBe(allow);
    await expectErrorShape(res, 405, "method_not_allowed", `${method} ${path}`);
  });
});

describe("an API write whose body is not JSON", () => {
  it.each([
    ["text/plain", "name=x"],
    ["application/x-www-form-urlencoded", "name=x&team=platform"],
    ["multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--x--\r\n"],
  ])("POST with %s answers 415 unsupported_media_type", async (type, body) => {
    const res = await fetch(`${baseUrl()}/api/v1/services`, { method: "POST", headers: { ...owner, "content-type": type }, body });
    await expectErrorShape(res, 415, "unsupported_media_type", type);
  });

  it("JSON types with parameters or a +json suffix pass; pings, sign-in forms and template files keep their bodies", async () => {
    for (const type of ["application/json; charset=utf-8", "application/merge-patch+json"]) {
      const r = await call("POST", "/api/v1/services", { headers: { "content-type": type }, body: "{}" });
      expect(r.status, type).toBe(422);
    }
    const ping = await fetch(`${baseUrl()}/api/ping/pf_nosuchtoken`, { method: "POST", headers: { "content-type": "text/plain" }, body: "backup done" });
    expect(ping.status).not.toBe(415);
    const template = await call("POST", "/api/v1/templates", { headers: { "content-type": "application/yaml" }, body: "key: [" });
    expect(template.status).not.toBe(415);
    expect(template.status).toBeLessThan(500);
  });
});

describe("a server action posted from another site", () => {
  // Next checks the Origin before it looks the action up, so any id shows the refusal.
  const actionId = "7f".repeat(21);
  it.each([
    ["a fetch action (Next-Action header)", { "next-action": actionId }],
    ["a form posted without JavaScript (multipart)", {}],
  ])("%s answers 403, not 500", async (_what, headers: Record<string, string>) => {
    const cookie = cookieHeader(await sessionFor("owner@example.com"));
    const form = new FormData();
    form.set(`$ACTION_ID_${actionId}`, "");
    form.set("name", "Posted from elsewhere");
    const res = await fetch(`${baseUrl()}/services/new`, { method: "POST", headers: { cookie, origin: "https://evil.example", ...headers }, body: form, redirect: "manual" });
    expect(res.status).toBe(403);
    expectSecureHeaders(res, "server action");
  });
});
