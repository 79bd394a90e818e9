/**
 * Exactly-once alerting with several instances (docs/alerting.md, "Semantics"): two scheduler processes
 * (tests/helpers/scheduler-child.ts) probe flapping checks and deliver from the same outbox; local
 * receivers count what arrives by Preflight-Event-Id. And a delivery process killed mid-attempt: its
 * lease runs out, another instance sends the event once more, and one delivered row is recorded.
 * Every wait polls the database (or the receiver) for a condition, never a fixed sleep.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { newSigningSecret } from "@/lib/alerts/signature";
import { insertAlertEvents } from "@/lib/alerts/store";
import { sealSecret } from "@/lib/checks/header-secrets";
import { databaseUrl, db, sqlPool } from "@/lib/db";
import { makeTeam } from "../helpers/actors";
import { alertReceiver, type AlertReceiver } from "../helpers/alert-receiver";
import { dueAt } from "../helpers/due";
import { httpTarget } from "../helpers/probe-targets";

const open: { close(): Promise<void> }[] = [];
const children = new Set<ChildProcess>();
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await Promise.all(open.map((o) => o.close()));
});

async function receiver(path = "/hook"): Promise<AlertReceiver> {
  const r = await alertReceiver(path);
  open.push(r);
  return r;
}

interface SchedulerChild {
  /** SIGTERM: the scheduler stops starting rounds and finishes the running ones */
  stop(): Promise<void>;
  /** SIGKILL: a crash */
  kill(): Promise<void>;
}

/** A scheduler instance in its own process on this file's database, started once it prints "ready". */
async function schedulerChild(options: Record<string, unknown>): Promise<SchedulerChild> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/scheduler-child.ts", JSON.stringify(options)], {
    env: { ...process.env, DATABASE_URL: databaseUrl() },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => children.delete(child));
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("ready")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`scheduler child exited (${code}) before it was ready: ${out}`)));
  });
  child.stdout!.resume();
  return {
    stop: () => (child.kill("SIGTERM"), exited),
    kill: () => (child.kill("SIGKILL"), exited),
  };
}

/** Poll `probe` until it returns something other than undefined, or fail after `timeoutMs`. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 45_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function webhookChannel(teamId: string, url: string, name: string) {
  return db.alertChannel.create({
    data: { teamId, type: "webhook", name, urlSealed: sealSecret(url), urlHint: new URL(url).origin, signingSecretSealed: sealSecret(newSigningSecret()) },
  });
}

const count = async (sql: string, params: unknown[]) => (await sqlPool().query<{ n: number }>(sql, params)).rows[0]!.n;

describe("two scheduler instances on one outbox", () => {
  it("deliver every event of 100 flapping checks exactly once to each channel", { timeout: 120_000 }, async () => {
    // Each check's path answers 503, 200, 503, … : with 1 failure / 1 success to change state, every
    // probe after the first opens or closes an incident, so every probe raises an event.
    const flips = new Map<string, number>();
    const target = await httpTarget("/flap", (req, res) => {
      const n = flips.get(req.url ?? "") ?? 0;
      flips.set(req.url ?? "", n + 1);
      res.writeHead(n % 2 === 0 ? 503 : 200);
      res.end();
    });
    open.push(target);
    const hooks = [await receiver("/a"), await receiver("/b")];
    const team = await makeTeam();
    const services = await Promise.all(
      Array.from({ length: 10 }, (_, i) => db.service.create({ data: { teamId: team.id, slug: `flap-${i}-${randomBytes(3).toString("hex")}`, name: `Flapping ${i}`, tier: 1 } })),
    );
    const channels = [await webhookChannel(team.id, hooks[0]!.url, "receiver a"), await webhookChannel(team.id, hooks[1]!.url, "receiver b")];
    await db.healthCheck.createMany({
      data: Array.from({ length: 100 }, (_, i) => ({
        serviceId: services[i % 10]!.id,
        name: `flap ${i}`,
        url: `${target.url}/${i}`,
        intervalSeconds: 1,
        timeoutMs: 5000,
        failuresBeforeDown: 1,
        successesBeforeUp: 1,
        nextRunAt: dueAt(),
      })),
    });
    const serviceIds = services.map((s) => s.id);

    const instances = await Promise.all([0, 1].map(() => schedulerChild({ tickMs: 200 })));
    await waitFor("300 events", async () => ((await count(`SELECT count(*)::int AS n FROM "AlertEvent" WHERE "teamId" = $1`, [team.id])) >= 300 ? true : undefined));
    // Stop the flapping, then wait until no probe is in flight and nothing is left to deliver.
    await db.healthCheck.updateMany({ where: { serviceId: { in: serviceIds } }, data: { enabled: false } });
    await waitFor("the last probes written and every delivery sent", async () => {
      const leased = await count(`SELECT count(*)::int AS n FROM "HealthCheck" WHERE "serviceId" = ANY ($1) AND "leaseUntil" IS NOT NULL`, [serviceIds]);
      const pending = await count(`SELECT count(*)::int AS n FROM "AlertDelivery" WHERE "channelId" = ANY ($1) AND status = 'pending'`, [channels.map((c) => c.id)]);
      return leased === 0 && pending === 0 ? true : undefined;
    });
    await Promise.all(instances.map((i) => i.stop()));

    const events = await db.alertEvent.findMany({ where: { teamId: team.id }, include: { deliveries: true } });
    expect(events.length).toBeGreaterThanOrEqual(300);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(["check.down", "check.up"]));
    for (const event of events) {
      // One delivery per channel, delivered, and never recorded twice.
      expect(event.deliveries.map((d) => [d.channelId, d.sequence, d.status]).sort()).toEqual(channels.map((c) => [c.id, 0, "delivered"]).sort());
    }
    const eventIds = events.map((e) => e.id).sort();
    for (const hook of hooks) {
      const counts = hook.countsByEventId();
      expect([...counts.keys()].sort()).toEqual(eventIds);
      expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    }
  });
});

describe("a delivery process killed mid-attempt", () => {
  it("leaves the lease to run out; another instance sends the event once more and one delivered row is recorded", { timeout: 120_000 }, async () => {
    const hook = await receiver();
    // The receiver holds the first request well past the send timeout: the attempt is in flight when
    // its process is killed.
    hook.answer(200, 60_000);
    const team = await makeTeam();
    const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${randomBytes(3).toString("hex")}`, name: "CryptoPulse", tier: 1 } });
    const channel = await webhookChannel(team.id, hook.url, "receiver");
    const incidentId = `inc_${randomBytes(6).toString("hex")}`;
    const occurredAt = new Date();
    const [eventId] = await insertAlertEvents(sqlPool(), [
      {
        type: "check.down",
        serviceId: service.id,
        dedupeKey: `check.down:${incidentId}`,
        occurredAt,
        details: { checkId: "c1", checkName: "health", url: "https://cryptopulse.example/health", incidentId, startedAt: occurredAt.toISOString(), error: "HTTP 503" },
      },
    ]);
    // 5 s send timeout: a lease of 10 s (timeout + LEASE_MARGIN_SECONDS).
    const options = { tickMs: 200, deliveries: { timeoutMs: 5000 } };

    const first = await schedulerChild(options);
    await waitFor("the first attempt to reach the receiver", async () => (hook.received.length > 0 ? true : undefined));
    await first.kill();
    const held = await db.alertDelivery.findFirstOrThrow({ where: { eventId, channelId: channel.id } });
    expect(held).toMatchObject({ status: "pending", attempts: 0 });
    expect(held.leaseUntil).not.toBeNull(); // the dead instance's lease, never recorded

    hook.answer(200, 0);
    const second = await schedulerChild(options);
    const delivered = await waitFor("the delivery to be recorded", async () => {
      const d = await db.alertDelivery.findFirstOrThrow({ where: { eventId, channelId: channel.id } });
      return d.status === "delivered" ? d : undefined;
    });
    await second.stop();

    // Not taken over before the dead instance's lease ran out (both times by the database's clock).
    expect(delivered.deliveredAt!.getTime()).toBeGreaterThanOrEqual(held.leaseUntil!.getTime());
    // One recorded attempt: the killed one left no trace but its expired lease.
    expect(delivered).toMatchObject({ attempts: 1, leaseUntil: null, lastError: null });
    expect(await db.alertDelivery.count({ where: { eventId } })).toBe(1);
    // On the wire: at least once. The crash case sends it twice, with the same id and body.
    expect([...hook.countsByEventId()]).toEqual([[eventId, 2]]);
    expect(hook.received[1]!.raw).toBe(hook.received[0]!.raw);
  });
});
