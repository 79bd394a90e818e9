/** Shared pieces of the bench scripts: a database, the production server, timing and percentiles. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import pg from "pg";
import { ensureDatabase, findFreePort, startEmbeddedPostgres, type EmbeddedServer } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { copyStandaloneAssets, standaloneServer } from "../scripts/lib/standalone";

export interface BenchDb {
  url: string;
  embedded?: EmbeddedServer;
  /** the embedded server's data directory (its postmaster.pid names the server process) */
  dataDir?: string;
}

/** A fresh database `name` on DATABASE_URL's server, or on an embedded cluster under .data/bench-postgres. */
export async function freshDatabase(name: string): Promise<BenchDb> {
  let adminUrl: string;
  let embedded: EmbeddedServer | undefined;
  const dataDir = path.join(process.cwd(), ".data", "bench-postgres");
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = "/postgres";
    adminUrl = u.toString();
  } else {
    embedded = await startEmbeddedPostgres({
      dataDir,
      preferredPort: 54359,
      settings: { shared_buffers: "256MB" },
    });
    adminUrl = embedded.url("postgres");
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  await admin.end();
  await ensureDatabase(adminUrl, name);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  await migrate(u.toString());
  return { url: u.toString(), embedded, dataDir: embedded ? dataDir : undefined };
}

export async function sql(url: string, text: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

/**
 * Team `bench` with its owner `u_owner`, a browser session and an API token (of `tokenRole`) for them:
 * the headers that authenticate as that owner.
 */
export async function benchTeam(url: string, tokenRole: "owner" | "viewer" = "owner") {
  await sql(url, `INSERT INTO "Team" (id, slug, name) VALUES ('bench', 'bench', 'Bench')`);
  await sql(url, `INSERT INTO "User" (id, email) VALUES ('u_owner', 'owner@bench.test')`);
  await sql(url, `INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ('m_owner', 'bench', 'u_owner', 'owner')`);
  const session = randomBytes(24).toString("hex");
  // The app stores only the session token's sha256 (decision 0004); the cookie carries the token.
  await sql(url, `INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $2, 'u_owner', now() + interval '1 day')`, [
    session,
    createHash("sha256").update(session).digest("hex"),
  ]);
  const token = `pf_${randomBytes(32).toString("base64url")}`;
  await sql(url, `INSERT INTO "ApiToken" (id, "teamId", "userId", name, role, "tokenHash", prefix) VALUES ('t1', 'bench', 'u_owner', 'bench', $1::"Role", $2, $3)`, [
    tokenRole,
    createHash("sha256").update(token).digest("hex"),
    token.slice(0, 9),
  ]);
  return { cookie: { cookie: `next-auth.session-token=${session}` }, bearer: { authorization: `Bearer ${token}` } };
}

export interface App {
  baseUrl: string;
  /** the standalone server process (`node .next/standalone/server.js`) */
  pid: number;
  stop(): Promise<void>;
}

/** The standalone server (`node .next/standalone/server.js`) against the database (builds first when there is no production build). */
export async function startApp(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<App> {
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const port = await findFreePort();
  const baseUrl = `http://localhost:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: randomBytes(48).toString("base64url"),
    CRON_SECRET: randomBytes(24).toString("base64url"),
    LOG_LEVEL: "warn",
    PROBES_IN_PROCESS: "false",
    NEXT_TELEMETRY_DISABLED: "1",
    ...extraEnv,
  } as NodeJS.ProcessEnv;
  if (!existsSync(standaloneServer()) || process.env.BENCH_BUILD === "1") {
    console.log("building the app (next build) …");
    const r = spawnSync(process.execPath, [nextBin, "build"], { env, stdio: "inherit" });
    if (r.status !== 0) throw new Error("next build failed");
  }
  copyStandaloneAssets();
  mkdirSync(".data", { recursive: true });
  const log = openSync(path.join(".data", "bench-app.log"), "w");
  // BENCH_NODE_ARGS passes flags to the server's node, e.g. "--cpu-prof --cpu-prof-dir=.data/profiles" to profile it.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, standaloneServer()], { env: { ...env, PORT: String(port), HOSTNAME: "0.0.0.0" }, stdio: ["ignore", log, log] });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {}
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("the app did not start; see .data/bench-app.log");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export async function timed(fn: () => Promise<Response>): Promise<number> {
  const t = performance.now();
  const res = await fn();
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return performance.now() - t;
}

/** user + system CPU time of a process in ms (Linux /proc; clock ticks are 10 ms). */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0; // the process has exited
  }
}

/**
 * CPU time used so far by the app server and by the embedded PostgreSQL (each process with its
 * descendants), and by this client, read from /proc: subtract two readings to see what a run cost each
 * side. PostgreSQL is NaN on a server of DATABASE_URL, which may not even run on this machine.
 */
export function cpuSnapshot(app: App, db: BenchDb): { server: number; postgres: number; client: number } {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {}
  }
  const treeCpuMs = (root: number) => {
    const within = (pid: number): boolean => pid === root || (pid > 1 && parents.has(pid) && within(parents.get(pid)!));
    return [...parents.keys()].filter(within).reduce((sum, pid) => sum + processCpuMs(pid), 0);
  };
  const postmasterPid = db.dataDir ? Number(readFileSync(path.join(db.dataDir, "postmaster.pid"), "utf8").split("\n")[0]) : NaN;
  const cpu = process.cpuUsage();
  return {
    server: treeCpuMs(app.pid),
    postgres: Number.isNaN(postmasterPid) ? NaN : treeCpuMs(postmasterPid),
    client: (cpu.user + cpu.system) / 1000,
  };
}

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * A JSON request over node:http with a keep-alive agent, for the write benchmarks. The client shares the
 * machine's cores with the server and PostgreSQL, and `fetch` (undici on Node 20) costs about 1.8 ms of
 * CPU per request against 0.7 ms for node:http (measured with 20 writers), so the lighter client leaves the
 * server the CPU a remote client would.
 */
export function sendJson(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: unknown }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, agent: keepAlive, headers: { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          try {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
          } catch (err) {
            reject(err);
          }
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summary(label: string, ms: number[]) {
  const row = { label, n: ms.length, median: +percentile(ms, 50).toFixed(1), p95: +percentile(ms, 95).toFixed(1), max: +Math.max(...ms).toFixed(1) };
  console.log(`${label.padEnd(44)} n=${String(row.n).padStart(4)}  median ${String(row.median).padStart(7)} ms  p95 ${String(row.p95).padStart(7)} ms  max ${String(row.max).padStart(7)} ms`);
  return row;
}

/** `services` services of `items` checklist items each in the team of `benchTeam`. */
export async function seedBoard(url: string, services: number, items: number): Promise<void> {
  await sql(
    url,
    `INSERT INTO "Service" (id, "teamId", slug, name, description, tier, tags, "updatedAt")
     SELECT 'svc' || g, 'bench', 'service-' || g, 'Service ' || lpad(g::text, 4, '0'), 'Bench service number ' || g,
            1 + g % 3, ARRAY['tag-' || (g % 12), CASE WHEN g % 2 = 0 THEN 'even' ELSE 'odd' END], now()
     FROM generate_series(1, $1::int) g`,
    [services],
  );
  await sql(
    url,
    `INSERT INTO "ServiceChecklistItem" (id, "serviceId", key, "sectionKey", "sectionTitle", title, guidance, severity, required, position, state, "naReason")
     SELECT 'it' || g || '_' || i, 'svc' || g, 'item-' || i, 'section-' || (i / 10), 'Section ' || (i / 10), 'Checklist item ' || i,
            'Guidance for item ' || i, (ARRAY['critical','high','medium','low'])[1 + i % 4]::"Severity", i % 3 <> 0, i,
            (CASE WHEN (g * 7 + i) % 5 < 3 THEN 'done' WHEN (g + i) % 17 = 0 THEN 'na' ELSE 'open' END)::"ItemState",
            CASE WHEN (g + i) % 17 = 0 THEN 'not used here' END
     FROM generate_series(1, $1::int) g, generate_series(1, $2::int) i`,
    [services, items],
  );
}
