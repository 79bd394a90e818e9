/**
 * `next dev` opened at http://127.0.0.1:PORT, where NEXTAUTH_URL points (issue #13): Next serves its dev
 * resources there (next.config.js's allowedDevOrigins), so the page hydrates, the sign-in button works
 * and a checklist untick is saved. One dev server on the e2e database (already migrated and seeded), in a
 * build folder of its own (.next-dev-host, listed in tsconfig.json so `next dev` leaves that file alone),
 * stopped after the file. Sharing the launcher tests' folder, which holds their production build, made
 * Turbopack answer every HMR subscription of the app's chunk list with "restart" after a full e2e run:
 * the page reloaded on every load and never hydrated.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findFreePort } from "@/lib/db/embedded";
import { appSql } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";
import { waitForHttp } from "../helpers/global-app";

let dev: ChildProcess | undefined;
let output = "";
let origin = "";
let browser: BrowserContext | undefined;

beforeAll(async () => {
  const port = await findFreePort();
  origin = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _db, NEXTAUTH_URL: _url, NODE_ENV: _node, ...inherited } = process.env;
  const env = {
    ...inherited,
    NODE_ENV: "development",
    DATABASE_URL: inject("appDbUrl"),
    PORT: String(port),
    NEXTAUTH_URL: origin,
    NEXTAUTH_SECRET: randomBytes(48).toString("base64url"),
    CRON_SECRET: randomBytes(24).toString("base64url"),
    LOG_LEVEL: "info",
    PROBES_IN_PROCESS: "false",
    RATE_LIMIT_SIGNIN_PER_EMAIL: "1000",
    RATE_LIMIT_SIGNIN_PER_IP: "10000",
    PREFLIGHT_NEXT_DIST_DIR: ".next-dev-host",
    NEXT_TELEMETRY_DISABLED: "1",
  } as unknown as NodeJS.ProcessEnv;
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  dev = spawn(process.execPath, [nextBin, "dev", "-p", String(port)], { env, stdio: ["ignore", "pipe", "pipe"] });
  dev.stdout!.on("data", (d) => (output += d));
  dev.stderr!.on("data", (d) => (output += d));
  await waitForHttp(`${origin}/api/health`, 180_000, dev).catch((err: Error) => {
    throw new Error(`${err.message}\n${output.slice(-3000)}`);
  });
  // Compile the pages the test opens before a browser loads any of them: `next dev` compiles a route on
  // its first request, and a compile finishing while a page hydrates can make the dev client reload it
  // (seen on a loaded 2-core CI machine as a sign-in page that reloaded for two minutes, never hydrated).
  // The browser still needs /_next/ from this origin to hydrate, which is what the test is about.
  for (const route of ["/signin", "/signin/check-email", "/", "/services/cryptopulse"]) {
    await fetch(`${origin}${route}`, { redirect: "manual" }).catch(() => undefined);
  }
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (dev && dev.exitCode === null) {
    const exited = new Promise((r) => dev!.once("exit", r));
    dev.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (dev.exitCode === null) dev.kill("SIGKILL");
  }
});

/** The newest sign-in link the dev server logged for `to` (SMTP_URL unset: emails are logged). */
async function loggedSignInLink(to: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const line of output.split("\n").reverse()) {
      if (!line.startsWith("{")) continue;
      try {
        const e = JSON.parse(line) as { emailKind?: string; to?: string; url?: string };
        if (e.emailKind === "sign-in" && e.to === to && e.url) return e.url;
      } catch {}
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no sign-in link for ${to} in the dev server's log:\n${output.slice(-3000)}`);
}

/** The status with which the dev server answers a WebSocket upgrade of /_next/hmr sent from `from`. */
function hmrUpgradeStatus(from: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${from}/_next/hmr?id=dev-host-test`, {
      headers: {
        Connection: "Upgrade",
        Upgrade: "websocket",
        Origin: from,
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": randomBytes(16).toString("base64"),
      },
      timeout: 60_000,
    });
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("timeout", () => req.destroy(new Error("no answer to the HMR upgrade")));
    req.on("error", reject);
    req.end();
  });
}

describe("npm run dev at http://127.0.0.1:PORT", () => {
  it("signs in by email, unticks an item, and the untick is still there after a reload", { timeout: 300_000 }, async () => {
    const [item] = await appSql<{ id: string; title: string }>(
      `SELECT i.id, i.title FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId"
       WHERE s.slug = 'cryptopulse' AND i.state = 'done' ORDER BY i.title LIMIT 1`,
    );
    expect(item).toBeDefined();
    expect(await hmrUpgradeStatus(origin)).toBe(101);
    const page = await browser!.newPage();
    // What the page went through, for the failure message: reloads and the dev client's console.
    const pageEvents: string[] = [];
    page.on("console", (m) => pageEvents.push(`console.${m.type()}: ${m.text().slice(0, 200)}`));
    // Next's dev server tells a page to reload ("reloadPage", e.g. "HMR hash mismatch") or to refetch its
    // server components when a compile lands between the page's render and its HMR subscription. Under a
    // full e2e run that happened on every load for two minutes, in about one CI run in two, so the sign-in
    // page never hydrated. Live reloading is dev tooling, not what this test is about: those messages are
    // dropped (and listed in a failure message); every other HMR message passes, since the dev client
    // needs them to load the page's chunks. That the dev server accepts the HMR socket from this origin is
    // checked on its own above (`hmrUpgradeStatus`).
    await page.routeWebSocket(/\/_next\/(webpack-)?hmr/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        const type = typeof message === "string" ? /^\{"type":"([^"]+)"/.exec(message)?.[1] : undefined;
        if (type === "reloadPage" || type === "serverComponentChanges") {
          pageEvents.push(`dropped: ${message.slice(0, 200)}`);
          return;
        }
        if (type && type !== "ping") pageEvents.push(`hmr: ${type}`);
        ws.send(message);
      });
    });
    page.on("pageerror", (e) => pageEvents.push(`page error: ${e.message.slice(0, 300)}`));
    page.on("framenavigated", (f) => {
      if (f === page.mainFrame()) pageEvents.push(`navigated: ${f.url()}`);
    });
    try {
      await page.goto(`${origin}/signin`);
      await page.getByLabel("Email address").fill("editor@example.com");
      // Disabled until hydrated: the click waits for it, which only happens if /_next/ is served here.
      await page.getByRole("button", { name: "Email me a sign-in link" }).click({ timeout: 120_000 });
      await page.waitForURL(/\/signin\/check-email/, { timeout: 60_000 });
      expect(new URL(page.url()).origin).toBe(origin);
      const link = await loggedSignInLink("editor@example.com");
      expect(new URL(link).origin).toBe(origin);
      await page.goto(link);
      await page.getByRole("heading", { name: "Readiness board" }).waitFor({ timeout: 120_000 });

      await page.goto(`${origin}/services/cryptopulse`);
      const box = page.getByRole("checkbox", { name: item!.title, exact: true });
      await box.waitFor({ timeout: 120_000 });
      expect(await box.isChecked()).toBe(true);
      const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/checklist/"), { timeout: 60_000 });
      await box.uncheck({ timeout: 60_000 }); // waits for the box to be enabled, i.e. hydrated
      expect((await saved).status()).toBe(200);

      await page.reload();
      await box.waitFor({ timeout: 120_000 });
      expect(await box.isChecked()).toBe(false);
      expect(output).not.toContain("Blocked cross-origin request");
      const [row] = await appSql<{ state: string }>(`SELECT state FROM "ServiceChecklistItem" WHERE id = $1`, [item!.id]);
      expect(row!.state).toBe("open");
    } catch (err) {
      const events = pageEvents.slice(-60).join("\n");
      throw new Error(`${(err as Error).message}\n--- page events:\n${events}\n--- dev server:\n${output.slice(-3000)}`);
    } finally {
      await page.close();
      await appSql(`UPDATE "ServiceChecklistItem" SET state = 'done' WHERE id = $1`, [item!.id]);
    }
  });
});
