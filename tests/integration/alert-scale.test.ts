/**
 * Exactly-once alerting with several instances (docs/alerting.md, "Semantics"): two scheduler processes
 * (tests/helpers/scheduler-child.ts) probe flapping checks and deliver from the same outbox; local
 * receivers count what arrives by Preflight-Event-Id. And a delivery process killed mid-attempt: its
 * lease runs out, another instance sends the event once more, and one delivered row is recorded.
 * Every wait polls the database (or the receiver) for a condition, never a fixed sleep.
 */
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
import { killSchedulerInstances, startSchedulerInstance, waitFor } from "../helpers/scheduler-instances";

const open: { close(): Promise<void> }[] = [];
afterAll(async () => {
  killSchedulerInstances();
  await Promise.all(open.map((o) => o.close()));
});

async function receiver(path = "/hook"): Promise<AlertReceiver> {
  const r = await alertReceiver(path);
  open.push(r);
  return r;
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
    // Once `steady`, every path answers 200.
    const flips = new Map<string, number>();
    let steady = false;
    const target = await httpTarget("/flap", (req, res) => {
      const n = flips.get(req.url ?? "") ?? 0;
      flips.set(req.url ?? "", n + 1);
      res.writeHead(n % 2 === 0 && !steady ? 503 : 200);
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

    const instances = await Promise.all([0, 1].map(() => startSchedulerInstance(databaseUrl(), { tickMs: 200 })));
    await waitFor("300 events", async () => ((await count(`SELECT count(*)::int AS n FROM "AlertEvent" WHERE "teamId" = $1`, [team.id])) >= 300 ? true : undefined));
    // Stop the flapping (not by disabling the checks: that UPDATE of every check can deadlock with a
    // probe batch, which is then rolled back and leaves its leases to run out). Then wait until every
    // check has been probed since, and is up, so no more events can come, and nothing is left to deliver.
    steady = true;
    const steadyAt = new Date();
    await waitFor("every check up again and every delivery sent", async () => {
      const flapping = await count(`SELECT count(*)::int AS n FROM "HealthCheck" WHERE "serviceId" = ANY ($1) AND (status <> 'up' OR "lastRunAt" IS NULL OR "lastRunAt" <= $2)`, [serviceIds, steadyAt]);
      const pending = await count(`SELECT count(*)::int AS n FROM "AlertDelivery" WHERE "channelId" = ANY ($1) AND status = 'pending'`, [channels.map((c) => c.id)]);
      return flapping === 0 && pending === 0 ? true : undefined;
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

    const first = await startSchedulerInstance(databaseUrl(), options);
    await waitFor("the first attempt to reach the receiver", async () => (hook.received.length > 0 ? true : undefined));
    await first.kill();
    const held = await db.alertDelivery.findFirstOrThrow({ where: { eventId, channelId: channel.id } });
    expect(held).toMatchObject({ status: "pending", attempts: 0 });
    expect(held.leaseUntil).not.toBeNull(); // the dead instance's lease, never recorded

    hook.answer(200, 0);
    const second = await startSchedulerInstance(databaseUrl(), options);
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
