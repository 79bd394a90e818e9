/**
 * Delivery rides on the background rounds as docs/alerting.md says: one POST /api/cron/probe probes a
 * check down and delivers its webhook in the same call, and the in-process scheduler delivers on its own
 * ticks. Each event reaches the receiver once.
 */
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newSigningSecret } from "@/lib/alerts/signature";
import { sealSecret } from "@/lib/checks/header-secrets";
import { db, sqlPool } from "@/lib/db";
import { startProbeScheduler } from "@/lib/probes/scheduler";
import { createTargetPolicy } from "@/lib/probes/target-policy";
import { makeTeam } from "../helpers/actors";
import { alertReceiver, type AlertReceiver } from "../helpers/alert-receiver";
import { dueAt } from "../helpers/due";
import { httpTarget, type TestTarget } from "../helpers/probe-targets";

process.env.CRON_SECRET = "test-cron-secret-0123456789";
const { POST } = await import("@/app/api/cron/probe/route");

let target: TestTarget;
let hook: AlertReceiver;

beforeAll(async () => {
  target = await httpTarget("/", (_req, res) => {
    res.writeHead(503);
    res.end("down");
  });
  hook = await alertReceiver();
});
afterAll(() => Promise.all([target.close(), hook.close()]));

async function downCheckWithWebhook(name: string) {
  const team = await makeTeam();
  const service = await db.service.create({ data: { teamId: team.id, slug: `${name}-${team.slug}`, name } });
  await db.alertChannel.create({
    data: { teamId: team.id, type: "webhook", name: "receiver", urlSealed: sealSecret(hook.url), urlHint: new URL(hook.url).origin, signingSecretSealed: sealSecret(newSigningSecret()) },
  });
  await db.healthCheck.create({ data: { serviceId: service.id, name: "health", url: `${target.url}${name}`, failuresBeforeDown: 1, intervalSeconds: 300, nextRunAt: dueAt() } });
  return service;
}

const receivedFor = (serviceSlug: string) => hook.received.filter((r) => (r.body.service as { slug?: string } | null)?.slug === serviceSlug);

describe("delivery in the background rounds", () => {
  it("POST /api/cron/probe probes the check down and delivers its webhook in the same call", async () => {
    const service = await downCheckWithWebhook("cron");
    const res = await POST(new NextRequest("http://localhost/api/cron/probe", { method: "POST", headers: { authorization: `Bearer ${process.env.CRON_SECRET}` } }), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(200);
    const received = receivedFor(service.slug);
    expect(received.map((r) => r.body.type)).toEqual(["check.down"]);
    const [event] = await db.alertEvent.findMany({ where: { serviceId: service.id } });
    expect(await db.alertDelivery.findMany({ where: { eventId: event!.id } })).toEqual([expect.objectContaining({ status: "delivered", attempts: 1 })]);
  });

  it("the scheduler delivers on its own ticks, once", async () => {
    const service = await downCheckWithWebhook("ticks");
    const scheduler = startProbeScheduler({ pool: sqlPool(), rawRetentionDays: 14, probeOptions: { policy: createTargetPolicy() }, tickMs: 100 });
    try {
      // Wait for the outcome, not for a time: the delivery recorded delivered (or the test's timeout).
      for (;;) {
        const delivered = await db.alertDelivery.count({ where: { event: { serviceId: service.id }, status: "delivered" } });
        if (delivered === 1) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await scheduler.stop();
    }
    expect(receivedFor(service.slug).map((r) => r.body.type)).toEqual(["check.down"]);
  }, 60_000);
});
