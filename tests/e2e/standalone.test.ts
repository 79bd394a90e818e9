/**
 * The standalone build (next.config.js `output: "standalone"`, decision 0041) runs with plain Node away
 * from the repository: the e2e global setup's build (`next build` plus the asset copy `npm run build`
 * makes) is copied to a temporary folder with no node_modules above it, and `node server.js` there,
 * on a database of its own with the demo data, serves /api/health, /api/ready, the signed-in board and
 * its scripts, without a warning in its log. Started on its own it runs the probe scheduler
 * (PROBES_IN_PROCESS, default true); with PROBES_IN_PROCESS=false it is a web-only instance and
 * `npm run scheduler`, a scheduler-only instance, probes instead.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findFreePort } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { standaloneDir } from "../../scripts/lib/standalone";
import { sqlOn } from "../helpers/app";
import { waitForHttp } from "../helpers/global-app";
import { httpTarget, type TestTarget } from "../helpers/probe-targets";
import { dropDatabase, freshDatabase } from "../helpers/test-cluster";

const DB = "preflight_standalone";
const DEMO_SERVICES = ["Hyperterse", "CryptoPulse", "TrailBase", "Glasswork"];
const copyDir = mkdtempSync(path.join(os.tmpdir(), "preflight-standalone-"));
const secrets = { NEXTAUTH_SECRET: randomBytes(48).toString("base64url"), CRON_SECRET: randomBytes(24).toString("base64url") };
let dbUrl = "";
let target: TestTarget;
const children: ChildProcess[] = [];

interface Running {
  child: ChildProcess;
  output: () => string;
}

const sql = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => sqlOn<T>(dbUrl, text, params);

/** What a process of the reference deployment gets: the shared database and secrets, nothing of the test runner's. */
function deploymentEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    DATABASE_URL: dbUrl,
    ...secrets,
    LOG_LEVEL: "info",
    NEXT_TELEMETRY_DISABLED: "1",
    ...extra,
  } as unknown as NodeJS.ProcessEnv;
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return { child, output: () => out };
}

async function stop({ child }: Running): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

/** `node server.js` in the copied folder on a free port; resolves once /api/health answers. */
async function startStandalone(extra: Record<string, string> = {}): Promise<Running & { base: string }> {
  const port = await findFreePort();
  const base = `http://localhost:${port}`;
  const server = run(["server.js"], copyDir, deploymentEnv({ PORT: String(port), HOSTNAME: "0.0.0.0", NEXTAUTH_URL: base, ...extra }));
  await waitForHttp(`${base}/api/health`, 60_000, server.child).catch((err: Error) => {
    throw new Error(`${err.message}\n${server.output().slice(-3000)}`);
  });
  return { ...server, base };
}

/** A database session for the demo owner, as next-auth stores it (the token's sha256), and its cookie. */
async function ownerCookie(): Promise<string> {
  const token = randomBytes(24).toString("hex");
  await sql(
    `INSERT INTO "Session" (id, "sessionToken", "userId", expires)
     SELECT $1, $2, id, now() + interval '1 hour' FROM "User" WHERE email = 'owner@example.com'`,
    [`s_${token.slice(0, 12)}`, createHash("sha256").update(token).digest("hex")],
  );
  return `next-auth.session-token=${token}`;
}

/** One demo check, due now, probing `path` on the test target; the others stay paused. */
async function dueCheckProbing(targetPath: string): Promise<string> {
  await sql(`UPDATE "HealthCheck" SET enabled = false`);
  const [check] = await sql<{ id: string }>(
    `UPDATE "HealthCheck" SET enabled = true, url = $1, "nextRunAt" = now(), "leaseUntil" = NULL
     WHERE id = (SELECT id FROM "HealthCheck" ORDER BY id LIMIT 1) RETURNING id`,
    [new URL(targetPath, target.url).toString()],
  );
  return check!.id;
}

/** The check's stored probe results. */
async function resultsOf(checkId: string): Promise<number> {
  const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "ProbeResult" WHERE "checkId" = $1`, [checkId]);
  return row!.n;
}

/** Resolves once `targetPath` was probed and a new result written for the check. */
async function probedAndWritten(checkId: string, targetPath: string, resultsBefore: number, proc: Running): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`exited while waiting for a probe:\n${proc.output()}`);
    if ((target.hits.get(targetPath) ?? 0) > 0 && (await resultsOf(checkId)) > resultsBefore) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${targetPath} was not probed and written within a minute:\n${proc.output().slice(-3000)}`);
}

/** Lines a healthy start should never print: Next's warnings (⚠) and pino entries at warn or above. */
function warnings(output: string): string[] {
  return output.split("\n").filter((line) => line.includes("⚠") || /"level":(4|5|6)0\b/.test(line));
}

beforeAll(async () => {
  dbUrl = await freshDatabase(inject("adminUrl"), DB);
  await migrate(dbUrl);
  // The demo's ping tokens are sealed under NEXTAUTH_SECRET: seed with the secret the servers use.
  process.env.NEXTAUTH_SECRET = secrets.NEXTAUTH_SECRET;
  const { loadTemplateDir } = await import("@/lib/templates/load");
  const { syncTemplates } = await import("@/lib/templates/sync");
  const { seedDemo } = await import("@/lib/demo/seed");
  const { configureDatabase, disconnectDb } = await import("@/lib/db");
  configureDatabase(dbUrl);
  try {
    await syncTemplates(loadTemplateDir(), { builtIn: true });
    await seedDemo({ targetsUrl: "http://127.0.0.1:9" });
  } finally {
    await disconnectDb();
  }
  target = await httpTarget("/", (_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("ok"));
  cpSync(standaloneDir(), copyDir, { recursive: true });
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await target?.close();
  rmSync(copyDir, { recursive: true, force: true });
  await dropDatabase(inject("adminUrl"), DB).catch(() => undefined);
});

describe("the standalone build, copied away from the repository", () => {
  it("has no node_modules in any folder above it, only its own traced copy", () => {
    for (let dir = path.dirname(copyDir); ; dir = path.dirname(dir)) {
      expect(existsSync(path.join(dir, "node_modules")), `${dir}/node_modules`).toBe(false);
      if (dir === path.dirname(dir)) break;
    }
    expect(existsSync(path.join(copyDir, "node_modules", "next"))).toBe(true);
    expect(existsSync(path.join(copyDir, ".next", "static"))).toBe(true);
  });

  it("a web-only instance (PROBES_IN_PROCESS=false) serves health, readiness, the signed-in board and its scripts, without warnings", async () => {
    const web = await startStandalone({ PROBES_IN_PROCESS: "false" });
    try {
      const health = await fetch(`${web.base}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok" });
      expect((await fetch(`${web.base}/api/ready`)).status).toBe(200);

      const board = await fetch(`${web.base}/`, { headers: { cookie: await ownerCookie() }, redirect: "manual" });
      expect(board.status).toBe(200);
      const html = await board.text();
      for (const name of DEMO_SERVICES) expect(html).toContain(name);
      const scripts = [...html.matchAll(/<script[^>]+src="(\/_next\/static\/[^"]+)"/g)].map((m) => m[1]!);
      expect(scripts.length).toBeGreaterThan(0);
      for (const src of scripts) {
        const res = await fetch(`${web.base}${src}`);
        expect(res.status, src).toBe(200);
        expect(res.headers.get("content-type"), src).toMatch(/javascript/);
      }

      // Signed out, the board sends people to sign in rather than rendering it.
      const signedOut = await fetch(`${web.base}/`, { redirect: "manual" });
      expect(signedOut.status).toBeGreaterThanOrEqual(300);
      expect(signedOut.status).toBeLessThan(400);
      expect(web.output()).not.toContain("probe scheduler started");
    } finally {
      await stop(web);
    }
    expect(warnings(web.output())).toEqual([]);
  });

  it("a scheduler-only instance (npm run scheduler) probes a due check and writes its result", async () => {
    const checkId = await dueCheckProbing("/scheduler-only");
    const before = await resultsOf(checkId);
    const scheduler = run(["--import", "tsx", "scripts/scheduler.ts"], process.cwd(), deploymentEnv({}));
    try {
      await probedAndWritten(checkId, "/scheduler-only", before, scheduler);
    } finally {
      await stop(scheduler);
    }
    expect(scheduler.child.exitCode).toBe(0);
    expect(warnings(scheduler.output())).toEqual([]);
  });

  it("started on its own with the defaults, the server runs the probe scheduler itself", async () => {
    const checkId = await dueCheckProbing("/standalone-server");
    const before = await resultsOf(checkId);
    const server = await startStandalone();
    try {
      await probedAndWritten(checkId, "/standalone-server", before, server);
      expect(server.output()).toContain("probe scheduler started");
    } finally {
      await stop(server);
    }
    expect(warnings(server.output())).toEqual([]);
  });
});
