/**
 * `npm run bench:metrics`: what one Prometheus scrape of GET /api/metrics costs to compute at 1,000
 * services and 5,000 checks. Target (2-core machine): scrape p95 < 200 ms, measured as Prometheus scrapes:
 * each scrape past the cache's 5 s, answered from the last computation while the next runs behind it
 * (decision 0039). It prints beside it what a computation of the facts costs (`metricsText({ fresh: true })`)
 * and a scrape within the cache's 5 s (the two health counts).
 *
 * What is filled, in a fresh database: 1,000 services × 60 checklist items (as bench:board), 5 health
 * checks each (5,000) with varied statuses and certificate expiries; per check 3 hours of minute rollups
 * with latency histograms (900,000 rows), 3 days of hour rollups (360,000) and 40 days of day rollups
 * (200,000); 3 thresholds per service; a backup monitor and an RTO target per service with a backup and a
 * drill logged; one probe per check in the last minute (5,000 raw results).
 * The computation runs in this process (the route handler's own code, lib/metrics/export.ts) against the
 * database: no HTTP server, so no `next build` is needed; Next's routing adds about a millisecond.
 */
import { availableParallelism, loadavg } from "node:os";
import { benchTeam, freshDatabase, seedBoard, sql, summary } from "./lib";

const SERVICES = Number(process.env.BENCH_SERVICES ?? 1000);
const CHECKS_PER_SERVICE = Number(process.env.BENCH_CHECKS_PER_SERVICE ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const STEADY_ROUNDS = Number(process.env.BENCH_STEADY_ROUNDS ?? 12);
const TARGET_P95_MS = 200;

const db = await freshDatabase("preflight_bench_metrics");
const t0 = performance.now();
console.log(`seeding ${SERVICES} services, ${SERVICES * CHECKS_PER_SERVICE} checks …`);
await benchTeam(db.url);
await seedBoard(db.url, SERVICES, 60);
await sql(
  db.url,
  `INSERT INTO "HealthCheck" (id, "serviceId", name, url, status, "tlsExpiresAt", "updatedAt")
   SELECT 'hc' || g || '_' || k, 'svc' || g, 'Check ' || k, 'https://service-' || g || '.example.com/health',
          (ARRAY['up','up','up','degraded','down'])[1 + (g + k) % 5]::"CheckStatus", now() + ((g + k) % 90) * interval '1 day', now()
   FROM generate_series(1, $1::int) g, generate_series(1, $2::int) k`,
  [SERVICES, CHECKS_PER_SERVICE],
);
await sql(
  db.url,
  `INSERT INTO "ProbeRollup" ("checkId", granularity, "bucketStart", up, down, degraded, "latencyHist", "latencyCount")
   SELECT c.id, 'minute', date_trunc('minute', now()) - m * interval '1 minute', 2, 0, 0, ARRAY[36 + m % 5, 1, 40 + m % 3, 1], 2
   FROM "HealthCheck" c, generate_series(0, 179) m`,
);
await sql(
  db.url,
  `INSERT INTO "ProbeRollup" ("checkId", granularity, "bucketStart", up, down, degraded, "latencyHist", "latencyCount")
   SELECT c.id, 'hour', date_trunc('hour', now()) - h * interval '1 hour', 118, (h % 7 = 0)::int, 1, ARRAY[36, 60, 40, 60], 120
   FROM "HealthCheck" c, generate_series(0, 71) h`,
);
await sql(
  db.url,
  `INSERT INTO "ProbeRollup" ("checkId", granularity, "bucketStart", up, down, degraded, "latencyHist", "latencyCount")
   SELECT c.id, 'day', date_trunc('day', now()) - d * interval '1 day', 2860, 8, 12, ARRAY[36, 1440, 40, 1440], 2880
   FROM "HealthCheck" c, generate_series(0, 39) d`,
);
await sql(
  db.url,
  `INSERT INTO "MetricThreshold" (id, "serviceId", metric, label, unit, comparator, "limit", severity, status, value, "valueAt", "evaluatedAt")
   SELECT 'th' || g || '_' || k, 'svc' || g, (ARRAY['cpu_percent', 'memory_percent', 'http:errors_per_second'])[k], 'Threshold ' || k, '%', 'gt', 80, 'high',
          (CASE WHEN (g + k) % 9 = 0 THEN 'breached' ELSE 'ok' END)::"ThresholdStatus", 50, now(), now()
   FROM generate_series(1, $1::int) g, generate_series(1, 3) k`,
  [SERVICES],
);
await sql(
  db.url,
  `INSERT INTO "BackupMonitor" (id, "serviceId", component, "pingTokenHash", "pingTokenSealed")
   SELECT 'bm' || g, 'svc' || g, 'Primary database', md5('bench' || g), 'v1.bench' FROM generate_series(1, $1::int) g`,
  [SERVICES],
);
await sql(db.url, `INSERT INTO "RtoTarget" (id, "serviceId", component, "rtoSeconds") SELECT 'rto' || g, 'svc' || g, 'Primary database', 3600 FROM generate_series(1, $1::int) g`, [SERVICES]);
await sql(
  db.url,
  `INSERT INTO "RecoveryEvent" (id, "serviceId", component, kind, status, "startedAt", "finishedAt", "reportedBy", source)
   SELECT 're' || g || '_' || k, 'svc' || g, 'Primary database', (ARRAY['backup', 'drill'])[k]::"RecoveryKind", 'success',
          now() - interval '3 hours', now() - interval '2 hours', 'bench', 'api'
   FROM generate_series(1, $1::int) g, generate_series(1, 2) k`,
  [SERVICES],
);
await sql(db.url, `INSERT INTO "ProbeResult" ("checkId", at, outcome, "latencyMs") SELECT id, now() - random() * interval '50 seconds', 'up', 40 FROM "HealthCheck"`);
await sql(db.url, "ANALYZE");
console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// The route's own code, in this process, against the bench database.
const { configureDatabase, disconnectDb } = await import("../lib/db");
configureDatabase(db.url);
const { CACHE_MS, metricsText } = await import("../lib/metrics/export");
try {
  const first = await metricsText({ fresh: true });
  const series = first.split("\n").filter((l) => l.startsWith("preflight_")).length;
  console.log(`one scrape: ${series} preflight_* samples, ${(Buffer.byteLength(first) / 1024).toFixed(0)} KiB of text`);
  for (let i = 0; i < 2; i++) await metricsText({ fresh: true });

  const fresh: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await metricsText({ fresh: true });
    fresh.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  const nodeCpuMs = (cpu.user + cpu.system) / 1000 / ROUNDS;
  const cached: number[] = [];
  await metricsText();
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await metricsText();
    cached.push(performance.now() - t);
  }
  // As Prometheus scrapes: each scrape past the cache's 5 s, so each is answered from the last computation
  // while the next one runs behind it (stale while revalidating, decision 0039).
  const steady: number[] = [];
  await metricsText();
  for (let i = 0; i < STEADY_ROUNDS; i++) {
    await new Promise((r) => setTimeout(r, CACHE_MS + 100));
    const t = performance.now();
    await metricsText();
    steady.push(performance.now() - t);
  }
  const computation = summary("a computation of the facts (1,000 services)", fresh);
  summary("scrape within the cache", cached);
  const row = summary(`scrape every ${((CACHE_MS + 100) / 1000).toFixed(1)} s (the last computation)`, steady);
  console.log(`Node CPU per scrape that computes: ${nodeCpuMs.toFixed(0)} ms (the rest of its time is PostgreSQL and waiting for a core)`);
  console.log(`load average during the run: ${loadavg().map((l) => l.toFixed(1)).join(" ")} (1, 5, 15 min) on ${availableParallelism()} cores`);
  console.log(`target: scrape p95 < ${TARGET_P95_MS} ms — ${row.p95 < TARGET_P95_MS ? "met" : "NOT met"}; a computation (behind the scrapes, at most one per ${CACHE_MS / 1000} s): p95 ${computation.p95.toFixed(0)} ms`);
} finally {
  await disconnectDb();
  if (db.embedded?.owned) await db.embedded.stop();
}
