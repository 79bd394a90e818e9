/**
 * `npm run bench:uptime`: the uptime reads at scale, measured from a client on loopback against the standalone server (`npm start`'s).
 *
 * What is filled, in a fresh database:
 * - one service with one check and 90 days of one-minute probes (129,600), stored as the probe engine
 *   keeps them: raw ProbeResult rows for the last 14 days (20,160), minute rollups for the last 2 days
 *   (2,880), hour rollups (2,160) and day rollups (90) for all 90 days, and the incidents they imply;
 * - 500 more services with one check each and 30 days of one-minute probes as rollups only (no raw
 *   rows): minute rollups for the last 2 days (1,440,000 rows), hour rollups (360,000) and day rollups
 *   (15,000), with a few failures and a latency histogram of a few buckets per row.
 * Then the median and p95 of the uptime API for the 90-day check (90d, 7d, 24h), of the uptime page,
 * and of the board (first page of 501 services, each card with its 30-day uptime).
 * Target (2-core machine): the 90-day uptime API p95 < 100 ms.
 */
import pg from "pg";
import { DEMO_PROBE_PROFILES, incidentsFromProbes, storeProbeHistory, syntheticProbes } from "../lib/demo/probe-history";
import { benchTeam, freshDatabase, sql, startApp, summary, timed } from "./lib";

const CHECKS = Number(process.env.BENCH_UPTIME_CHECKS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
const now = new Date();

const db = await freshDatabase("preflight_bench_uptime");
const t0 = performance.now();
const { cookie, bearer } = await benchTeam(db.url, "viewer");
await sql(
  db.url,
  `INSERT INTO "Service" (id, "teamId", slug, name, "updatedAt")
   SELECT 'svc' || g, 'bench', 'service-' || g, 'Service ' || lpad(g::text, 4, '0'), now() FROM generate_series(0, $1::int) g`,
  [CHECKS],
);
await sql(db.url, `UPDATE "Service" SET slug = 'ninety-days', name = 'Ninety days' WHERE id = 'svc0'`);
await sql(db.url, `INSERT INTO "HealthCheck" (id, "serviceId", url, "updatedAt") SELECT 'hc' || g, 'svc' || g, 'http://127.0.0.1:9/health', now() FROM generate_series(0, $1::int) g`, [CHECKS]);

console.log("filling 90 days of one-minute probes for one check …");
const pool = new pg.Pool({ connectionString: db.url, max: 1 });
const client = await pool.connect();
const probes = syntheticProbes("hc0", DEMO_PROBE_PROFILES.cryptopulse!, { now, days: 90, seed: "bench" });
await client.query("BEGIN");
await storeProbeHistory(client, "hc0", probes, { now, rawDays: 14 });
const incidents = incidentsFromProbes(probes);
for (const i of incidents) {
  await client.query(`INSERT INTO "Incident" (id, "serviceId", "checkId", "startedAt", "endedAt", "firstError", "lastError") VALUES ($1, 'svc0', 'hc0', $2, $3, $4, $5)`, [
    `inc_${i.startedAt.getTime()}`,
    i.startedAt,
    i.endedAt,
    i.firstError,
    i.lastError,
  ]);
}
await client.query("COMMIT");

console.log(`filling 30 days of rollups for ${CHECKS} checks …`);
// One row per (check, bucket): n probes, a failure now and then, a histogram of 1–3 buckets around the
// check's median (bucket 40–52, i.e. 45–140 ms), status and error counts to match.
const fill = (granularity: "minute" | "hour" | "day", step: string, buckets: number, perBucket: number) =>
  client.query(
    `INSERT INTO "ProbeRollup" ("checkId", granularity, "bucketStart", up, down, degraded, "latencyHist", "latencySumMs", "latencyCount", "statusCounts", "errorCounts")
     SELECT 'hc' || g, p.granularity, date_bin(p.step, p.now, timestamptz '1970-01-01') - b * p.step,
            p.n - f.d, f.d, 0,
            CASE WHEN p.n = 1 THEN ARRAY[40 + g % 13, 1] ELSE ARRAY[39 + g % 13, p.n / 4, 40 + g % 13, p.n / 2, 43 + g % 13, p.n - p.n / 4 - p.n / 2] END,
            (p.n * (60 + g % 80))::bigint, p.n,
            CASE WHEN f.d > 0 THEN jsonb_build_object('200', p.n - f.d, '503', f.d) ELSE jsonb_build_object('200', p.n) END,
            CASE WHEN f.d > 0 THEN jsonb_build_object('status', f.d) ELSE '{}'::jsonb END
     FROM (SELECT $1::"RollupGranularity" AS granularity, $2::interval AS step, $3::timestamptz AS now, $5::int AS n) p,
          generate_series(1, $4::int) g, generate_series(0, $6::int - 1) b,
          LATERAL (SELECT CASE WHEN (g * 31 + b) % 211 = 0 THEN greatest(1, p.n / 50) ELSE 0 END AS d) f`,
    [granularity, step, now, CHECKS, perBucket, buckets],
  );
await fill("day", "1 day", 30, 1440);
await fill("hour", "1 hour", 30 * 24, 60);
await fill("minute", "1 minute", 2 * 1440, 1);
await client.query("ANALYZE");
const [{ rollups, raw }] = (await client.query(`SELECT (SELECT count(*) FROM "ProbeRollup")::int AS rollups, (SELECT count(*) FROM "ProbeResult")::int AS raw`)).rows;
console.log(`filled ${rollups.toLocaleString("en-US")} rollup rows and ${raw.toLocaleString("en-US")} raw results in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
client.release();
await pool.end();

const app = await startApp(db.url);
try {
  const api = (slug: string, range: string) => `${app.baseUrl}/api/v1/services/${slug}/uptime?range=${range}`;
  for (let i = 0; i < 3; i++) {
    for (const r of ["90d", "7d", "24h"]) await timed(() => fetch(api("ninety-days", r), { headers: bearer }));
    await timed(() => fetch(`${app.baseUrl}/services/ninety-days/uptime?range=90d`, { headers: cookie }));
    await timed(() => fetch(`${app.baseUrl}/`, { headers: cookie }));
  }
  // Labels in the order they are printed.
  const series: Record<string, number[]> = Object.fromEntries(
    [
      ...["90d", "7d", "24h"].flatMap((r) => [`GET …/uptime?range=${r} (one check, 90 days)`, `  ${r}, time inside the handler (Server-Timing)`]),
      `GET …/uptime?range=30d (one of the ${CHECKS} checks)`,
      "GET /services/ninety-days/uptime?range=90d (page)",
      `GET / (board, ${CHECKS + 1} services, 30-day uptime per card)`,
    ].map((label) => [label, [] as number[]]),
  );
  const add = (label: string, ms: number) => series[label]!.push(ms);
  const serverTime = (res: Response) => Number(/dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? NaN);
  for (let i = 0; i < ROUNDS; i++) {
    for (const r of ["90d", "7d", "24h"]) {
      add(
        `GET …/uptime?range=${r} (one check, 90 days)`,
        await timed(async () => {
          const res = await fetch(api("ninety-days", r), { headers: bearer });
          add(`  ${r}, time inside the handler (Server-Timing)`, serverTime(res));
          return res;
        }),
      );
    }
    add(`GET …/uptime?range=30d (one of the ${CHECKS} checks)`, await timed(() => fetch(api(`service-${1 + (i % CHECKS)}`, "30d"), { headers: bearer })));
    add("GET /services/ninety-days/uptime?range=90d (page)", await timed(() => fetch(`${app.baseUrl}/services/ninety-days/uptime?range=90d`, { headers: cookie })));
    add(`GET / (board, ${CHECKS + 1} services, 30-day uptime per card)`, await timed(() => fetch(`${app.baseUrl}/`, { headers: cookie })));
  }
  const check = (await (await fetch(api("ninety-days", "90d"), { headers: bearer })).json()) as { uptimePercent: number; probes: number; series: unknown[]; incidents: unknown[] };
  console.log(`\n90-day answer: ${check.probes} probes, uptime ${check.uptimePercent} %, ${check.series.length} points, ${check.incidents.length} incidents`);
  console.log(`Uptime reads (${rollups.toLocaleString("en-US")} rollup rows, ${raw.toLocaleString("en-US")} raw results), loopback client:`);
  const results = Object.entries(series).map(([label, ms]) => summary(label, ms));
  console.log(`\ntarget: GET …/uptime?range=90d p95 < 100 ms`);
  console.log(JSON.stringify({ bench: "uptime", checks: CHECKS, rollups, raw, results }));
} finally {
  await app.stop();
  if (db.embedded?.owned) await db.embedded.stop();
}
process.exit(0);
