/**
 * A fresh install, as a new user meets it: no demo data (PREFLIGHT_DEMO_DATA=false), the admin's email in
 * PREFLIGHT_ADMIN_EMAILS. A second app instance on a database of its own (migrated by `npm run db:migrate`,
 * as the README says), from the build the shared test app uses. In Chromium: the admin signs in, creates
 * team "Payments", registers a service from the CryptoPulse guide, invites an editor, and the editor
 * (signing in through the invitation link) ticks a checklist item that stays ticked after a reload.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type pg from "pg";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findFreePort } from "../../lib/db/embedded";
import { launchBrowser } from "../helpers/browser";
import { waitForHttp } from "../helpers/global-app";
import { sqlOn } from "../helpers/app";
import { standaloneServer } from "../../scripts/lib/standalone";
import { dropDatabase, freshDatabase } from "../helpers/test-cluster";

const run = promisify(execFile);
const DB = `preflight_fresh_${randomBytes(4).toString("hex")}`;
const ADMIN = "admin@example.com";
const EDITOR = "new.editor@example.org";
const appLog = path.join(process.cwd(), ".data", "e2e-fresh-app.log");

let server: ChildProcess | undefined;
let base = "";
let dbUrl = "";
const browsers: BrowserContext[] = [];

const sql = <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => sqlOn<T>(dbUrl, text, params);

const logLines = () => readFileSync(appLog, "utf8").split("\n");

/** The newest link of a kind the app logged for `to` (SMTP_URL unset) after line `after`. */
async function loggedLink(kind: "sign-in" | "invitation", to: string, after: number): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    for (const line of logLines().slice(after).reverse()) {
      if (!line.startsWith("{")) continue;
      const entry = JSON.parse(line) as { emailKind?: string; to?: string; url?: string };
      if (entry.emailKind === kind && entry.to === to && entry.url) return entry.url;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no ${kind} link for ${to} in ${appLog}`);
}

beforeAll(async () => {
  dbUrl = await freshDatabase(inject("adminUrl"), DB);
  await run("npm", ["run", "-s", "db:migrate"], { env: { ...process.env, DATABASE_URL: dbUrl } });

  const port = await findFreePort();
  base = `http://localhost:${port}`;
  mkdirSync(path.dirname(appLog), { recursive: true });
  const fd = openSync(appLog, "w");
  server = spawn(process.execPath, [standaloneServer()], {
    stdio: ["ignore", fd, fd],
    env: {
      ...process.env,
      HOSTNAME: "0.0.0.0",
      NODE_ENV: "production",
      DATABASE_URL: dbUrl,
      PORT: String(port),
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: randomBytes(48).toString("base64url"),
      CRON_SECRET: randomBytes(24).toString("base64url"),
      PREFLIGHT_ADMIN_EMAILS: ADMIN,
      PREFLIGHT_DEMO_DATA: "false",
      PROBES_IN_PROCESS: "false",
      LOG_LEVEL: "info",
      RATE_LIMIT_SIGNIN_PER_IP: "10000",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  await waitForHttp(`${base}/api/health`, 60_000, server).catch((err: Error) => {
    throw new Error(`${err.message}\n${readFileSync(appLog, "utf8").slice(-3000)}`);
  });
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
  }
  await dropDatabase(inject("adminUrl"), DB).catch(() => undefined);
});

describe("a fresh install without demo data (Chromium)", () => {
  it("the admin starts a team from the empty board; an invited editor ticks an item that stays ticked", async () => {
    expect(await sql(`SELECT slug FROM "Team"`)).toEqual([]);
    const adminCtx = await launchBrowser();
    browsers.push(adminCtx);
    const page = await adminCtx.newPage();

    // Sign in by the logged magic link.
    await page.goto(`${base}/signin`);
    let mark = logLines().length - 1;
    await page.getByLabel("Email address").fill(ADMIN);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.waitForURL(/\/signin\/check-email/);
    await page.goto(await loggedLink("sign-in", ADMIN, mark));
    await page.getByRole("heading", { name: "You are not in a team yet" }).waitFor();
    await page.getByText("admin", { exact: true }).waitFor();

    // New team from the empty board.
    await page.getByRole("link", { name: "New team" }).click();
    await page.waitForURL(`${base}/teams/new`);
    await page.getByLabel("Name").fill("Payments");
    await page.getByRole("button", { name: "Create team" }).click();
    await page.waitForURL(`${base}/teams/payments`);
    await page.getByRole("heading", { name: "Team Payments" }).waitFor();
    expect(await page.getByText("Your role: owner").count()).toBe(1);

    // A service from the CryptoPulse guide template.
    await page.goto(`${base}/services/new`);
    await page.getByLabel("Name").fill("Price feed");
    await page.getByRole("checkbox", { name: /CryptoPulse production deployment/ }).check();
    await page.getByRole("button", { name: "Create service" }).click();
    await page.waitForURL(`${base}/services/price-feed`);
    await page.getByRole("heading", { name: "Price feed", level: 1 }).waitFor();

    // Invite an editor.
    await page.goto(`${base}/teams/payments`);
    mark = logLines().length - 1;
    await page.getByLabel("Email").fill(EDITOR);
    await page.getByLabel("Role", { exact: true }).selectOption("editor");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByText(`Invitation sent to ${EDITOR} as editor.`).waitFor();
    const invite = await loggedLink("invitation", EDITOR, mark);

    // The editor joins through the link, in a browser of their own, and ticks an item.
    const editorCtx = await launchBrowser();
    browsers.push(editorCtx);
    const guest = await editorCtx.newPage();
    await guest.goto(invite);
    await guest.getByRole("button", { name: `Accept and sign in as ${EDITOR}` }).click();
    await guest.waitForURL(/\/\?team=payments/);
    await guest.goto(`${base}/services/price-feed`);
    const [item] = await sql<{ key: string; title: string }>(
      // An item stands for its template items through its sources (decision 0022): with the baseline ticked
      // too, CryptoPulse's items merge into the baseline's wording.
      `SELECT i.key, i.title FROM "ServiceChecklistItem" i JOIN "ServiceItemSource" src ON src."itemId" = i.id
       JOIN "TemplateItem" ti ON ti.id = src."templateItemId"
       JOIN "ChecklistTemplate" t ON t.id = ti."templateId" JOIN "Service" s ON s.id = i."serviceId"
       WHERE s.slug = 'price-feed' AND t.key = 'cryptopulse' AND i.state = 'open' AND i."autoCheck" IS NULL AND i."archivedAt" IS NULL
       ORDER BY i.position LIMIT 1`,
    );
    expect(item).toBeDefined();
    const box = guest.getByRole("checkbox", { name: item!.title, exact: true });
    const saved = guest.waitForResponse((r) => r.url().includes("/checklist/") && r.request().method() === "PATCH");
    await box.check();
    expect((await saved).status()).toBe(200);
    await guest.reload();
    expect(await guest.getByRole("checkbox", { name: item!.title, exact: true }).isChecked()).toBe(true);

    const audit = await sql<{ action: string; actorEmail: string }>(`SELECT action, "actorEmail" FROM "AuditEvent" ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["team.create", "service.create", "invitation.create", "invitation.accept", "checklist.update"]));
    expect(audit.find((a) => a.action === "team.create")?.actorEmail).toBe(ADMIN);
  });
});
