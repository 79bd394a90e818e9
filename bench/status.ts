/**
 * `npm run bench:status`: 200 concurrent readers of one public status page for 30 s, against `next start`,
 * with the probe scheduler probing 1,000 checks at a 30 s interval beside it; the same 30 s of probing
 * without readers first, so the scheduling lag can be compared (docs/decisions/0040).
 *
 * What is filled, in a fresh database: team `bench` with 1,000 services of one check each (the probed
 * fleet, loopback targets served by a separate process), 10 of them on the published status page with
 * 90 days of hour and day rollups and an incident every 9 days. The readers run in a child process
 * (keep-alive node:http asking for gzip, one request in flight each), so their CPU does not show up as
 * probe lag in this one: each loading the whole page once a second (BENCH_PACE_MS), then reloading once a
 * second as a browser does (sending back the ETag: 304 while the page is unchanged), then back to back.
 * Target (2-core machine): page p95 < 100 ms with 200 readers reloading every second; scheduling lag p99
 * unchanged (< 2 s, the probe bench's target). The back-to-back run shows the ceiling.
 */
import { spawn } from "node:child_process";
import pg from "pg";
import { configureDatabase } from "../lib/db";
import { startProbeScheduler } from "../lib/probes/scheduler";
import { createTargetPolicy } from "../lib/probes/target-policy";
import { benchTeam, freshDatabase, percentile, sql, startApp, timed } from "./lib";

const READERS = Number(process.env.BENCH_READERS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CHECKS = Number(process.env.BENCH_CHECKS ?? 1000);
/** How often each reader reloads in the paced run (ms): people pressing reload during an outage. */
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 1000);
const LISTED = 10;
const INTERVAL_S = 30;

const targetCode = `
const http = require("node:http");
const s = http.createServer((req, res) => { res.writeHead(200, { "content-type": "application/json" }); res.end('{"status":"ok"}'); });
s.keepAliveTimeout = 1000;
s.listen(0, "127.0.0.1", () => console.log(JSON.stringify(s.address().port)));`;

/**
 * Readers in their own process: each GETs url until the deadline and reports every duration (ms). paceMs > 0:
 * once per paceMs (at once when an answer took longer), starting spread out; revalidate: like a browser
 * reloading, each sends back the ETag it was given (a 304 counts as a page).
 */
const readersCode = `
const http = require("node:http");
const [url, readers, seconds, paceMs, revalidate] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3]), Number(process.argv[4]), process.argv[5] === "1"];
const agent = new http.Agent({ keepAlive: true, maxSockets: readers });
const times = []; let failures = 0; let notModified = 0;
const get = (reader) => new Promise((resolve) => {
  const t = performance.now();
  const headers = { "accept-encoding": "gzip" };
  if (revalidate && reader.etag) headers["if-none-match"] = reader.etag;
  http.get(url, { agent, headers }, (res) => {
    res.resume();
    res.on("end", () => {
      if (res.statusCode === 200 || res.statusCode === 304) { times.push(performance.now() - t); if (res.statusCode === 304) notModified++; else reader.etag = res.headers.etag; }
      else failures++;
      resolve();
    });
  }).on("error", () => { failures++; resolve(); });
});
const pause = (ms) => new Promise((r) => setTimeout(r, ms));
const until = Date.now() + seconds * 1000;
Promise.all(Array.from({ length: readers }, async (_, i) => {
  const reader = {};
  if (paceMs > 0) await pause((i * paceMs) / readers);
  while (Date.now() < until) { const t = Date.now(); await get(reader); if (paceMs > 0) await pause(Math.max(0, paceMs - (Date.now() - t))); }
})).then(() => process.stdout.write(JSON.stringify({ times, failures, notModified })));`;

const targets = spawn(process.execPath, ["-e", targetCode], { stdio: ["ignore", "pipe", "inherit"] });
const port: number = await new Promise((resolve) => targets.stdout!.once("data", (d: Buffer) => resolve(JSON.parse(d.toString()))));

const db = await freshDatabase("preflight_bench_status");
await benchTeam(db.url);
await sql(
  db.url,
  `INSERT INTO "Service" (id, "teamId", slug, name, description, "updatedAt")
   SELECT 'svc' || g, 'bench', 'service-' || g, 'Service ' || lpad(g::text, 4, '0'), 'Bench service ' || g, now() FROM generate_series(1, $1::int) g`,
  [CHECKS],
);
// Due times spread evenly over one interval, as they are once a fleet has been running for a while.
await sql(
  db.url,
  `INSERT INTO "HealthCheck" (id, "serviceId", name, url, "intervalSeconds", "timeoutMs", "nextRunAt", "updatedAt")
   SELECT 'hc' || g, 'svc' || g, 'health', $2 || '/health/' || g, $3::int, 5000, now() + make_interval(secs => 2 + (g % $1::int) * $3::int::float / $1::int), now()
   FROM generate_series(1, $1::int) g`,
  [CHECKS, `http://127.0.0.1:${port}`, INTERVAL_S],
);
// 90 days of hour and day rollups for the listed services, a failure now and then, and their incidents.
for (const [granularity, step, buckets, n] of [["day", "1 day", 90, 1440], ["hour", "1 hour", 90 * 24, 60]] as const) {
  await sql(
    db.url,
    `INSERT INTO "ProbeRollup" ("checkId", granularity, "bucketStart", up, down, degraded, "latencyHist", "latencySumMs", "latencyCount", "statusCounts", "errorCounts")
     SELECT 'hc' || g, $1::"RollupGranularity", date_bin($2::interval, now(), timestamptz '1970-01-01') - b * $2::interval,
            $4::int - f.d, f.d, 0, ARRAY[40 + g % 13, $4::int], ($4::int * 80)::bigint, $4::int,
            jsonb_build_object('200', $4::int - f.d), CASE WHEN f.d > 0 THEN jsonb_build_object('timeout', f.d) ELSE '{}'::jsonb END
     FROM generate_series(1, $5::int) g, generate_series(0, $3::int - 1) b,
          LATERAL (SELECT CASE WHEN (g * 31 + b) % 97 = 0 THEN greatest(1, $4::int / 50) ELSE 0 END AS d) f`,
    [granularity, step, buckets, n, LISTED],
  );
}
await sql(
  db.url,
  `INSERT INTO "Incident" (id, "serviceId", "checkId", "startedAt", "endedAt", "firstError")
   SELECT 'inc' || g || '_' || k, 'svc' || g, 'hc' || g, now() - make_interval(days => k * 9 + g % 5), now() - make_interval(days => k * 9 + g % 5) + interval '17 minutes', 'timeout after 5000 ms'
   FROM generate_series(1, $1::int) g, generate_series(1, 9) k`,
  [LISTED],
);
await sql(db.url, `INSERT INTO "StatusPage" ("teamId", published, title, "serviceIds", "updatedAt") SELECT 'bench', true, 'Bench status', array_agg('svc' || g ORDER BY g), now() FROM generate_series(1, $1::int) g`, [LISTED]);
await sql(db.url, "ANALYZE");

const pool = new pg.Pool({ connectionString: db.url, max: 10 });
configureDatabase(db.url);

/** Probes for SECONDS with the scheduler in this process; `during` runs alongside. */
async function probeFor<T = undefined>(during?: () => Promise<T>) {
  await sql(db.url, `UPDATE "HealthCheck" SET "nextRunAt" = now() + make_interval(secs => 2 + (substr(id, 3)::int % $1::int) * $2::int::float / $1::int), "leaseUntil" = NULL`, [CHECKS, INTERVAL_S]);
  const lags: number[] = [];
  const scheduler = startProbeScheduler({ pool, rawRetentionDays: 14, probeOptions: { policy: createTargetPolicy() }, onProbeStart: (_c, lagMs) => lags.push(lagMs) });
  const [, result] = await Promise.all([new Promise((r) => setTimeout(r, SECONDS * 1000)), during?.()]);
  await scheduler.stop();
  return { probes: lags.length, lagP50Ms: +percentile(lags, 50).toFixed(0), lagP99Ms: +percentile(lags, 99).toFixed(0), lagMaxMs: +Math.max(...lags).toFixed(0), result };
}

const app = await startApp(db.url);
try {
  const url = `${app.baseUrl}/status/bench`;
  for (let i = 0; i < 3; i++) await timed(() => fetch(url));
  const html = await (await fetch(url)).text();
  const pageKiB = +(Buffer.byteLength(html) / 1024).toFixed(0);
  const single: number[] = [];
  for (let i = 0; i < 50; i++) single.push(await timed(() => fetch(url)));
  console.log(`the page: ${pageKiB} KiB of HTML; one reader alone: median ${percentile(single, 50).toFixed(1)} ms, p95 ${percentile(single, 95).toFixed(1)} ms`);

  const quiet = await probeFor();
  console.log(`${CHECKS} checks every ${INTERVAL_S} s, no readers: ${quiet.probes} probes, scheduling lag p50 ${quiet.lagP50Ms} ms, p99 ${quiet.lagP99Ms} ms, max ${quiet.lagMaxMs} ms`);

  const statusPageScans = async () =>
    Number((await sql(db.url, `SELECT coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0)::bigint AS scans FROM pg_stat_user_tables WHERE relname = 'StatusPage'`))[0]!.scans);
  /** SECONDS of probing while READERS read the page, each once per `paceMs` (0: back to back). */
  const withReaders = async (paceMs: number, revalidate: boolean, label: string) => {
    const before = await statusPageScans();
    const run = await probeFor(
      () =>
        new Promise<{ times: number[]; failures: number; notModified: number }>((resolve, reject) => {
          const child = spawn(process.execPath, ["-e", readersCode, url, String(READERS), String(SECONDS), String(paceMs), revalidate ? "1" : "0"], { stdio: ["ignore", "pipe", "inherit"] });
          let out = "";
          child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
          child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as { times: number[]; failures: number; notModified: number }) : reject(new Error(`readers exited with ${code}`))));
        }),
    );
    const { times, failures, notModified } = run.result!;
    const reads = { requests: times.length, notModified, failures, perSecond: +(times.length / SECONDS).toFixed(0), medianMs: +percentile(times, 50).toFixed(1), p95Ms: +percentile(times, 95).toFixed(1), maxMs: +Math.max(...times).toFixed(1) };
    const pageReads = (await statusPageScans()) - before;
    console.log(`${label}: ${run.probes} probes, scheduling lag p50 ${run.lagP50Ms} ms, p99 ${run.lagP99Ms} ms, max ${run.lagMaxMs} ms`);
    console.log(
      `  GET /status/bench (${LISTED} services, 90 days, gzip): ${reads.requests} pages (${reads.perSecond}/s, ${notModified} of them 304, ${failures} failed), ` +
        `median ${reads.medianMs} ms, p95 ${reads.p95Ms} ms, max ${reads.maxMs} ms; the page's settings read ${pageReads} times in PostgreSQL`,
    );
    return { label, paceMs, probes: run.probes, lagP50Ms: run.lagP50Ms, lagP99Ms: run.lagP99Ms, lagMaxMs: run.lagMaxMs, reads, pageReads };
  };
  const paced = await withReaders(PACE_MS, false, `${READERS} readers each loading the whole page every ${PACE_MS / 1000} s`);
  const revalidating = await withReaders(PACE_MS, true, `${READERS} readers each reloading every ${PACE_MS / 1000} s as a browser does (If-None-Match)`);
  const backToBack = await withReaders(0, false, `${READERS} readers loading the whole page back to back (the ceiling)`);
  console.log(`\ntarget: p95 < 100 ms with ${READERS} readers each reloading every ${PACE_MS / 1000} s; scheduling lag p99 unchanged (< 2000 ms)`);
  console.log(JSON.stringify({ bench: "status", pageKiB, readers: READERS, seconds: SECONDS, checks: CHECKS, listed: LISTED, quiet: { ...quiet, result: undefined }, paced, revalidating, backToBack }));
} finally {
  await app.stop();
  await pool.end();
  targets.kill();
  if (db.embedded?.owned) await db.embedded.stop();
}
process.exit(0);
