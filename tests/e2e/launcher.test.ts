/**
 * `npm run dev` as a user runs it, on a data folder of its own: first start with demo data, restart
 * keeps data, /api/ready follows the database, SIGKILL of the launcher, Ctrl-C, a stale lock and a
 * taken port. The launcher is started exactly as package.json does (node --import tsx scripts/launch.ts).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { inject } from "vitest";
import { findFreePort, startEmbeddedPostgres } from "@/lib/db/embedded";
import { recreateDatabase } from "../helpers/test-cluster";

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(os.tmpdir(), "preflight-launch-"));
const pgDir = path.join(dataDir, "postgres");
const children: ChildProcess[] = [];

interface Launch {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function launch(port: number, extra: Record<string, string> = {}, dir = dataDir): Launch {
  // As on a fresh machine: no DATABASE_URL, no NEXTAUTH_URL.
  const { DATABASE_URL: _db, NEXTAUTH_URL: _url, NODE_ENV: _node, ...inherited } = process.env;
  const env = { ...inherited, PORT: String(port), PREFLIGHT_DATA_DIR: dir, PREFLIGHT_NEXT_DIST_DIR: ".next-launcher-test", LOG_LEVEL: "warn", ...extra } as unknown as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/launch.ts", "dev"], { env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number, launch?: Launch): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (launch && launch.child.exitCode !== null) throw new Error(`launcher exited while waiting for ${what}:\n${launch.output()}`);
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${launch ? `:\n${launch.output()}` : ""}`);
}

/** The board as the demo owner sees it (a session row is created straight in the database, its token hashed as the app stores it). */
async function boardHasSeedServices(port: number, databaseUrl = dbUrl()) {
  // Short timeouts: while the launcher moves the database to another port, the old one may be a dead end.
  const c = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2000 });
  await c.connect();
  const token = `launch-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  try {
    await c.query(
      `INSERT INTO "Session" (id, "sessionToken", "userId", expires)
       SELECT $1, encode(sha256(convert_to($1, 'UTF8')), 'hex'), id, now() + interval '1 hour' FROM "User" WHERE email = 'owner@example.com'`,
      [token],
    );
  } finally {
    await c.end();
  }
  const res = await fetch(`http://localhost:${port}/`, {
    headers: { cookie: `next-auth.session-token=${token}` },
    signal: AbortSignal.timeout(30_000),
  });
  const html = await res.text();
  return res.ok && ["Hyperterse", "CryptoPulse", "TrailBase", "Glasswork"].every((n) => html.includes(n)) ? true : undefined;
}

const pidOf = () => Number(readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n")[0]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const dbUrl = () => {
  const state = JSON.parse(readFileSync(`${pgDir}.json`, "utf8")) as { port: number; password: string };
  return `postgresql://postgres:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/preflight`;
};
async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: dbUrl() });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}

/** true once nothing answers on the app's port any more */
async function appGone(port: number): Promise<true | undefined> {
  try {
    await fetch(`http://localhost:${port}/api/health`);
    return undefined;
  } catch {
    return true;
  }
}

async function cli(): Promise<string> {
  const { DATABASE_URL: _db, ...inherited } = process.env;
  const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/cli.ts", "token", "create", "--email", "owner@example.com", "--team", "platform"], {
    env: { ...inherited, PREFLIGHT_DATA_DIR: dataDir } as unknown as NodeJS.ProcessEnv,
  });
  return stdout.trim().split("\n").at(-1)!;
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  try {
    const pid = pidOf();
    if (alive(pid)) process.kill(pid, "SIGINT");
  } catch {}
});

describe("npm run dev lifecycle", () => {
  it("starts with demo data, keeps data across restarts, survives SIGKILL, stops cleanly, and handles a stale lock and a taken port", { timeout: 300_000 }, async () => {
    const port = await findFreePort();

    // 1. First run: embedded PostgreSQL, migrations, demo data, board served.
    const demoPort = await findFreePort();
    const first = launch(port, { DEMO_TARGETS_PORT: String(demoPort) });
    await waitFor("the board", () => boardHasSeedServices(port), 120_000, first);
    expect(first.output()).toContain("Seeded the demo data (first run).");
    // The demo checks probe the launcher's own small server, not the Next dev server (whose compiles stall).
    expect(first.output()).toContain(`Demo health endpoints on http://127.0.0.1:${demoPort}/demo/`);
    const demoUrls = (await sql<{ url: string }>(`SELECT url FROM "HealthCheck" ORDER BY url`)).map((r) => r.url);
    expect(demoUrls).toEqual([
      `http://127.0.0.1:${demoPort}/demo/cryptopulse/health`,
      `http://127.0.0.1:${demoPort}/demo/glasswork/internal/health`,
      `http://127.0.0.1:${demoPort}/demo/hyperterse/heartbeat`,
      `http://127.0.0.1:${demoPort}/demo/trailbase/api/healthcheck`,
    ]);
    const heartbeat = await fetch(`http://127.0.0.1:${demoPort}/demo/hyperterse/heartbeat`);
    expect(heartbeat.status).toBe(200);
    expect(await heartbeat.json()).toEqual({ status: "ok" });
    expect((await fetch(`http://localhost:${port}/api/demo/hyperterse/heartbeat`)).status).toBe(404);
    await sql(`UPDATE "ServiceChecklistItem" SET note = 'kept across restarts' WHERE key = 'redis-persistence'`);

    // 2. /api/ready follows the database: 503 within 2 s while it is stopped, 200 once it is back.
    expect((await fetch(`http://localhost:${port}/api/ready`)).status).toBe(200);
    const pgPid = pidOf();
    process.kill(pgPid, "SIGINT");
    await waitFor("postgres to stop", async () => (alive(pgPid) ? undefined : true), 15_000);
    const started = Date.now();
    const down = await fetch(`http://localhost:${port}/api/ready`);
    const elapsed = Date.now() - started;
    expect(down.status).toBe(503);
    expect(elapsed).toBeLessThan(2000);
    expect((await down.json()).reason).toMatch(/database unavailable/);
    await startEmbeddedPostgres({ dataDir: pgDir, preferredPort: 54329 });
    await waitFor("ready again", async () => ((await fetch(`http://localhost:${port}/api/ready`)).status === 200 ? true : undefined), 15_000);

    // 3. SIGKILL the launcher: the Next server notices and exits; the database keeps running.
    first.child.kill("SIGKILL");
    await first.exited;
    await waitFor("the port to be released", () => appGone(port), 15_000);

    // 4. Start again: the running database is adopted, nothing re-seeded, nothing lost.
    const second = launch(port);
    await waitFor("the board after restart", () => boardHasSeedServices(port), 120_000, second);
    expect(second.output()).toContain("Using the PostgreSQL already running");
    expect(second.output()).not.toContain("Seeded the demo data");
    // Started without DEMO_TARGETS_PORT this time: the demo checks follow to the default port (PORT + 1).
    expect(second.output()).toContain(`Demo checks now probe http://127.0.0.1:${port + 1}/demo/`);
    expect(await sql(`SELECT count(*)::int AS n FROM "Service"`)).toEqual([{ n: 4 }]);
    expect(await sql(`SELECT note FROM "ServiceChecklistItem" WHERE key = 'redis-persistence'`)).toEqual([
      { note: "kept across restarts" },
    ]);

    // The operator CLI works on the same embedded database while the app runs (and leaves it running).
    const token = await cli();
    expect(token).toMatch(/^pf_/);
    expect(alive(pidOf())).toBe(true);

    // 5. Ctrl-C stops both the app and the database.
    const dbPid = pidOf();
    second.child.kill("SIGINT");
    expect([0, 130]).toContain(await second.exited); // 130: the conventional exit status after Ctrl-C
    await waitFor("postgres to stop after Ctrl-C", async () => (alive(dbPid) ? undefined : true), 15_000);
    await waitFor("the app to stop after Ctrl-C", () => appGone(port), 15_000);

    // With the app stopped, the CLI starts the embedded database for itself and stops it again.
    expect(await cli()).toMatch(/^pf_/);
    expect(existsSync(path.join(pgDir, "postmaster.pid"))).toBe(false);

    // 6. A stale lock (a postmaster.pid of a dead process) and a taken database port are handled.
    const state = JSON.parse(readFileSync(`${pgDir}.json`, "utf8")) as { port: number };
    writeFileSync(path.join(pgDir, "postmaster.pid"), `999999\n${pgDir}\n0\n${state.port}\n`);
    const blocker = net.createServer().listen(state.port, "127.0.0.1");
    try {
      const third = launch(port);
      await waitFor("the board with a stale lock and a taken port", () => boardHasSeedServices(port), 120_000, third);
      expect(third.output()).toContain("Removing a stale lock");
      expect(third.output()).toMatch(new RegExp(`Port ${state.port} is taken`));
      third.child.kill("SIGINT");
      expect([0, 130]).toContain(await third.exited);
    } finally {
      blocker.close();
    }
  });
});

describe("npm run dev with DATABASE_URL", () => {
  it("migrates and uses that server, and never starts an embedded one", { timeout: 180_000 }, async () => {
    const adminUrl = inject("adminUrl");
    await recreateDatabase(adminUrl, "preflight_external");
    const url = new URL(adminUrl);
    url.pathname = "/preflight_external";
    const dir = mkdtempSync(path.join(os.tmpdir(), "preflight-external-"));
    const port = await findFreePort();
    // A build folder of its own: the lifecycle test's last dev server may still be shutting down in the shared one.
    const run = launch(port, { DATABASE_URL: url.toString(), PREFLIGHT_NEXT_DIST_DIR: ".next-launcher-external" }, dir);
    await waitFor("the board", () => boardHasSeedServices(port, url.toString()), 120_000, run);
    expect(run.output()).toMatch(/Applied migrations: \d+_init/);
    expect(run.output()).not.toContain("Embedded PostgreSQL");
    expect(existsSync(path.join(dir, "postgres"))).toBe(false);
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    const { rows } = await c.query(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`);
    await c.end();
    expect(rows[0].n).toBeGreaterThan(0);
    run.child.kill("SIGINT");
    await run.exited;
  });
});
