/**
 * Vitest global setup for end-to-end tests: a fresh database with the demo data, a production build
 * of the app (`next build`, skipped with E2E_SKIP_BUILD=1 when iterating), and its standalone server
 * (`node .next/standalone/server.js`) on a free port.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { findFreePort } from "../../lib/db/embedded";
import { copyStandaloneAssets, standaloneServer } from "../../scripts/lib/standalone";
import { migrate } from "../../lib/db/migrate";
import { recreateDatabase, startTestCluster } from "./test-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    appDbUrl: string;
    adminUrl: string;
    cronSecret: string;
    appLog: string;
  }
}

const DB = "preflight_e2e";

export async function waitForHttp(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export default async function setup(project: TestProject) {
  const cluster = await startTestCluster();
  try {
    return await startApp(project, cluster);
  } catch (err) {
    if (cluster.embedded?.owned) await cluster.embedded.stop();
    throw err;
  }
}

async function startApp(project: TestProject, cluster: Awaited<ReturnType<typeof startTestCluster>>) {
  const adminUrl = cluster.urlFor("postgres");
  await recreateDatabase(adminUrl, DB);
  const dbUrl = cluster.urlFor(DB);
  await migrate(dbUrl);

  const port = await findFreePort();
  const baseUrl = `http://localhost:${port}`;
  // The demo's ping tokens are sealed under NEXTAUTH_SECRET: seed with the secret the server will use.
  const nextAuthSecret = randomBytes(48).toString("base64url");
  process.env.NEXTAUTH_SECRET = nextAuthSecret;
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const cronSecret = randomBytes(24).toString("base64url");
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: dbUrl,
    PORT: String(port),
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: nextAuthSecret,
    CRON_SECRET: cronSecret,
    LOG_LEVEL: "info",
    PROBES_IN_PROCESS: "false",
    // One client IP for every test: the per-IP limit is covered by an integration test instead.
    RATE_LIMIT_SIGNIN_PER_IP: "10000",
    RATE_LIMIT_INVITES_PER_HOUR: "1000",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if (process.env.E2E_SKIP_BUILD !== "1") {
    const build = spawnSync(process.execPath, [nextBin, "build"], { env, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
    if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
  }
  // As `npm run build` does: the standalone server gets its static assets beside it.
  copyStandaloneAssets();
  // Seeded after the build, just before the server starts: the demo's history ends at seeding time and
  // the tests read it with the real clock, so the less time passes in between, the less has aged.
  const { loadTemplateDir } = await import("../../lib/templates/load");
  const { syncTemplates } = await import("../../lib/templates/sync");
  const { seedDemo } = await import("../../lib/demo/seed");
  const { configureDatabase, disconnectDb } = await import("../../lib/db");
  configureDatabase(dbUrl);
  await syncTemplates(loadTemplateDir(), { builtIn: true });
  // As the launcher would in development (PORT + 1); the checks are seeded paused in production anyway.
  await seedDemo({ targetsUrl: `http://127.0.0.1:${port + 1}` });
  await disconnectDb();
  // The server's JSON log goes to a file: tests read sign-in and invitation links from it.
  const appLog = path.join(process.cwd(), ".data", "e2e-app.log");
  mkdirSync(path.dirname(appLog), { recursive: true });
  const logFd = openSync(appLog, "w");
  // The standalone server (`output: "standalone"`), as `npm start` runs it; HOSTNAME is its listen address.
  const server = spawn(process.execPath, [standaloneServer()], { env: { ...env, HOSTNAME: "0.0.0.0" }, stdio: ["ignore", logFd, logFd] });
  await waitForHttp(`${baseUrl}/api/health`, 60_000, server).catch((err: Error) => {
    throw new Error(`${err.message}\n${readFileSync(appLog, "utf8").slice(-3000)}`);
  });

  project.provide("baseUrl", baseUrl);
  project.provide("appDbUrl", dbUrl);
  project.provide("adminUrl", adminUrl);
  project.provide("cronSecret", cronSecret);
  project.provide("appLog", appLog);

  return async () => {
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
    if (cluster.embedded?.owned) await cluster.embedded.stop();
  };
}
