/**
 * Sign-in through the logged magic link, inviting a reviewer, accepting in a fresh browser, and the
 * link refused on second use — all in Chromium against the running app.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { launchBrowser } from "../helpers/browser";
import { readFileSync } from "node:fs";
import { appSql, baseUrl, loggedEmails, logLineCount, waitForLoggedLink } from "../helpers/app";

let owner: BrowserContext;
let invitee: BrowserContext;

beforeAll(async () => {
  owner = await launchBrowser();
  invitee = await launchBrowser();
});
afterAll(async () => {
  await owner?.close();
  await invitee?.close();
});

describe("sign-in and invitations (Chromium)", () => {
  it("owner signs in by magic link, invites a reviewer who joins from the link once", async () => {
    const page = await owner.newPage();
    // A visitor without a session is sent to sign-in, and comes back after.
    await page.goto(`${baseUrl()}/teams/platform`);
    expect(new URL(page.url()).pathname).toBe("/signin");
    const mark = logLineCount();
    await page.getByLabel("Email address").fill("owner@example.com");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.waitForURL(/\/signin\/check-email/);
    const link = await waitForLoggedLink("sign-in", "owner@example.com", mark - 1);
    await page.goto(link);
    await page.waitForURL(`${baseUrl()}/teams/platform`);
    await page.getByRole("heading", { name: "Team Platform" }).waitFor();

    // Invite the reviewer.
    const inviteMark = logLineCount();
    await page.getByLabel("Email").fill("new.reviewer@example.org");
    await page.getByLabel("Role", { exact: true }).selectOption("reviewer");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByText("Invitation sent to new.reviewer@example.org as reviewer.").waitFor();
    expect(await page.getByText("new.reviewer@example.org").count()).toBeGreaterThan(0);
    const inviteUrl = await waitForLoggedLink("invitation", "new.reviewer@example.org", inviteMark - 1);

    // The raw token is nowhere in the database; only its hash is.
    const token = inviteUrl.split("/invite/")[1]!;
    const rows = await appSql<{ tokenHash: string }>(`SELECT "tokenHash" FROM "Invitation" WHERE email = 'new.reviewer@example.org'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toContain(token);
    const dump = await appSql<{ hit: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM "Invitation" i WHERE i::text LIKE '%' || $1 || '%') OR
              EXISTS (SELECT 1 FROM "AuditEvent" a WHERE a::text LIKE '%' || $1 || '%') AS hit`,
      [token],
    );
    expect(dump[0]!.hit).toBe(false);

    // A fresh browser opens the link, accepts, and is a signed-in reviewer on the board.
    const guest = await invitee.newPage();
    await guest.goto(inviteUrl);
    await guest.getByRole("heading", { name: "Join Platform on Preflight" }).waitFor();
    await guest.getByRole("button", { name: "Accept and sign in as new.reviewer@example.org" }).click();
    await guest.waitForURL(/\/\?team=platform/);
    await guest.getByRole("heading", { name: "Readiness board" }).waitFor();
    expect(await guest.getByText("new.reviewer@example.org").count()).toBeGreaterThan(0);
    await guest.getByRole("link", { name: "CryptoPulse", exact: true }).click();
    await guest.waitForURL(/\/services\/cryptopulse/);
    await guest.getByRole("heading", { name: "CryptoPulse", level: 1 }).waitFor();
    // A reviewer ticks nothing: no enabled checkbox anywhere on the checklist.
    await guest.getByRole("checkbox").first().waitFor();
    expect(await guest.getByRole("checkbox").count()).toBeGreaterThan(10);
    expect(await guest.locator("input[type=checkbox]:not([disabled])").count()).toBe(0);

    // The same link again is refused, in any browser.
    await guest.goto(inviteUrl);
    await guest.getByRole("heading", { name: "This invitation was already used" }).waitFor();
    const again = await owner.newPage();
    await again.goto(inviteUrl);
    await again.getByRole("heading", { name: "This invitation was already used" }).waitFor();

    const audit = await appSql<{ action: string }>(`SELECT action FROM "AuditEvent" WHERE action LIKE 'invitation.%'
       AND "targetId" IN (SELECT id FROM "Invitation" WHERE email = 'new.reviewer@example.org') ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(["invitation.create", "invitation.accept"]);
  });

  it("answers a stranger exactly as a member (the same page and redirect), sends the stranger nothing and logs the refusal", async () => {
    const answerFor = async (email: string) => {
      const page = await invitee.newPage();
      await page.context().clearCookies();
      await page.goto(`${baseUrl()}/signin`);
      await page.getByLabel("Email address").fill(email);
      await page.getByRole("button", { name: "Email me a sign-in link" }).click();
      await page.waitForURL(/\/signin\/check-email/);
      await page.getByRole("heading", { name: "Check your email" }).waitFor();
      const answer = { url: page.url(), text: await page.locator("main").innerText() };
      await page.close();
      return answer;
    };
    // Members other than the viewer: the per-email limit test below counts the viewer's attempts.
    const mark = logLineCount();
    const member = await answerFor("reviewer@example.com");
    const stranger = await answerFor("stranger@example.net");
    expect(stranger).toEqual(member);
    expect(member.text).toContain("If this address may use Preflight");

    // The JSON answer a script gets is the same too (next-auth's redirect to the check-email page).
    const jsonAnswer = async (email: string) => {
      const csrf = await fetch(`${baseUrl()}/api/auth/csrf`);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const res = await fetch(`${baseUrl()}/api/auth/signin/email`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie },
        body: new URLSearchParams({ email, csrfToken, callbackUrl: baseUrl(), json: "true" }),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    expect(await jsonAnswer("stranger2@example.net")).toEqual(await jsonAnswer("editor@example.com"));

    // The member got a link; no stranger did; the operator can see why.
    await waitForLoggedLink("sign-in", "reviewer@example.com", mark - 1);
    const sent = loggedEmails("sign-in", mark - 1).map((e) => e.to);
    expect(sent).not.toContain("stranger@example.net");
    expect(sent).not.toContain("stranger2@example.net");
    const refusals = readFileSync(inject("appLog"), "utf8")
      .split("\n")
      .slice(mark - 1)
      .filter((line) => line.includes('"sign-in.refused"'))
      .map((line) => (JSON.parse(line) as { to: string }).to);
    expect(refusals.sort()).toEqual(["stranger2@example.net", "stranger@example.net"]);
  });

  it("an address next-auth refuses (the browser lets 'a@b' through) gets a message beside what was typed, not an empty form", async () => {
    const page = await invitee.newPage();
    await page.context().clearCookies();
    await page.goto(`${baseUrl()}/signin`);
    await page.getByLabel("Email address").fill("a@b");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.getByRole("alert").filter({ hasText: "Could not send a sign-in link to this address. Check the email address and try again." }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/signin");
    expect(await page.getByLabel("Email address").inputValue()).toBe("a@b");
    // Arriving with next-auth's ?error= (no JavaScript, another sign-in method) says so too.
    await page.goto(`${baseUrl()}/signin?error=EmailSignin`);
    await page.getByRole("alert").filter({ hasText: "Could not send a sign-in link to this address." }).waitFor();
    await page.close();
  });

  it("the sign-in endpoint answers 429 with Retry-After after the configured attempts per email", async () => {
    const attempt = async () => {
      const csrfRes = await fetch(`${baseUrl()}/api/auth/csrf`);
      const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
      const cookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      return fetch(`${baseUrl()}/api/auth/signin/email`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie },
        body: new URLSearchParams({ email: "viewer@example.com", csrfToken, callbackUrl: "/", json: "true" }),
        redirect: "manual",
      });
    };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    const blocked = await attempt();
    expect(statuses[5]).toBe(429);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
  });
});
