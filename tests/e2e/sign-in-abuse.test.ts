/**
 * Issue #12 (abuse findings): the sign-in limits (5 emails per address, per-IP per window) hold whatever
 * the body's encoding, however the address is written and whatever X-Forwarded-For the client sends; a
 * client-sent X-Forwarded-Host does not pass the same-origin check; the Session table holds no raw token.
 * Against the running app (the standalone server, reached directly: PREFLIGHT_PROXY_HOPS unset).
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { appSql, baseUrl, cookieHeader, loggedEmails, logLineCount, sessionFor, waitForLoggedLink } from "../helpers/app";

type Body = Record<string, string>;

/** One sign-in request as a client would send it: CSRF token and cookie first, then the email form. */
async function signInRequest(fields: Body, opts: { json?: boolean; headers?: Record<string, string> } = {}) {
  const csrfRes = await fetch(`${baseUrl()}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const cookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const body = { ...fields, csrfToken, callbackUrl: "/", json: "true" };
  return fetch(`${baseUrl()}/api/auth/signin/email`, {
    method: "POST",
    headers: {
      "content-type": opts.json ? "application/json" : "application/x-www-form-urlencoded",
      cookie,
      ...opts.headers,
    },
    body: opts.json ? JSON.stringify(body) : new URLSearchParams(body),
    redirect: "manual",
  });
}

/** A member of team platform that no other test signs in (a fresh per-email count). */
async function freshMember(label: string): Promise<string> {
  const email = `${label}-${randomBytes(4).toString("hex")}@example.com`;
  const [team] = await appSql<{ id: string }>(`SELECT id FROM "Team" WHERE slug = 'platform'`);
  const id = `u_${randomBytes(8).toString("hex")}`;
  await appSql(`INSERT INTO "User" (id, email) VALUES ($1, $2)`, [id, email]);
  await appSql(`INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, 'viewer')`, [`m_${id}`, team!.id, id]);
  return email;
}

const sentTo = (email: string, after: number) => loggedEmails("sign-in", after).filter((m) => m.to === email).length;

describe("sign-in rate limits cannot be bypassed", () => {
  it("a JSON body is limited like a form body: the sixth request for one address is refused with 429 and sends nothing", async () => {
    const email = await freshMember("json");
    const mark = logLineCount();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signInRequest({ email }, { json: true })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(email, mark)).toBe(5);
    // The refusal is logged as what it is, not as a next-auth error.
    const logged = readFileSync(inject("appLog"), "utf8").split("\n").slice(mark);
    expect(logged.filter((l) => l.includes("sign-in email refused"))).toHaveLength(1);
    expect(logged.filter((l) => l.includes("next-auth error"))).toEqual([]);
  });

  it("addresses next-auth sends to the same mailbox count as one (`a@b.c,1`, case, spaces): the sixth is refused and sends nothing", async () => {
    const email = await freshMember("variants");
    const [local, domain] = email.split("@") as [string, string];
    const variants = [`${email},1`, `${email},2`, ` ${email.toUpperCase()} `, `${local}@${domain},x`, `${email},3`, `${email},4`];
    const mark = logLineCount();
    const responses = [];
    for (const v of variants) responses.push(await signInRequest({ email: v }));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429]);
    // The refusal is the API's error shape, which the sign-in form shows, with Retry-After.
    const refused = responses[5]!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/^Too many attempts/) });
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(email, mark)).toBe(5);
    expect(loggedEmails("sign-in", mark).filter((m) => m.to !== email && m.to.includes(local))).toEqual([]);
  });

  it("a client-chosen X-Forwarded-For does not reset the per-IP count when no proxy is configured", async () => {
    // The test app allows 10,000 sign-ins per IP (tests/helpers/global-app.ts): start this client's
    // bucket 4 short of the limit, so the fifth request is over it whatever address it names.
    const PER_IP = 10_000;
    const peers = ["127.0.0.1", "::1"];
    for (const peer of peers) {
      await appSql(
        `INSERT INTO "RateLimitBucket" (key, count, "windowStart", "expiresAt") VALUES ($1, $2, now(), now() + interval '15 minutes')
         ON CONFLICT (key) DO UPDATE SET count = $2, "windowStart" = now(), "expiresAt" = now() + interval '15 minutes'`,
        [`signin:ip:${peer}`, PER_IP - 4],
      );
    }
    try {
      const email = await freshMember("rotated");
      const mark = logLineCount();
      const statuses: number[] = [];
      for (let i = 1; i <= 5; i++) {
        statuses.push((await signInRequest({ email }, { headers: { "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `198.51.100.${i}` } })).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
      await new Promise((r) => setTimeout(r, 300));
      expect(sentTo(email, mark)).toBe(4);
      expect(await appSql(`SELECT key FROM "RateLimitBucket" WHERE key LIKE 'signin:ip:198.51.100.%'`)).toEqual([]);
    } finally {
      await appSql(`DELETE FROM "RateLimitBucket" WHERE key = ANY($1)`, [peers.map((p) => `signin:ip:${p}`)]);
    }
  });

  it("the audit log records the connection's address, not a client-chosen X-Forwarded-For", async () => {
    const cookie = cookieHeader(await sessionFor("owner@example.com"));
    const name = `Audit IP ${randomBytes(3).toString("hex")}`;
    const res = await fetch(`${baseUrl()}/api/v1/services`, {
      method: "POST",
      headers: { cookie, origin: baseUrl(), "content-type": "application/json", "x-forwarded-for": "203.0.113.66", "x-real-ip": "203.0.113.66" },
      body: JSON.stringify({ name, team: "platform" }),
    });
    expect(res.status).toBe(201);
    const { slug } = ((await res.json()) as { service: { slug: string } }).service;
    try {
      const [row] = await appSql<{ ip: string | null }>(`SELECT ip FROM "AuditEvent" WHERE action = 'service.create' AND "targetId" = $1`, [slug]);
      expect(row?.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
    } finally {
      await fetch(`${baseUrl()}/api/v1/services/${slug}`, { method: "DELETE", headers: { cookie, origin: baseUrl() } });
    }
  });
});

describe("cookie-authenticated writes and session tokens", () => {
  it("a client-sent X-Forwarded-Host does not make a foreign Origin same-origin (no proxy configured): 403, nothing written", async () => {
    const cookie = cookieHeader(await sessionFor("owner@example.com"));
    const name = `Forwarded host ${randomBytes(3).toString("hex")}`;
    const res = await fetch(`${baseUrl()}/api/v1/services`, {
      method: "POST",
      headers: { cookie, origin: "http://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http", "content-type": "application/json" },
      body: JSON.stringify({ name, team: "platform" }),
    });
    expect(res.status).toBe(403);
    expect(await appSql(`SELECT id FROM "Service" WHERE name = $1`, [name])).toEqual([]);
  });

  it("a magic-link sign-in stores only the sha256 of the session token; the cookie holds the raw token, which works", async () => {
    const email = await freshMember("session");
    const mark = logLineCount();
    expect((await signInRequest({ email })).status).toBe(200);
    const link = await waitForLoggedLink("sign-in", email, mark - 1);
    const callback = await fetch(link, { redirect: "manual" });
    expect(callback.status).toBe(302);
    const setCookie = callback.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
    const raw = decodeURIComponent(setCookie!.split(";")[0]!.split("=")[1]!);
    expect(raw.length).toBeGreaterThan(20);
    const rows = await appSql<{ sessionToken: string }>(`SELECT s."sessionToken" FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1`, [email]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sessionToken).not.toBe(raw);
    expect(rows[0]!.sessionToken).toBe(createHash("sha256").update(raw).digest("hex"));
    // The raw cookie still signs in (pages and API), and next-auth's own session endpoint knows it.
    const session = (await (await fetch(`${baseUrl()}/api/auth/session`, { headers: { cookie: cookieHeader(raw) } })).json()) as { user?: { email?: string } };
    expect(session.user?.email).toBe(email);
    expect((await fetch(`${baseUrl()}/api/v1/services`, { headers: { cookie: cookieHeader(raw) } })).status).toBe(200);
    // Signing out deletes the row.
    const csrfRes = await fetch(`${baseUrl()}/api/auth/csrf`, { headers: { cookie: cookieHeader(raw) } });
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    await fetch(`${baseUrl()}/api/auth/signout`, {
      method: "POST",
      headers: { cookie: `${cookieHeader(raw)}; ${csrfCookie}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken }),
      redirect: "manual",
    });
    expect(await appSql(`SELECT s.id FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1`, [email])).toEqual([]);
  });
});
