/**
 * `npm run bench:probes`: probes per second and scheduling lag of the in-process scheduler for 1,000 and
 * 5,000 checks at a 30 s interval on one instance, against loopback HTTP targets served by a separate
 * process, next to a plain `fetch` loop over the same targets (the ceiling of this machine).
 * Lag = when a probe started − when it was due. Target: 5,000 checks with lag p99 under 2 s.
 * A third run repeats the 5,000 checks while four clients load a 1,000-service board back to back:
 * the scheduler lives outside the web server (docs/decisions/0006), so people using the UI must not
 * make probes late.
 */
import { spawn } from "node:child_process";
import pg from "pg";
import { configureDatabase } from "../lib/db";
import { startProbeScheduler } from "../lib/probes/scheduler";
import { createTargetPolicy } from "../lib/probes/target-policy";
import { benchTeam, freshDatabase, percentile, seedBoard, sql, startApp, timed } from "./lib";

const INTERVAL_S = 30;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 75);
const TARGET_SERVERS = 16;
const SIZES = (process.env.BENCH_CHECKS ?? "1000,5000").split(",").map(Number);

// Targets in their own process, so answering them does not eat the prober's event loop.
const targetCode = `
const http = require("node:http");
const ports = [];
let pending = ${TARGET_SERVERS};
for (let i = 0; i < ${TARGET_SERVERS}; i++) {
  const s = http.createServer((req, res) => { res.writeHead(200, { "content-type": "application/json" }); res.end('{"status":"ok"}'); });
  s.keepAliveTimeout = 1000;
  s.listen(0, "127.0.0.1", () => { ports.push(s.address().port); if (--pending === 0) console.log(JSON.stringify(ports)); });
}`;
const targets = spawn(process.execPath, ["-e", targetCode], { stdio: ["ignore", "pipe", "inherit"] });
const ports: number[] = await new Promise((resolve) => targets.stdout!.once("data", (d: Buffer) => resolve(JSON.parse(d.toString()))));
const urls = ports.map((p) => `http://127.0.0.1:${p}`);

const db = await freshDatabase("preflight_bench_probes");
// A board of 1,000 services × 60 items, so the "while people use the UI" run has a real board to load.
const { cookie } = await benchTeam(db.url);
await seedBoard(db.url, 1000, 60);
const pool = new pg.Pool({ connectionString: db.url, max: 10 });
// The scheduler's other jobs (threshold rounds, pruning) use the app's database module, as in the launcher.
configureDatabase(db.url);

async function runScheduler(checks: number, duringRun?: (until: number) => Promise<unknown>) {
  await sql(db.url, `DELETE FROM "HealthCheck"`);
  // Due times spread evenly over one interval, as they are once a fleet has been running for a while.
  await sql(
    db.url,
    `INSERT INTO "HealthCheck" (id, "serviceId", name, url, "intervalSeconds", "timeoutMs", "nextRunAt", "updatedAt")
     SELECT 'hc' || g, 'svc' || (1 + g % 1000), 'c' || g, ($2::text[])[1 + g % array_length($2::text[], 1)] || '/health/' || g, $3::int, 5000,
            now() + make_interval(secs => 2 + (g % $1::int) * $3::int::float / $1::int), now()
     FROM generate_series(0, $1 - 1) g`,
    [checks, urls, INTERVAL_S],
  );
  const lags: number[] = [];
  const started = Date.now();
  const scheduler = startProbeScheduler({
    pool,
    rawRetentionDays: 14,
    probeOptions: { policy: createTargetPolicy() },
    onProbeStart: (_c, lagMs) => lags.push(lagMs),
  });
  const until = Date.now() + SECONDS * 1000;
  await Promise.all([new Promise((r) => setTimeout(r, SECONDS * 1000)), duringRun?.(until)]);
  await scheduler.stop();
  const elapsed = (Date.now() - started) / 1000;
  const [{ n }] = await sql(db.url, `SELECT count(*)::int AS n FROM "ProbeResult"`);
  await sql(db.url, `TRUNCATE "ProbeResult", "ProbeRollup"`);
  const expected = Math.floor((checks * Math.max(0, elapsed - 2)) / INTERVAL_S);
  return {
    checks,
    probes: lags.length,
    written: n as number,
    expected,
    probesPerSecond: +(lags.length / elapsed).toFixed(1),
    lagP50Ms: +percentile(lags, 50).toFixed(0),
    lagP99Ms: +percentile(lags, 99).toFixed(0),
    lagMaxMs: +Math.max(...lags).toFixed(0),
  };
}

async function fetchCeiling(seconds: number, concurrency = 100) {
  let done = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = w; Date.now() < until; i += concurrency) {
        const res = await fetch(`${urls[i % urls.length]}/health/${i}`);
        await res.arrayBuffer();
        done++;
      }
    }),
  );
  return { requestsPerSecond: +(done / seconds).toFixed(0), concurrency };
}

try {
  console.log(`${TARGET_SERVERS} loopback targets; ${INTERVAL_S} s interval; ${SECONDS} s per run`);
  const results = [];
  for (const n of SIZES) {
    const r = await runScheduler(n);
    results.push(r);
    console.log(
      `${String(n).padStart(5)} checks: ${r.probes} probes (${r.expected} due) = ${r.probesPerSecond}/s, ${r.written} written; ` +
        `scheduling lag p50 ${r.lagP50Ms} ms, p99 ${r.lagP99Ms} ms, max ${r.lagMaxMs} ms`,
    );
  }
  // The same 5,000 checks while four clients load the 1,000-service board back to back.
  const app = await startApp(db.url);
  const boardTimes: number[] = [];
  const loadBoard = async (until: number) => {
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (Date.now() < until) boardTimes.push(await timed(() => fetch(`${app.baseUrl}/`, { headers: cookie })));
      }),
    );
  };
  try {
    await timed(() => fetch(`${app.baseUrl}/`, { headers: cookie }));
    const r = await runScheduler(5000, loadBoard);
    results.push({ ...r, whileBoardLoaded: true, boardLoads: boardTimes.length, boardP95Ms: +percentile(boardTimes, 95).toFixed(0) });
    console.log(
      ` 5000 checks while 4 clients load the board: ${r.probes} probes (${r.expected} due) = ${r.probesPerSecond}/s; ` +
        `scheduling lag p50 ${r.lagP50Ms} ms, p99 ${r.lagP99Ms} ms, max ${r.lagMaxMs} ms; ${boardTimes.length} board loads, p95 ${percentile(boardTimes, 95).toFixed(0)} ms`,
    );
  } finally {
    await app.stop();
  }
  const ceiling = await fetchCeiling(10);
  console.log(`plain fetch loop over the same targets (keep-alive, ${ceiling.concurrency} in flight): ${ceiling.requestsPerSecond} requests/s`);
  console.log(`\ntarget: 5,000 checks with lag p99 < 2000 ms`);
  console.log(JSON.stringify({ bench: "probes", results, ceiling }));
} finally {
  await pool.end();
  targets.kill();
  if (db.embedded?.owned) await db.embedded.stop();
}
process.exit(0);
