import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { insertAlertEvents, insertAlertEventsTx } from "@/lib/alerts/store";
import type { NewAlertEvent } from "@/lib/alerts/types";
import { db, sqlPool } from "@/lib/db";
import { makeTeam } from "../helpers/actors";

async function serviceWithChannels(tier = 2) {
  const team = await makeTeam();
  const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${randomBytes(3).toString("hex")}`, name: "CryptoPulse", tier } });
  const all = await db.alertChannel.create({ data: { teamId: team.id, type: "webhook", name: "all", urlSealed: "x" } });
  const onlyReviews = await db.alertChannel.create({ data: { teamId: team.id, type: "slack", name: "reviews", urlSealed: "x", events: ["review.requested"] } });
  const tier1 = await db.alertChannel.create({ data: { teamId: team.id, type: "email", name: "tier 1", emails: ["a@example.com"], minTier: 1 } });
  return { team, service, all, onlyReviews, tier1 };
}

const down = (serviceId: string, key = randomBytes(4).toString("hex")): NewAlertEvent => ({
  type: "check.down",
  serviceId,
  dedupeKey: `check.down:${key}`,
  occurredAt: new Date(),
  details: { checkId: "c1", checkName: "health", url: "https://example.com/health", incidentId: key, startedAt: new Date().toISOString(), error: "HTTP 503" },
});

describe("alert events", () => {
  it("fill the team from the service and fan out one delivery per matching channel", async () => {
    const { team, service, all, tier1 } = await serviceWithChannels(2);
    const ids = await insertAlertEvents(sqlPool(), [down(service.id)]);
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(/^evt_/);
    const event = await db.alertEvent.findUniqueOrThrow({ where: { id: ids[0] }, include: { deliveries: true } });
    expect(event.teamId).toBe(team.id);
    expect(event.deliveries.map((d) => d.channelId)).toEqual([all.id]);
    await db.service.update({ where: { id: service.id }, data: { tier: 1 } });
    const [second] = await insertAlertEvents(sqlPool(), [down(service.id)]);
    const deliveries = await db.alertDelivery.findMany({ where: { eventId: second } });
    expect(deliveries.map((d) => d.channelId).sort()).toEqual([all.id, tier1.id].sort());
  });

  it("write the same state change once, from a pg client or a Prisma transaction", async () => {
    const { service } = await serviceWithChannels();
    const event = down(service.id, "same");
    event.dedupeKey = `check.down:${service.id}`;
    expect(await insertAlertEvents(sqlPool(), [event])).toHaveLength(1);
    expect(await db.$transaction((tx) => insertAlertEventsTx(tx, [event]))).toEqual([]);
    expect(await db.alertEvent.count({ where: { serviceId: service.id } })).toBe(1);
  });

  it("are suppressed, with no deliveries, for check events while the service is in maintenance", async () => {
    const { service } = await serviceWithChannels();
    await db.maintenanceWindow.create({ data: { serviceId: service.id, startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 60_000), reason: "upgrade" } });
    const [id] = await insertAlertEvents(sqlPool(), [down(service.id)]);
    const event = await db.alertEvent.findUniqueOrThrow({ where: { id }, include: { deliveries: true } });
    expect(event.suppressed).toBe(true);
    expect(event.deliveries).toEqual([]);
  });

  it("a test event goes to its one channel only", async () => {
    const { team, onlyReviews } = await serviceWithChannels();
    const [id] = await insertAlertEvents(sqlPool(), [
      { type: "test", serviceId: null, teamId: team.id, channelId: onlyReviews.id, dedupeKey: `test:${randomBytes(4).toString("hex")}`, occurredAt: new Date(), details: { channelId: onlyReviews.id, requestedBy: "olive@example.com" } },
    ]);
    expect((await db.alertDelivery.findMany({ where: { eventId: id } })).map((d) => d.channelId)).toEqual([onlyReviews.id]);
  });

  it("refuse details that do not match their type, writing nothing", async () => {
    const { service } = await serviceWithChannels();
    const bad = { ...down(service.id), details: { checkId: "c1" } } as unknown as NewAlertEvent;
    await expect(insertAlertEvents(sqlPool(), [bad])).rejects.toThrow();
    expect(await db.alertEvent.count({ where: { serviceId: service.id } })).toBe(0);
  });
});
