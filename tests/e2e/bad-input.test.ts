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
