/** Helpers for tests that drive the running app (e2e project). */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { launchBrowser } from "./browser";
import type { BrowserContext } from "playwright-core";

export const baseUrl = () => inject("baseUrl");

/** One statement on the database at `url`, on a connection of its own (tests that run an app on another database). */
export async function sqlOn<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}

export async function appSql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return sqlOn<T>(inject("appDbUrl"), text, params);
}

/**
 * When the test app's demo data was seeded (ms): its synthetic history (one probe a minute per check, an
 * hour of pushed samples) ends there, and tests read it minutes later, at any time of day. Assert on what
 * lies before and after this moment rather than on how much of a range has data.
 */
export async function demoSeededAt(): Promise<number> {
  const [row] = await appSql<{ value: string }>(`SELECT value FROM "AppSetting" WHERE key = 'demo.seededAt'`);
  return Date.parse(row!.value);
}

/** A database session for a user, as next-auth would create after sign-in (the hash stored, the token returned). */
export async function sessionFor(email: string, opts: { expired?: boolean } = {}): Promise<string> {
  const [user] = await appSql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  if (!user) throw new Error(`no user ${email}`);
  const token = randomBytes(24).toString("hex");
  const expires = new Date(Date.now() + (opts.expired ? -60_000 : 3_600_000));
  // The app stores only the token's sha256 (lib/auth/session-adapter.ts); the cookie carries the token.
  await appSql(`INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $2, $3, $4)`, [
    `s_${token.slice(0, 12)}`,
    createHash("sha256").update(token).digest("hex"),
    user.id,
    expires,
  ]);
  return token;
}

export function cookieHeader(sessionToken: string) {
  return `next-auth.session-token=${sessionToken}`;
}

export async function signInBrowser(ctx: BrowserContext, email: string) {
  await ctx.addCookies([{ name: "next-auth.session-token", value: await sessionFor(email), url: baseUrl(), httpOnly: true, sameSite: "Lax" }]);
}

/** The newest logged link of a kind for an email (the app logs them when SMTP_URL is unset). */
export async function waitForLoggedLink(kind: "sign-in" | "invitation" | "review", to: string, after = 0, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const lines = readFileSync(inject("appLog"), "utf8").split("\n").slice(after);
    for (const line of lines.reverse()) {
      if (!line.startsWith("{")) continue;
      try {
        const entry = JSON.parse(line) as { emailKind?: string; to?: string; url?: string };
        if (entry.emailKind === kind && entry.to === to && entry.url) return entry.url;
      } catch {}
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no ${kind} link for ${to} in the app log`);
}

/** The emails of one kind the app logged (SMTP_URL unset) after log line `after`. */
export function loggedEmails(kind: "sign-in" | "invitation" | "review", after: number): { to: string; subject: string; url: string }[] {
  return readFileSync(inject("appLog"), "utf8")
    .split("\n")
    .slice(after)
    .filter((line) => line.startsWith("{"))
    .map((line) => {
      try {
        return JSON.parse(line) as { emailKind?: string; to: string; subject: string; url: string };
      } catch {
        return null;
      }
    })
    .filter((e) => e?.emailKind === kind)
    .map((e) => ({ to: e!.to, subject: e!.subject, url: e!.url }));
}

/** The complete lines of the app log so far: pass it as `after` to read only what comes next. */
export function logLineCount(): number {
  const text = readFileSync(inject("appLog"), "utf8");
  return text.split("\n").length - (text.endsWith("\n") || text === "" ? 1 : 0);
}

/** An API token inserted straight into the database (hash only, as the app stores it). */
export async function insertToken(opts: { teamSlug?: string; teamId?: string; email: string; role: string; revoked?: boolean }) {
  const secret = `pf_${randomBytes(32).toString("base64url")}`;
  const [team] = opts.teamId ? [{ id: opts.teamId }] : await appSql<{ id: string }>(`SELECT id FROM "Team" WHERE slug = $1`, [opts.teamSlug]);
  const [user] = await appSql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [opts.email]);
  const [row] = await appSql<{ id: string }>(
    `INSERT INTO "ApiToken" (id, "teamId", "userId", name, role, "tokenHash", prefix, "revokedAt")
     VALUES ($1, $2, $3, 'fixture', $4::"Role", $5, $6, $7) RETURNING id`,
    [`tok_${randomBytes(6).toString("hex")}`, team!.id, user!.id, opts.role, createHash("sha256").update(secret).digest("hex"), secret.slice(0, 9), opts.revoked ? new Date() : null],
  );
  return { id: row!.id, secret };
}

/** A Chromium context signed in as `email` for the whole test file (opened before, closed after). */
export function signedInBrowser(email: string): () => BrowserContext {
  let ctx: BrowserContext | undefined;
  beforeAll(async () => {
    ctx = await launchBrowser();
    await signInBrowser(ctx, email);
  });
  afterAll(async () => {
    await ctx?.close();
  });
  return () => ctx!;
}

/** A JSON call to the app under test with an API token; the body is null when the answer is not JSON. */
export async function apiCall(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, any> | null };
}
