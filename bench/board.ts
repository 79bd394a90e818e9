/**
 * `npm run bench:board`: 1,000 services × 60 checklist items (one health check each, with 40 days of
 * rollups, and 400 days of daily readiness points for the cards' sparklines), then the median and p95 time of
 * GET / (the board, server-rendered), GET /api/v1/services, and checklist PATCHes from 20 concurrent
 * writers, measured from a client on loopback against the standalone server (`npm start`'s).
 * Targets (2-core machine): GET / and GET /api/v1/services p95 < 300 ms; PATCH p95 < 50 ms with 20
 * writers that pause 0–400 ms between writes. The same writers without pauses show the capacity.
 * Reads go through `fetch` (gzip, like a browser); writes through node:http (`sendJson`), the lighter
 * client, because the client shares the two cores with the server.
 */
import { benchTeam, cpuSnapshot, freshDatabase, seedBoard, sendJson, sql, startApp, summary, timed } from "./lib";

const SERVICES = Number(process.env.BENCH_SERVICES ?? 1000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 60);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const WRITERS = 20;
const WRITES_PER_WRITER = 50;

const db = await freshDatabase("preflight_bench_board");
console.log(`seeding ${SERVICES} services × ${ITEMS} items …`);
const t0 = performance.now();
const { cookie, bearer } = await benchTeam(db.url);
await seedBoard(db.url, SERVICES, ITEMS);
await sql(db.url, `INSERT INTO "HealthCheck" (id, "serviceId", url, "updatedAt") SELECT 'hc' || g, 'svc' || g, 'http://127.0.0.1:9/health', now() FROM generate_series(1, $1::int) g`, [SERVICES]);
// 40 days of day rollups per check and its last hour of minute rollups, so the cards' 30-day uptime and
// its coverage (lib/uptime/query.ts) read real rows.
await sql(
  db.url,
  `INSERT INTO "ProbeRollup" ("checkId", granularity, "bucketStart", up, down, degraded)
   SELECT 'hc' || g, 'day'::"RollupGranularity", date_trunc('day', now()) - d * interval '1 day', 1430, 8, 2 FROM generate_series(1, $1::int) g, generate_series(0, 39) d
   UNION ALL
   SELECT 'hc' || g, 'minute'::"RollupGranularity", date_trunc('minute', now()) - m * interval '1 minute', 1, 0, 0 FROM generate_series(1, $1::int) g, generate_series(0, 59) m`,
  [SERVICES],
);
// 400 days of daily readiness points per service and for the team (the retention), so the sparklines'
// one query (lib/history/query.ts) reads tables of their full size.
await sql(
  db.url,
  `INSERT INTO "ServiceHistory" ("serviceId", date, "teamId", score, level, blockers, waivers)
   SELECT 'svc' || g, (now() AT TIME ZONE 'UTC')::date - d, 'bench', (g * 7 + d * 3) % 101, (ARRAY['not-ready', 'at-risk', 'ready'])[1 + (g + d) % 3], (g + d) % 9, 0
   FROM generate_series(1, $1::int) g, generate_series(0, 399) d`,
  [SERVICES],
);
await sql(
  db.url,
  `INSERT INTO "TeamHistory" ("teamId", date, services, ready, "atRisk", "notReady", "meanScore", blockers, waivers, "staleApprovals")
   SELECT 'bench', (now() AT TIME ZONE 'UTC')::date - d, $1::int, 300, 300, 400, 50 + d % 20, 4000, 0, 0 FROM generate_series(0, 399) d`,
  [SERVICES],
);
await sql(db.url, "ANALYZE");
console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const app = await startApp(db.url);
try {
  // Warm-up: first renders compile and fill caches.
  for (let i = 0; i < 3; i++) {
    await timed(() => fetch(`${app.baseUrl}/`, { headers: cookie }));
    await timed(() => fetch(`${app.baseUrl}/api/v1/services`, { headers: bearer }));
  }
  const board: number[] = [];
  const boardFiltered: number[] = [];
  // What an open board tab asks for on each live refresh (router.refresh(): the page's RSC payload).
  const boardRefresh: number[] = [];
  const list: number[] = [];
  const listServer: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    board.push(await timed(() => fetch(`${app.baseUrl}/`, { headers: cookie })));
    boardFiltered.push(await timed(() => fetch(`${app.baseUrl}/?level=not-ready&sort=score&tag=tag-3`, { headers: cookie })));
    boardRefresh.push(await timed(() => fetch(`${app.baseUrl}/`, { headers: { ...cookie, rsc: "1" } })));
    list.push(
      await timed(async () => {
        const res = await fetch(`${app.baseUrl}/api/v1/services`, { headers: bearer });
        listServer.push(Number(/dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? NaN));
        return res;
      }),
    );
  }
  // 20 writers, each on its own items of different services (no conflicts), each write naming the
  // version it last saw (read once up front, then taken from each response). Two runs: writers that
  // pause 0–400 ms between writes, like people and CI jobs ticking items (the latency target), and
  // writers that send their next write the moment the last one answers (the server's capacity).
  const rows = await sql(db.url, `SELECT "serviceId", key, version, state FROM "ServiceChecklistItem" WHERE key = ANY($1::text[])`, [
    Array.from({ length: Math.min(WRITERS, ITEMS) }, (_, w) => `item-${1 + w}`),
  ]);
  const known = new Map(rows.map((r) => [`${r.serviceId}/${r.key}`, { version: r.version as number, state: r.state as string }]));
  const runWriters = async (round: number, maxPauseMs: number, writesPerWriter = WRITES_PER_WRITER) => {
    const client: number[] = [];
    const server: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let k = 0; k < writesPerWriter; k++) {
          if (maxPauseMs > 0) await new Promise((r) => setTimeout(r, Math.random() * maxPauseMs));
          const n = 1 + ((round * WRITERS * WRITES_PER_WRITER + w * WRITES_PER_WRITER + k) % SERVICES);
          const key = `item-${1 + (w % ITEMS)}`;
          const cur = known.get(`svc${n}/${key}`)!;
          const t = performance.now();
          const res = await sendJson(`${app.baseUrl}/api/v1/services/service-${n}/checklist/${key}`, "PATCH", bearer, {
            state: cur.state === "done" ? "open" : "done",
            version: cur.version,
          });
          const body = res.body as { item?: { version: number; state: string } };
          client.push(performance.now() - t);
          server.push(Number(/dur=([\d.]+)/.exec(String(res.headers["server-timing"] ?? ""))?.[1] ?? NaN));
          if (res.status !== 200 || !body.item) throw new Error(`PATCH failed: ${res.status}`);
          known.set(`svc${n}/${key}`, { version: body.item.version, state: body.item.state });
        }
      }),
    );
    return { client, server, perSecond: Math.round(client.length / ((performance.now() - started) / 1000)) };
  };
  // Warm-up: the first writes compile the route and prepare the statements on each pooled connection.
  await runWriters(2, 0, 10);
  const paced = await runWriters(0, 400);
  const cpuBefore = cpuSnapshot(app, db);
  const backToBack = await runWriters(1, 0);
  const cpuAfter = cpuSnapshot(app, db);
  const cpuPerWrite = (side: "server" | "postgres" | "client") => +((cpuAfter[side] - cpuBefore[side]) / backToBack.client.length).toFixed(2);
  const html = await (await fetch(`${app.baseUrl}/`, { headers: cookie })).text();

  // The same write path with one writer, for the latency of a single tick without queueing.
  const single: number[] = [];
  for (let k = 0; k < 100; k++) {
    const n = 1 + ((k * 37) % SERVICES);
    const key = `item-${ITEMS}`;
    const [row] = await sql(db.url, `SELECT version, state FROM "ServiceChecklistItem" WHERE "serviceId" = $1 AND key = $2`, [`svc${n}`, key]);
    const t = performance.now();
    const res = await sendJson(`${app.baseUrl}/api/v1/services/service-${n}/checklist/${key}`, "PATCH", bearer, {
      state: row.state === "done" ? "open" : "done",
      version: row.version,
    });
    if (res.status !== 200) throw new Error(`PATCH failed: ${res.status}`);
    single.push(performance.now() - t);
  }

  console.log(`\nBoard of ${SERVICES} services × ${ITEMS} items (HTML ${(html.length / 1024).toFixed(0)} KiB), loopback client:`);
  const results = [
    summary(`GET / (board, first page of ${SERVICES})`, board),
    summary("GET /?level=not-ready&sort=score&tag=tag-3", boardFiltered),
    summary("GET / with RSC: 1 (a live refresh of the board)", boardRefresh),
    summary("GET /api/v1/services", list),
    summary("  same, time inside the handler (Server-Timing)", listServer),
    summary(`PATCH, ${WRITERS} writers pausing 0–400 ms (${paced.perSecond}/s)`, paced.client),
    summary("  same, time inside the handler (Server-Timing)", paced.server),
    summary(`PATCH, ${WRITERS} writers back to back (${backToBack.perSecond}/s)`, backToBack.client),
    summary("  same, time inside the handler (Server-Timing)", backToBack.server),
    summary("PATCH checklist item (one writer)", single),
  ];
  const cpu = { server: cpuPerWrite("server"), postgres: cpuPerWrite("postgres"), client: cpuPerWrite("client") };
  console.log(`\nCPU per write, back to back: server ${cpu.server} ms, PostgreSQL ${cpu.postgres} ms, this client ${cpu.client} ms`);
  console.log(`\ntargets: board and list p95 < 300 ms, PATCH p95 < 50 ms with ${WRITERS} writers pausing between writes`);
  console.log(JSON.stringify({ bench: "board", services: SERVICES, items: ITEMS, results, cpuPerWriteMs: cpu }));
} finally {
  await app.stop();
  if (db.embedded?.owned) await db.embedded.stop();
}
process.exit(0);
