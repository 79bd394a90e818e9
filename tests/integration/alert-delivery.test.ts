/**
 * The delivery engine against local receivers (docs/alerting.md): real probe rounds against a target the
 * test flips, webhooks signed as documented, retries with backoff on the database's clock (the test moves
 * `nextAttemptAt` or `createdAt` back by SQL instead of waiting), exactly one recorded delivery per event
 * and channel with rounds running at once, grouping, reminders, and the channel's status fields.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { runDeliveryRound } from "@/lib/alerts/deliver";
import { claimDueDeliveries, recordAttempts } from "@/lib/alerts/outbox";
import type { AlertSender } from "@/lib/alerts/senders/types";
import { newSigningSecret } from "@/lib/alerts/signature";
import { insertAlertEvents } from "@/lib/alerts/store";
import type { NewAlertEvent } from "@/lib/alerts/types";
import { sealSecret } from "@/lib/checks/header-secrets";
import { databaseUrl, db, sqlPool } from "@/lib/db";
import { publicUrl } from "@/lib/env";
import { runProbeRound } from "@/lib/probes/round";
import { createTargetPolicy } from "@/lib/probes/target-policy";
import { makeTeam } from "../helpers/actors";
import { alertReceiver, type AlertReceiver } from "../helpers/alert-receiver";
import { verifyPreflightSignature } from "../helpers/documented-verifier";
import { dueAt, makeChecksDue } from "../helpers/due";
import { httpTarget, type TestTarget } from "../helpers/probe-targets";

const probeOptions = { policy: createTargetPolicy() };
const open: { close(): Promise<void> }[] = [];
afterAll(() => Promise.all(open.map((o) => o.close())));

async function receiver(): Promise<AlertReceiver> {
  const r = await alertReceiver();
  open.push(r);
  return r;
}

async function flippableTarget() {
  const state = { down: false };
  const target: TestTarget = await httpTarget("/health", (_req, res) => {
    res.writeHead(state.down ? 503 : 200);
    res.end(state.down ? "down" : "ok");
  });
  open.push(target);
  return { target, state };
}

async function teamWithService(name = "CryptoPulse") {
  const team = await makeTeam();
  const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${randomBytes(3).toString("hex")}`, name, tier: 1 } });
  return { team, service };
}

async function webhookChannel(teamId: string, url: string, extra: { reminderMinutes?: number } = {}) {
  const secret = newSigningSecret();
  const channel = await db.alertChannel.create({
    data: { teamId, type: "webhook", name: "receiver", urlSealed: sealSecret(url), urlHint: new URL(url).origin, signingSecretSealed: sealSecret(secret), ...extra },
  });
  return { channel, secret };
}

function downEvent(serviceId: string, occurredAt = new Date()): NewAlertEvent {
  const incidentId = `inc_${randomBytes(6).toString("hex")}`;
  return {
    type: "check.down",
    serviceId,
    dedupeKey: `check.down:${incidentId}`,
    occurredAt,
    details: { checkId: "c1", checkName: "health", url: "https://cryptopulse.example/health", incidentId, startedAt: occurredAt.toISOString(), error: "HTTP 503" },
  };
}

const deliveriesOf = (eventId: string) => db.alertDelivery.findMany({ where: { eventId }, orderBy: [{ channelId: "asc" }, { sequence: "asc" }] });
/** The test clock: the deliveries of these events are due now, by the database's clock. */
const makeDeliveriesDue = (eventIds: string[], channelId?: string) =>
  sqlPool().query(`UPDATE "AlertDelivery" SET "nextAttemptAt" = now() - interval '1 minute' WHERE "eventId" = ANY ($1) AND ($2::text IS NULL OR "channelId" = $2)`, [eventIds, channelId ?? null]);

describe("a check that goes down and comes back", () => {
  it("sends exactly one signed webhook per event, with the documented body, and records the channel's success", async () => {
    const hook = await receiver();
    const { target, state } = await flippableTarget();
    const { team, service } = await teamWithService();
    const { channel, secret } = await webhookChannel(team.id, hook.url);
    const check = await db.healthCheck.create({
      data: { serviceId: service.id, url: target.url, timeoutMs: 15_000, intervalSeconds: 300, failuresBeforeDown: 1, successesBeforeUp: 1, nextRunAt: dueAt() },
    });
    for (const down of [false, true, true, true, false, false]) {
      state.down = down;
      await makeChecksDue(service.id);
      await runProbeRound({ probeOptions });
      await runDeliveryRound();
    }
    await runDeliveryRound();

    const events = await db.alertEvent.findMany({ where: { serviceId: service.id }, orderBy: { occurredAt: "asc" } });
    const [incident] = await db.incident.findMany({ where: { checkId: check.id } });
    expect(events.map((e) => [e.type, e.dedupeKey])).toEqual([
      ["check.down", `check.down:${incident!.id}`],
      ["check.up", `check.up:${incident!.id}`],
    ]);
    expect(hook.received.map((r) => r.body.type)).toEqual(["check.down", "check.up"]);
    expect([...hook.countsByEventId()]).toEqual(events.map((e) => [e.id, 1]));

    for (const [i, r] of hook.received.entries()) {
      expect(r.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(r.headers["preflight-event-id"]).toBe(events[i]!.id);
      const signature = String(r.headers["preflight-signature"]);
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifyPreflightSignature(r.raw, signature, secret)).toBe(true);
      expect(verifyPreflightSignature(r.raw.replace("CryptoPulse", "CryptoPulsf"), signature, secret)).toBe(false);
      expect(verifyPreflightSignature(r.raw, signature, newSigningSecret())).toBe(false);
      expect(Object.keys(r.body)).toEqual(["id", "type", "occurredAt", "team", "service", "summary", "details"]);
      expect(r.body).toMatchObject({
        id: events[i]!.id,
        occurredAt: events[i]!.occurredAt.toISOString(),
        team: { slug: team.slug, name: team.name },
        service: { slug: service.slug, name: "CryptoPulse", tier: 1, url: `${publicUrl()}/services/${service.slug}` },
      });
    }
    const [down, up] = hook.received;
    expect(down!.body.summary).toBe("CryptoPulse: health check down");
    expect(down!.body.details).toEqual({
      checkId: check.id,
      checkName: "health",
      url: target.url,
      incidentId: incident!.id,
      startedAt: incident!.startedAt.toISOString(),
      error: "HTTP 503, expected 200-299",
    });
    expect(up!.body.summary).toBe("CryptoPulse: health check recovered");
    expect(up!.body.details).toMatchObject({
      incidentId: incident!.id,
      endedAt: incident!.endedAt!.toISOString(),
      durationSeconds: Math.round((incident!.endedAt!.getTime() - incident!.startedAt.getTime()) / 1000),
    });

    const deliveries = await db.alertDelivery.findMany({ where: { channelId: channel.id } });
    expect(deliveries).toHaveLength(2);
    expect(deliveries.every((d) => d.status === "delivered" && d.attempts === 1 && d.lastStatus === 200 && d.deliveredAt && d.leaseUntil === null)).toBe(true);
    const after = await db.alertChannel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(after.lastSuccessAt).not.toBeNull();
    expect(after).toMatchObject({ lastFailureAt: null, lastError: null });
  }, 60_000);
});

describe("a receiver that fails", () => {
  it("a check's down event is retried with backoff while it answers 500 (30 s, 2 min, 10 min, 1 h, hourly), and delivered once it recovers", async () => {
    const hook = await receiver();
    hook.answer(500);
    const { target, state } = await flippableTarget();
    const { team, service } = await teamWithService();
    const { channel, secret } = await webhookChannel(team.id, hook.url);
    await db.healthCheck.create({ data: { serviceId: service.id, url: target.url, timeoutMs: 15_000, intervalSeconds: 300, failuresBeforeDown: 1, nextRunAt: dueAt() } });
    state.down = true;
    await runProbeRound({ probeOptions });
    const [{ id: eventId } = { id: undefined }] = await db.alertEvent.findMany({ where: { serviceId: service.id, type: "check.down" } });
    expect(eventId).toBeDefined();
    const steps: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await runDeliveryRound({ eventIds: [eventId!] })).toMatchObject({ claimed: 1, messages: 1, retrying: 1, delivered: 0 });
      const [d] = await deliveriesOf(eventId!);
      expect(d).toMatchObject({ status: "pending", attempts: attempt, lastStatus: 500, leaseUntil: null, deliveredAt: null });
      expect(d!.lastError).toBe("HTTP 500: receiver failing");
      steps.push((d!.nextAttemptAt.getTime() - d!.lastAttemptAt!.getTime()) / 1000);
      // Not due yet by the database's clock: a round now sends nothing.
      expect((await runDeliveryRound({ eventIds: [eventId!] })).claimed).toBe(0);
      await makeDeliveriesDue([eventId!]);
    }
    expect(steps).toEqual([30, 120, 600, 3600, 3600]);
    const failing = await db.alertChannel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(failing).toMatchObject({ lastSuccessAt: null, lastError: "HTTP 500: receiver failing" });
    expect(failing.lastFailureAt).not.toBeNull();

    hook.answer(200);
    expect(await runDeliveryRound({ eventIds: [eventId!] })).toMatchObject({ claimed: 1, delivered: 1 });
    const [d] = await deliveriesOf(eventId!);
    expect(d).toMatchObject({ status: "delivered", attempts: 6, lastStatus: 200 });
    expect(d!.deliveredAt).not.toBeNull();
    // Delivered is final: due again by the clock, it is never claimed or sent again.
    await makeDeliveriesDue([eventId!]);
    expect((await runDeliveryRound({ eventIds: [eventId!] })).claimed).toBe(0);
    expect(hook.received.map((r) => r.answered)).toEqual([500, 500, 500, 500, 500, 200]);
    expect([...hook.countsByEventId()]).toEqual([[eventId, 6]]);
    // Each retry is signed anew, with its own t=, and verifies.
    for (const r of hook.received) expect(verifyPreflightSignature(r.raw, String(r.headers["preflight-signature"]), secret)).toBe(true);
    const recovered = await db.alertChannel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(recovered.lastSuccessAt!.getTime()).toBeGreaterThanOrEqual(recovered.lastFailureAt!.getTime());
  });

  it("gives up 24 h after the first attempt: the delivery is marked failed and never sent again", async () => {
    const hook = await receiver();
    hook.answer(503);
    const { team, service } = await teamWithService();
    await webhookChannel(team.id, hook.url);
    const [eventId] = await insertAlertEvents(sqlPool(), [downEvent(service.id)]);
    await runDeliveryRound({ eventIds: [eventId!] });
    await sqlPool().query(`UPDATE "AlertDelivery" SET "createdAt" = now() - interval '24 hours 1 minute', "nextAttemptAt" = now() - interval '1 minute' WHERE "eventId" = $1`, [eventId]);
    expect(await runDeliveryRound({ eventIds: [eventId!] })).toMatchObject({ claimed: 1, failed: 1, retrying: 0 });
    const [d] = await deliveriesOf(eventId!);
    expect(d).toMatchObject({ status: "failed", attempts: 2, lastStatus: 503 });
    await makeDeliveriesDue([eventId!]);
    expect((await runDeliveryRound({ eventIds: [eventId!] })).claimed).toBe(0);
    expect(hook.received).toHaveLength(2);
  });

  it("a target the probe policy refuses (cloud metadata) is a delivery error, and nothing connects", async () => {
    const { team, service } = await teamWithService();
    const { channel } = await webhookChannel(team.id, "http://169.254.169.254/latest/meta-data/");
    const [eventId] = await insertAlertEvents(sqlPool(), [downEvent(service.id)]);
    expect(await runDeliveryRound({ eventIds: [eventId!] })).toMatchObject({ claimed: 1, retrying: 1 });
    const [d] = await deliveriesOf(eventId!);
    expect(d!.lastError).toMatch(/^refused: address 169\.254\.169\.254 is link-local or a cloud metadata address/);
    expect(d!.lastStatus).toBeNull();
    expect((await db.alertChannel.findUniqueOrThrow({ where: { id: channel.id } })).lastError).toBe(d!.lastError);
    await db.alertEvent.delete({ where: { id: eventId! } }); // nothing left pending for the unscoped rounds below
  });

  it("a channel disabled after its deliveries were queued fails them without sending", async () => {
    const hook = await receiver();
    const { team, service } = await teamWithService();
    const { channel } = await webhookChannel(team.id, hook.url);
    const [eventId] = await insertAlertEvents(sqlPool(), [downEvent(service.id)]);
    await db.alertChannel.update({ where: { id: channel.id }, data: { enabled: false } });
    expect(await runDeliveryRound({ eventIds: [eventId!] })).toMatchObject({ claimed: 1, failed: 1 });
    expect((await deliveriesOf(eventId!))[0]).toMatchObject({ status: "failed", lastError: "the channel is disabled" });
    expect(hook.received).toHaveLength(0);
  });
});

describe("several rounds on one outbox", () => {
  it("delivery rounds running at once, in one process and in two instances, send every delivery once", async () => {
    const [first, second] = [await receiver(), await receiver()];
    first.answer(200, 20);
    second.answer(200, 20);
    const { team, service } = await teamWithService();
    await webhookChannel(team.id, first.url);
    await webhookChannel(team.id, second.url);
    const ids = await insertAlertEvents(sqlPool(), Array.from({ length: 40 }, () => downEvent(service.id)));
    const otherInstance = new pg.Pool({ connectionString: databaseUrl(), max: 5 });
    let rounds: Awaited<ReturnType<typeof runDeliveryRound>>[];
    try {
      rounds = await Promise.all([
        runDeliveryRound({ eventIds: ids, concurrency: 3 }),
        runDeliveryRound({ eventIds: ids, concurrency: 3 }),
        runDeliveryRound({ pool: otherInstance, eventIds: ids, concurrency: 3 }),
        runDeliveryRound({ pool: otherInstance, eventIds: ids, concurrency: 3 }),
      ]);
    } finally {
      await otherInstance.end();
    }
    expect(rounds.reduce((n, r) => n + r.claimed, 0)).toBe(80);
    expect(rounds.reduce((n, r) => n + r.delivered, 0)).toBe(80);
    for (const r of [first, second]) {
      const counts = r.countsByEventId();
      expect(counts.size).toBe(40);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    }
    expect(await db.alertDelivery.count({ where: { eventId: { in: ids }, status: "delivered", attempts: 1 } })).toBe(80);
  });

  it("a lease covers only an attempt that has started: a round never holds more leases than messages in flight", async () => {
    const hook = await receiver();
    hook.answer(200, 40);
    const { team, service } = await teamWithService();
    await webhookChannel(team.id, hook.url);
    const ids = await insertAlertEvents(sqlPool(), Array.from({ length: 8 }, () => downEvent(service.id)));
    const leased = () => db.alertDelivery.count({ where: { eventId: { in: ids }, leaseUntil: { not: null } } });
    let done = false;
    let mostLeased = 0;
    const round = runDeliveryRound({ eventIds: ids, concurrency: 2 }).finally(() => (done = true));
    while (!done) mostLeased = Math.max(mostLeased, await leased());
    expect(await round).toMatchObject({ claimed: 8, messages: 8, delivered: 8 });
    // The invariant holds whatever the timing: at most `concurrency` deliveries leased at any moment.
    expect(mostLeased).toBeGreaterThan(0);
    expect(mostLeased).toBeLessThanOrEqual(2);
    expect(await leased()).toBe(0);
    expect(hook.countsByEventId().size).toBe(8);
  });

  it("a round that lost its lease to another records nothing: the delivery is recorded delivered once", async () => {
    const { team, service } = await teamWithService();
    await db.alertChannel.create({ data: { teamId: team.id, type: "webhook", name: "x", urlSealed: sealSecret("http://127.0.0.1:9/") } });
    const [eventId] = await insertAlertEvents(sqlPool(), [downEvent(service.id)]);
    const [mine] = await claimDueDeliveries(sqlPool(), 10, [eventId!], 15);
    // Its lease runs out (a stalled process) and another round claims the delivery.
    await sqlPool().query(`UPDATE "AlertDelivery" SET "leaseUntil" = now() - interval '1 second' WHERE id = $1`, [mine!.id]);
    const [theirs] = await claimDueDeliveries(sqlPool(), 10, [eventId!], 15);
    expect(theirs!.id).toBe(mine!.id);
    const delivered = (d: typeof mine) => ({ delivery: d!, ok: true, status: 200, error: null, nextAttemptAt: null });
    expect(await recordAttempts(sqlPool(), [delivered(mine)])).toEqual([]);
    expect(await recordAttempts(sqlPool(), [delivered(theirs)])).toEqual([{ id: theirs!.id, status: "delivered" }]);
    expect(await recordAttempts(sqlPool(), [delivered(theirs)])).toEqual([]);
    expect((await deliveriesOf(eventId!))[0]).toMatchObject({ status: "delivered", attempts: 1, leaseUntil: null });
  });
});

describe("grouping", () => {
  it("a chat channel sends the first messages of one service within groupSeconds as one; a webhook gets one message per event", async () => {
    const sent: { channelId: string; events: string[] }[] = [];
    const slack: AlertSender = async (channel, events) => {
      sent.push({ channelId: channel.id, events: events.map((e) => e.id) });
      return { ok: true, status: 200 };
    };
    const hook = await receiver();
    const { team, service } = await teamWithService();
    const other = await db.service.create({ data: { teamId: team.id, slug: `other-${team.slug}`, name: "Other" } });
    const chat = await db.alertChannel.create({ data: { teamId: team.id, type: "slack", name: "chat", urlSealed: sealSecret("https://hooks.slack.com/services/T/B/x"), groupSeconds: 60 } });
    await webhookChannel(team.id, hook.url);
    const at = Date.now();
    const ids = await insertAlertEvents(sqlPool(), [
      downEvent(service.id, new Date(at)),
      downEvent(service.id, new Date(at + 1000)),
      downEvent(service.id, new Date(at + 2000)),
      downEvent(other.id, new Date(at)),
    ]);

    // Webhooks go at once, one event each; the chat channel's deliveries are held for its groupSeconds.
    expect(await runDeliveryRound({ eventIds: ids, senders: { slack } })).toMatchObject({ claimed: 4, messages: 4, delivered: 4 });
    expect(hook.received.map((r) => r.body.id).sort()).toEqual([...ids].sort());
    expect(sent).toEqual([]);

    // The service's first chat delivery comes due: it takes the service's other two along, not the other service's.
    await makeDeliveriesDue([ids[0]!], chat.id);
    expect(await runDeliveryRound({ eventIds: ids, senders: { slack } })).toMatchObject({ claimed: 3, messages: 1, delivered: 3 });
    expect(sent).toEqual([{ channelId: chat.id, events: ids.slice(0, 3) }]);

    await makeDeliveriesDue([ids[3]!], chat.id);
    expect(await runDeliveryRound({ eventIds: ids, senders: { slack } })).toMatchObject({ claimed: 1, messages: 1, delivered: 1 });
    expect(sent[1]).toEqual({ channelId: chat.id, events: [ids[3]] });
    expect(await db.alertDelivery.count({ where: { eventId: { in: ids }, status: "delivered" } })).toBe(8);
  });
});

describe("reminders", () => {
  it("are sent every reminderMinutes while the incident stays open, and stop when it closes", async () => {
    const hook = await receiver();
    const { target, state } = await flippableTarget();
    const { team, service } = await teamWithService();
    const { channel, secret } = await webhookChannel(team.id, hook.url, { reminderMinutes: 5 });
    await db.healthCheck.create({ data: { serviceId: service.id, url: target.url, timeoutMs: 15_000, intervalSeconds: 300, failuresBeforeDown: 1, nextRunAt: dueAt() } });
    const probe = async (down: boolean) => {
      state.down = down;
      await makeChecksDue(service.id);
      await runProbeRound({ probeOptions });
    };
    /** The test clock: the channel's deliveries were queued six minutes earlier. */
    const sixMinutesPass = () => sqlPool().query(`UPDATE "AlertDelivery" SET "createdAt" = "createdAt" - interval '6 minutes' WHERE "channelId" = $1`, [channel.id]);

    await probe(true);
    expect(await runDeliveryRound()).toMatchObject({ reminders: 0, delivered: 1 });
    expect(await runDeliveryRound()).toMatchObject({ reminders: 0, claimed: 0 });
    await sixMinutesPass();
    expect(await runDeliveryRound()).toMatchObject({ reminders: 1, delivered: 1 });
    expect(await runDeliveryRound()).toMatchObject({ reminders: 0, claimed: 0 });
    await sixMinutesPass();
    expect(await runDeliveryRound()).toMatchObject({ reminders: 1, delivered: 1 });

    await probe(false);
    expect(await runDeliveryRound()).toMatchObject({ reminders: 0, delivered: 1 });
    await sixMinutesPass();
    expect(await runDeliveryRound()).toMatchObject({ reminders: 0, claimed: 0 });

    const [down, first, second, up] = hook.received;
    expect(hook.received).toHaveLength(4);
    expect([down, first, second].map((r) => r!.body.id)).toEqual([down!.body.id, down!.body.id, down!.body.id]);
    expect([down, first, second, up].map((r) => r!.body.reminder)).toEqual([undefined, 1, 2, undefined]);
    expect(first!.headers["preflight-reminder"]).toBe("1");
    expect(first!.body.summary).toBe("CryptoPulse: health check down (reminder)");
    expect(verifyPreflightSignature(first!.raw, String(first!.headers["preflight-signature"]), secret)).toBe(true);
    expect(up!.body.type).toBe("check.up");
    const sequences = await db.alertDelivery.findMany({ where: { eventId: String(down!.body.id) }, orderBy: { sequence: "asc" } });
    expect(sequences.map((d) => [d.sequence, d.status])).toEqual([
      [0, "delivered"],
      [1, "delivered"],
      [2, "delivered"],
    ]);
  }, 60_000);
});
