/**
 * `npm run bench:alerts`: alert delivery with two scheduler instances (two processes, each running probe
 * rounds and delivery rounds on its own pool, as two replicas of the app would) on one database, 1,000
 * checks flapping against loopback targets (each answers 503, 200, 503, … so with 1 failure / 1 success
 * to change state every probe raises check.down or check.up), and a local webhook receiver.
 * Prints events/s, the delay from the probe (the event's occurredAt, the probe's start) to the
 * receiver getting the webhook p50/p99 (target p99 < 5 s), and duplicates by Preflight-Event-Id
 * (target 0). Like the other benches it prints figures and asserts nothing.
 * Knobs: BENCH_CHECKS (1000), BENCH_INTERVAL (seconds between probes of a check, 5), BENCH_SECONDS (60).
 */
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { newSigningSecret } from "../lib/alerts/signature";
import { sealSecret } from "../lib/checks/header-secrets";
import { killSchedulerInstances, startSchedulerInstance, waitFor } from "../tests/helpers/scheduler-instances";
import { freshDatabase, percentile, sql } from "./lib";

const CHECKS = Number(process.env.BENCH_CHECKS ?? 1000);
const INTERVAL_S = Number(process.env.BENCH_INTERVAL ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const SERVICES = 100;
const TARGET_SERVERS = 8;

// Flapping targets in their own process, so answering them does not eat the receiver's event loop.
const targetCode = `
const http = require("node:http");
const flips = new Map();
let steady = false;
process.stdin.once("data", () => { steady = true; });
const ports = [];
let pending = ${TARGET_SERVERS};
for (let i = 0; i < ${TARGET_SERVERS}; i++) {
  const s = http.createServer((req, res) => {
    const n = flips.get(req.url) ?? 0;
    flips.set(req.url, n + 1);
    res.writeHead(n % 2 === 0 && !steady ? 503 : 200);
    res.end();
  });
  s.listen(0, "127.0.0.1", () => { ports.push(s.address().port); if (--pending === 0) console.log(JSON.stringify(ports)); });
}`;
const targets = spawn(process.execPath, ["-e", targetCode], { stdio: ["pipe", "pipe", "inherit"] });
const ports: number[] = await new Promise((resolve) => targets.stdout!.once("data", (d: Buffer) => resolve(JSON.parse(d.toString()))));

// The receiver: when each webhook arrived, per event id.
const received = new Map<string, number[]>();
const delays: number[] = [];
const receiver = http.createServer((req, res) => {
  const at = Date.now();
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const id = String(req.headers["preflight-event-id"]);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { occurredAt: string };
    received.set(id, [...(received.get(id) ?? []), at]);
    delays.push(at - new Date(body.occurredAt).getTime());
    res.writeHead(204);
    res.end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/preflight`;

const db = await freshDatabase("preflight_bench_alerts");
const count = async (text: string) => (await sql(db.url, text))[0]!.n as number;

try {
  await sql(db.url, `INSERT INTO "Team" (id, slug, name) VALUES ('bench', 'bench', 'Bench')`);
  await sql(db.url, `INSERT INTO "Service" (id, "teamId", slug, name, tier, "updatedAt") SELECT 'svc' || g, 'bench', 'svc-' || g, 'Service ' || g, 1, now() FROM generate_series(1, $1::int) g`, [SERVICES]);
  await sql(db.url, `INSERT INTO "AlertChannel" (id, "teamId", type, name, "urlSealed", "urlHint", "signingSecretSealed", "updatedAt") VALUES ('ch_bench', 'bench', 'webhook', 'receiver', $1, $2, $3, now())`, [
    sealSecret(receiverUrl),
    new URL(receiverUrl).origin,
    sealSecret(newSigningSecret()),
  ]);
  // Due times spread evenly over one interval, as they are once a fleet has been running for a while.
  await sql(
    db.url,
    `INSERT INTO "HealthCheck" (id, "serviceId", name, url, "intervalSeconds", "timeoutMs", "failuresBeforeDown", "successesBeforeUp", "nextRunAt", "updatedAt")
     SELECT 'hc' || g, 'svc' || (1 + g % $4::int), 'c' || g, ($2::text[])[1 + g % array_length($2::text[], 1)] || '/health/' || g, $3::int, 5000, 1, 1,
            now() + make_interval(secs => 5 + (g % $1::int) * $3::int::float / $1::int), now()
       FROM generate_series(0, $1::int - 1) g`,
    [CHECKS, ports.map((p) => `http://127.0.0.1:${p}`), INTERVAL_S, SERVICES],
  );

  console.log(`${CHECKS} checks flapping every ${INTERVAL_S} s (${(CHECKS / INTERVAL_S).toFixed(0)} events/s due) for ${SECONDS} s; 2 scheduler instances; 1 webhook channel`);
  const instances = await Promise.all([0, 1].map(() => startSchedulerInstance(db.url)));
  const started = Date.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  // Stop the flapping (every target answers 200 from now on), then let the instances deliver what is
  // left: done once every check has been probed since and is up (no more events) and nothing is pending.
  targets.stdin!.write("steady\n");
  const steadyAt = new Date();
  const flappedS = (Date.now() - started) / 1000;
  const remaining = () =>
    sql(
      db.url,
      `SELECT (SELECT count(*)::int FROM "HealthCheck" WHERE status <> 'up' OR "lastRunAt" IS NULL OR "lastRunAt" <= $1) AS flapping,
              (SELECT count(*)::int FROM "AlertDelivery" WHERE status = 'pending') AS pending`,
      [steadyAt],
    ).then((rows) => rows[0] as { flapping: number; pending: number });
  await waitFor("every check up again and every delivery sent", async () => {
    const r = await remaining();
    return r.flapping === 0 && r.pending === 0 ? true : undefined;
  }, 120_000).catch(async (err: unknown) => {
    const pending = await sql(db.url, `SELECT attempts, "lastError", count(*)::int AS n FROM "AlertDelivery" WHERE status = 'pending' GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 5`);
    console.log(`still ${JSON.stringify(await remaining())}; pending deliveries: ${JSON.stringify(pending)}`);
    throw err;
  });
  const drainedS = (Date.now() - started) / 1000;
  await Promise.all(instances.map((i) => i.stop()));

  const events = await count(`SELECT count(*)::int AS n FROM "AlertEvent"`);
  const deliveredRows = await count(`SELECT count(*)::int AS n FROM "AlertDelivery" WHERE status = 'delivered'`);
  const otherRows = await count(`SELECT count(*)::int AS n FROM "AlertDelivery" WHERE status <> 'delivered'`);
  const retried = await count(`SELECT count(*)::int AS n FROM "AlertDelivery" WHERE attempts > 1`);
  const probes = await count(`SELECT count(*)::int AS n FROM "ProbeResult"`);
  const requests = [...received.values()].reduce((n, times) => n + times.length, 0);
  const duplicates = requests - received.size;
  const dbIds = new Set((await sql(db.url, `SELECT id FROM "AlertEvent"`)).map((r) => r.id as string));
  const missing = [...dbIds].filter((id) => !received.has(id)).length;
  const unknown = [...received.keys()].filter((id) => !dbIds.has(id)).length;
  const result = {
    checks: CHECKS,
    intervalSeconds: INTERVAL_S,
    seconds: +flappedS.toFixed(1),
    probes,
    events,
    eventsPerSecond: +(events / flappedS).toFixed(1),
    deliveredRows,
    notDeliveredRows: otherRows,
    retriedRows: retried,
    requests,
    duplicates,
    missing,
    unknown,
    delayP50Ms: +percentile(delays, 50).toFixed(0),
    delayP99Ms: +percentile(delays, 99).toFixed(0),
    delayMaxMs: +Math.max(...delays).toFixed(0),
    drainedAfterStopS: +(drainedS - flappedS).toFixed(1),
  };
  console.log(
    `${events} events in ${result.seconds} s = ${result.eventsPerSecond} events/s (${probes} probes); ${deliveredRows} deliveries recorded delivered, ${otherRows} not, ${retried} retried\n` +
      `receiver: ${requests} webhooks for ${received.size} event ids: ${duplicates} duplicates, ${missing} events never received, ${unknown} unknown ids\n` +
      `delay probe → receiver p50 ${result.delayP50Ms} ms, p99 ${result.delayP99Ms} ms, max ${result.delayMaxMs} ms; the rest delivered ${result.drainedAfterStopS} s after the flapping stopped`,
  );
  console.log(`\ntargets: delay p99 < 5000 ms, 0 duplicates`);
  console.log(JSON.stringify({ bench: "alerts", result }));
} finally {
  killSchedulerInstances();
  targets.kill();
  receiver.closeAllConnections();
  receiver.close();
  if (db.embedded?.owned) await db.embedded.stop();
}
process.exit(0);
