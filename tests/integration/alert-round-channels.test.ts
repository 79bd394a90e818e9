/**
 * Slack, Teams and email channels as the delivery round sends to them after real probe rounds against a
 * loopback target: a local HTTP receiver checks the Slack and Teams messages against their documented
 * shapes (tests/helpers/alert-shapes.ts), a local SMTP server (a real SMTP conversation) takes the emails,
 * and grouping is shown end to end: checks of one service going down together make one message on each
 * chat and email channel, held for its groupSeconds, while a webhook gets one event per message at once.
 * The test clock is the database's: held deliveries are made due by SQL, never by waiting.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDeliveryRound } from "@/lib/alerts/deliver";
import { newSigningSecret } from "@/lib/alerts/signature";
import { sealSecret } from "@/lib/checks/header-secrets";
import { db, sqlPool } from "@/lib/db";
import { publicUrl } from "@/lib/env";
import { runProbeRound } from "@/lib/probes/round";
import { createTargetPolicy } from "@/lib/probes/target-policy";
import { makeTeam } from "../helpers/actors";
import { alertReceiver, type AlertReceiver } from "../helpers/alert-receiver";
import { SlackMessage, TeamsMessage } from "../helpers/alert-shapes";
import { dueAt, makeChecksDue } from "../helpers/due";
import { httpTarget, type TestTarget } from "../helpers/probe-targets";
import { parseMail, smtpSink, type SmtpSink } from "../helpers/smtp-sink";

const probeOptions = { policy: createTargetPolicy() };
let smtp: SmtpSink;
let slackHook: AlertReceiver;
let teamsHook: AlertReceiver;
let webhook: AlertReceiver;
let target: TestTarget;
/** the loopback target answers 503 on the paths listed here, 200 elsewhere */
const failing = new Set<string>();

beforeAll(async () => {
  smtp = await smtpSink();
  // The email sender reads SMTP_URL and EMAIL_FROM from the environment, as in production.
  process.env.SMTP_URL = smtp.url;
  process.env.EMAIL_FROM = "Preflight Alerts <alerts@preflight.example.com>";
  [slackHook, teamsHook, webhook] = await Promise.all([alertReceiver("/slack"), alertReceiver("/teams"), alertReceiver("/webhook")]);
  target = await httpTarget("/", (req, res) => {
    const down = failing.has(new URL(req.url ?? "/", "http://x").pathname);
    res.writeHead(down ? 503 : 200);
    res.end(down ? "down" : "ok");
  });
});

afterAll(async () => {
  await Promise.all([smtp.close(), slackHook.close(), teamsHook.close(), webhook.close(), target.close()]);
});

async function serviceWithChecks(teamId: string, name: string, checkNames: string[]) {
  const slug = `${name.toLowerCase()}-${randomBytes(3).toString("hex")}`;
  const service = await db.service.create({ data: { teamId, slug, name, tier: 1 } });
  const checks = [];
  for (const checkName of checkNames) {
    const url = new URL(`/${slug}/${checkName}`, target.url).toString();
    checks.push(await db.healthCheck.create({ data: { serviceId: service.id, name: checkName, url, timeoutMs: 15_000, intervalSeconds: 300, failuresBeforeDown: 1, nextRunAt: dueAt() } }));
  }
  return { service, checks, path: (checkName: string) => `/${slug}/${checkName}` };
}

async function channels(teamId: string, groupSeconds: number) {
  const seal = (url: string) => ({ urlSealed: sealSecret(url), urlHint: new URL(url).origin });
  const slack = await db.alertChannel.create({ data: { teamId, type: "slack", name: "slack", ...seal(slackHook.url), groupSeconds } });
  const teams = await db.alertChannel.create({ data: { teamId, type: "teams", name: "teams", ...seal(teamsHook.url), groupSeconds } });
  const email = await db.alertChannel.create({ data: { teamId, type: "email", name: "email", emails: ["oncall@example.com"], groupSeconds } });
  const hook = await db.alertChannel.create({ data: { teamId, type: "webhook", name: "webhook", ...seal(webhook.url), signingSecretSealed: sealSecret(newSigningSecret()) } });
  return { slack, teams, email, hook };
}

/** One probe round with the given paths failing. */
async function probe(serviceIds: string[], down: string[]) {
  failing.clear();
  for (const p of down) failing.add(p);
  for (const id of serviceIds) await makeChecksDue(id);
  await runProbeRound({ probeOptions });
}

/** The test clock: these events' deliveries to these channels are due now. */
const makeDue = (eventIds: string[], channelIds: string[]) =>
  sqlPool().query(`UPDATE "AlertDelivery" SET "nextAttemptAt" = now() - interval '1 minute' WHERE "eventId" = ANY ($1) AND "channelId" = ANY ($2)`, [eventIds, channelIds]);

const eventsOf = (serviceId: string) => db.alertEvent.findMany({ where: { serviceId }, orderBy: { occurredAt: "asc" } });

describe("the round's Slack, Teams and email messages", () => {
  it("a check that goes down: Slack and Teams get their documented shapes, the email lands in SMTP with the subject and a link to the service", async () => {
    const team = await makeTeam();
    const { slack, teams, email } = await channels(team.id, 30);
    const { service, path } = await serviceWithChecks(team.id, "CryptoPulse", ["health"]);
    const serviceUrl = `${publicUrl()}/services/${service.slug}`;
    const [slackBefore, teamsBefore, mailsBefore] = [slackHook.received.length, teamsHook.received.length, smtp.mails.length];

    await probe([service.id], [path("health")]);
    const [down] = await eventsOf(service.id);
    expect(down!.type).toBe("check.down");
    // Chat and email channels hold a first message for their groupSeconds; the webhook went at once.
    expect(await runDeliveryRound({ eventIds: [down!.id] })).toMatchObject({ claimed: 1, delivered: 1 });
    expect(slackHook.received.length + teamsHook.received.length + smtp.mails.length).toBe(slackBefore + teamsBefore + mailsBefore);

    await makeDue([down!.id], [slack.id, teams.id, email.id]);
    expect(await runDeliveryRound({ eventIds: [down!.id] })).toMatchObject({ claimed: 3, messages: 3, delivered: 3, retrying: 0 });

    expect(slackHook.received).toHaveLength(slackBefore + 1);
    const slackMessage = SlackMessage.parse(slackHook.received.at(-1)!.body);
    expect(slackHook.received.at(-1)!.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(slackMessage.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "CryptoPulse: health check down", emoji: true } });
    expect(slackMessage.text).toContain("CryptoPulse: health check down");
    expect(JSON.stringify(slackMessage.blocks)).toContain("HTTP 503, expected 200-299");
    const button = slackMessage.blocks.find((b) => b.type === "actions");
    expect(button?.elements[0]).toMatchObject({ type: "button", url: serviceUrl });

    expect(teamsHook.received).toHaveLength(teamsBefore + 1);
    const card = TeamsMessage.parse(teamsHook.received.at(-1)!.body).attachments[0]!.content;
    expect(card.body[0]).toMatchObject({ type: "TextBlock", text: "CryptoPulse: health check down" });
    expect(JSON.stringify(card.body)).toContain("HTTP 503, expected 200-299");
    expect(card.actions).toEqual([expect.objectContaining({ type: "Action.OpenUrl", url: serviceUrl })]);

    expect(smtp.mails).toHaveLength(mailsBefore + 1);
    const mail = smtp.mails.at(-1)!;
    expect(mail).toMatchObject({ from: "alerts@preflight.example.com", to: ["oncall@example.com"], user: "alerts" });
    const parsed = parseMail(mail.raw);
    expect(parsed.subject).toBe("CryptoPulse: health check down");
    expect(parsed.text).toContain(`Open CryptoPulse in Preflight: ${serviceUrl}`);
    expect(parsed.html).toContain(`<a href="${serviceUrl}">Open CryptoPulse in Preflight</a>`);

    const deliveries = await db.alertDelivery.findMany({ where: { eventId: down!.id } });
    expect(deliveries.map((d) => d.status)).toEqual(["delivered", "delivered", "delivered", "delivered"]);
    for (const c of [slack, teams, email]) expect(await db.alertChannel.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ lastError: null, lastSuccessAt: expect.any(Date) });
  }, 60_000);
});

describe("grouping", () => {
  it("three checks of one service going down in one round make one message per chat and email channel; the webhook gets each event at once", async () => {
    const team = await makeTeam();
    const { slack, teams, email } = await channels(team.id, 60);
    const main = await serviceWithChecks(team.id, "CryptoPulse", ["api", "web", "worker"]);
    const other = await serviceWithChecks(team.id, "Ledger", ["api"]);
    const [slackBefore, teamsBefore, mailsBefore, hooksBefore] = [slackHook.received.length, teamsHook.received.length, smtp.mails.length, webhook.received.length];

    await probe([main.service.id, other.service.id], [main.path("api"), main.path("web"), main.path("worker"), other.path("api")]);
    const downs = await eventsOf(main.service.id);
    const [otherDown] = await eventsOf(other.service.id);
    expect(downs.map((e) => e.type)).toEqual(["check.down", "check.down", "check.down"]);
    const ids = [...downs.map((e) => e.id), otherDown!.id];

    // Webhooks: one event per message, sent at once. Chat and email: held for groupSeconds.
    expect(await runDeliveryRound({ eventIds: ids })).toMatchObject({ claimed: 4, messages: 4, delivered: 4 });
    expect(webhook.received.slice(hooksBefore).map((r) => r.body.id).sort()).toEqual([...ids].sort());
    expect([slackHook.received.length, teamsHook.received.length, smtp.mails.length]).toEqual([slackBefore, teamsBefore, mailsBefore]);

    // One of the service's held deliveries comes due: it takes the service's other two along, not Ledger's.
    await makeDue([downs[1]!.id], [slack.id, teams.id, email.id]);
    expect(await runDeliveryRound({ eventIds: ids })).toMatchObject({ claimed: 9, messages: 3, delivered: 9 });
    expect(slackHook.received).toHaveLength(slackBefore + 1);
    expect(teamsHook.received).toHaveLength(teamsBefore + 1);
    expect(smtp.mails).toHaveLength(mailsBefore + 1);

    const slackMessage = SlackMessage.parse(slackHook.received.at(-1)!.body);
    expect(slackMessage.blocks[0]).toMatchObject({ type: "header", text: { text: "CryptoPulse: 3 alerts" } });
    const card = TeamsMessage.parse(teamsHook.received.at(-1)!.body).attachments[0]!.content;
    expect(card.body[0]).toMatchObject({ type: "TextBlock", text: "CryptoPulse: 3 alerts" });
    const mail = parseMail(smtp.mails.at(-1)!.raw);
    expect(mail.subject).toBe("CryptoPulse: 3 alerts");
    for (const name of ["api", "web", "worker"]) {
      expect(JSON.stringify(slackMessage.blocks)).toContain(`“${name}”`);
      expect(JSON.stringify(card.body)).toContain(`“${name}”`);
      expect(mail.text).toContain(`“${name}”`);
    }
    expect(JSON.stringify(slackMessage)).not.toContain("Ledger");

    // Ledger's deliveries are still held, and go as their own message when due.
    expect(await db.alertDelivery.count({ where: { eventId: otherDown!.id, status: "pending" } })).toBe(3);
    await makeDue([otherDown!.id], [slack.id, teams.id, email.id]);
    expect(await runDeliveryRound({ eventIds: ids })).toMatchObject({ claimed: 3, messages: 3, delivered: 3 });
    expect(SlackMessage.parse(slackHook.received.at(-1)!.body).blocks[0]).toMatchObject({ text: { text: "Ledger: check “api” down" } });
    expect(await db.alertDelivery.count({ where: { eventId: { in: ids }, status: "delivered" } })).toBe(16);
    // Nothing is sent twice: every event reached each channel once.
    expect(await runDeliveryRound({ eventIds: ids })).toMatchObject({ claimed: 0 });
    expect([slackHook.received.length - slackBefore, teamsHook.received.length - teamsBefore, smtp.mails.length - mailsBefore, webhook.received.length - hooksBefore]).toEqual([2, 2, 2, 4]);
  }, 60_000);
});
