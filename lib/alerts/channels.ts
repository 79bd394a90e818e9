/**
 * Alert channels of a team: owners add, change, test and delete them (alerts:manage); editors see them
 * (alerts:read). The URL is stored sealed and shown as its hint only; a webhook's signing secret is
 * sealed too and handed out once, when it is made (creation, rotation). Every write is audited, with the
 * hint and never the URL or the secret.
 */
import { randomBytes } from "node:crypto";
import { authorize, type Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { sealSecret } from "@/lib/checks/header-secrets";
import { db } from "@/lib/db";
import type { AlertChannel, Prisma } from "@/lib/generated/prisma/client";
import { ApiError, type ErrorIssue } from "@/lib/http/errors";
import { probeOptionsFromEnv } from "@/lib/probes/round";
import { refuseUrlHost } from "@/lib/probes/target-policy";
import { publicChannel, publicDelivery, type DeliveryWithEvent, type PublicChannel, type PublicDelivery } from "./channel-public";
import { channelTargetIssues, normalizeEvents, urlHint, type CreateChannelInput, type PatchChannelInput } from "./channel-schemas";
import { newSigningSecret } from "./signature";
import { insertAlertEventsTx } from "./store";

type Ctx = Omit<AuditContext, "actor">;
type Tx = Prisma.TransactionClient;

/** Deliveries listed with a channel. */
export const RECENT_DELIVERIES = 20;

export interface TeamServiceRef {
  id: string;
  slug: string;
  name: string;
  tier: number;
}

/** The team's services a channel may be limited to (archived ones make no events), by name. */
export async function channelServiceChoices(teamId: string): Promise<TeamServiceRef[]> {
  return db.service.findMany({ where: { teamId, archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, tier: true } });
}

async function serviceSlugs(teamId: string, client: Tx = db): Promise<Map<string, string>> {
  const rows = await client.service.findMany({ where: { teamId }, select: { id: true, slug: true } });
  return new Map(rows.map((s) => [s.id, s.slug]));
}

/** Service slugs to ids within the team; each unknown slug is an issue at its position. */
async function resolveServices(tx: Tx, teamId: string, slugs: string[] | null): Promise<{ ids: string[]; issues: ErrorIssue[] }> {
  if (!slugs) return { ids: [], issues: [] };
  const found = await tx.service.findMany({ where: { teamId, slug: { in: slugs } }, select: { id: true, slug: true } });
  const bySlug = new Map(found.map((s) => [s.slug, s.id]));
  const issues = slugs.flatMap((slug, i) => (bySlug.has(slug) ? [] : [{ path: `services.${i}`, message: `The team has no service "${slug}".` }]));
  return { ids: slugs.flatMap((slug) => bySlug.get(slug) ?? []), issues };
}

/** Hosts no request of Preflight reaches (link-local and metadata addresses, PROBE_DENY, outside PROBE_ALLOW). */
function targetIssues(url: string | undefined): ErrorIssue[] {
  if (!url) return [];
  const reason = refuseUrlHost(probeOptionsFromEnv().policy, new URL(url));
  return reason ? [{ path: "url", message: `Preflight does not send to this URL: ${reason}.` }] : [];
}

function refuse(issues: ErrorIssue[]): void {
  if (issues.length) throw new ApiError("unprocessable", "The channel is not valid.", issues);
}

/** What the audit log keeps of a channel: its settings, the URL's hint only, never the secret. */
function auditConfig(c: AlertChannel, slugs: ReadonlyMap<string, string>): Prisma.InputJsonObject {
  return {
    type: c.type,
    name: c.name,
    urlHint: c.urlHint,
    emails: c.emails,
    memberRoles: c.memberRoles,
    events: c.events.length ? c.events : "all",
    services: c.serviceIds.length ? c.serviceIds.map((id) => slugs.get(id) ?? id) : "all",
    minTier: c.minTier,
    reminderMinutes: c.reminderMinutes,
    groupSeconds: c.groupSeconds,
    enabled: c.enabled,
  };
}

async function queuedCounts(channelIds: string[]): Promise<Map<string, number>> {
  if (channelIds.length === 0) return new Map();
  const rows = await db.alertDelivery.groupBy({ by: ["channelId"], where: { channelId: { in: channelIds }, status: "pending" }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.channelId, r._count._all]));
}

async function toPublic(teamId: string, channels: AlertChannel[]): Promise<PublicChannel[]> {
  const [slugs, queued] = await Promise.all([serviceSlugs(teamId), queuedCounts(channels.map((c) => c.id))]);
  return channels.map((c) => publicChannel(c, { slugs, queued: queued.get(c.id) ?? 0 }));
}

async function findChannel(client: Tx, teamId: string, id: string): Promise<AlertChannel> {
  // A channel of another team is "not found" like an unknown id.
  const channel = await client.alertChannel.findFirst({ where: { id, teamId } });
  if (!channel) throw new ApiError("not_found", "No such channel in this team.");
  return channel;
}

export async function listChannels(actor: Actor, teamId: string): Promise<PublicChannel[]> {
  authorize(actor, teamId, "alerts:read", "team");
  const channels = await db.alertChannel.findMany({ where: { teamId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return toPublic(teamId, channels);
}

const DELIVERY_EVENT = { event: { select: { type: true, details: true, service: { select: { name: true } }, team: { select: { name: true } } } } } as const;

/** The newest deliveries of these channels, `perChannel` each, by channel id; only those about `serviceId` when given. */
export async function recentDeliveries(channelIds: string[], perChannel = RECENT_DELIVERIES, serviceId?: string): Promise<Map<string, PublicDelivery[]>> {
  const lists = await Promise.all(
    channelIds.map(async (channelId) => {
      const rows: DeliveryWithEvent[] = await db.alertDelivery.findMany({
        where: { channelId, ...(serviceId ? { event: { serviceId } } : {}) },
        orderBy: [{ createdAt: "desc" }, { sequence: "desc" }, { id: "desc" }],
        take: perChannel,
        include: DELIVERY_EVENT,
      });
      return [channelId, rows.map(publicDelivery)] as const;
    }),
  );
  return new Map(lists);
}

export async function getChannel(actor: Actor, teamId: string, id: string): Promise<{ channel: PublicChannel; deliveries: PublicDelivery[] }> {
  authorize(actor, teamId, "alerts:read", "team");
  const row = await findChannel(db, teamId, id);
  const [[channel], deliveries] = await Promise.all([toPublic(teamId, [row]), recentDeliveries([row.id])]);
  return { channel: channel!, deliveries: deliveries.get(row.id) ?? [] };
}

export async function createChannel(actor: Actor, teamId: string, input: CreateChannelInput, ctx: Ctx): Promise<{ channel: PublicChannel; signingSecret: string | null }> {
  authorize(actor, teamId, "alerts:manage", "team");
  const signingSecret = input.type === "webhook" ? newSigningSecret() : null;
  const row = await db.$transaction(async (tx) => {
    const services = await resolveServices(tx, teamId, input.services);
    refuse([...channelTargetIssues({ ...input, hasUrl: input.url !== undefined }), ...targetIssues(input.url), ...services.issues]);
    const c = await tx.alertChannel.create({
      data: {
        teamId,
        type: input.type,
        name: input.name,
        urlSealed: input.url ? sealSecret(input.url) : null,
        urlHint: input.url ? urlHint(input.url) : null,
        emails: input.emails,
        memberRoles: input.memberRoles,
        events: normalizeEvents(input.events),
        serviceIds: services.ids,
        minTier: input.minTier,
        signingSecretSealed: signingSecret ? sealSecret(signingSecret) : null,
        reminderMinutes: input.reminderMinutes,
        groupSeconds: input.groupSeconds,
        enabled: input.enabled,
      },
    });
    await recordAudit(tx, { actor, ...ctx }, { teamId, action: "alert.channel.create", targetType: "alert_channel", targetId: c.id, after: auditConfig(c, await serviceSlugs(teamId, tx)) });
    return c;
  });
  const [channel] = await toPublic(teamId, [row]);
  return { channel: channel!, signingSecret };
}

export async function updateChannel(actor: Actor, teamId: string, id: string, patch: PatchChannelInput, ctx: Ctx): Promise<PublicChannel> {
  authorize(actor, teamId, "alerts:manage", "team");
  const row = await db.$transaction(async (tx) => {
    const before = await findChannel(tx, teamId, id);
    const { type, url, services, events, ...fields } = patch;
    const resolved = services === undefined ? null : await resolveServices(tx, teamId, services);
    const merged = { ...before, ...fields };
    refuse([
      ...(type !== undefined && type !== before.type ? [{ path: "type", message: `A channel keeps its type (${before.type}): add a new channel instead.` }] : []),
      ...channelTargetIssues({ ...merged, hasUrl: url !== undefined || before.urlSealed !== null }),
      ...targetIssues(url),
      ...(resolved?.issues ?? []),
    ]);
    const c = await tx.alertChannel.update({
      where: { id: before.id },
      data: {
        ...fields,
        ...(url !== undefined ? { urlSealed: sealSecret(url), urlHint: urlHint(url) } : {}),
        ...(events !== undefined ? { events: normalizeEvents(events) } : {}),
        ...(resolved ? { serviceIds: resolved.ids } : {}),
      },
    });
    const slugs = await serviceSlugs(teamId, tx);
    await recordAudit(tx, { actor, ...ctx }, {
      teamId,
      action: "alert.channel.update",
      targetType: "alert_channel",
      targetId: c.id,
      before: auditConfig(before, slugs),
      // A new URL on the same host has the same hint: say that it changed, not what it is.
      after: { ...auditConfig(c, slugs), ...(url !== undefined ? { urlChanged: true } : {}) },
    });
    return c;
  });
  const [channel] = await toPublic(teamId, [row]);
  return channel!;
}

/** Deletes the channel with its deliveries (pending ones are never sent). */
export async function deleteChannel(actor: Actor, teamId: string, id: string, ctx: Ctx): Promise<void> {
  authorize(actor, teamId, "alerts:manage", "team");
  await db.$transaction(async (tx) => {
    const channel = await findChannel(tx, teamId, id);
    await tx.alertChannel.delete({ where: { id: channel.id } });
    await recordAudit(tx, { actor, ...ctx }, { teamId, action: "alert.channel.delete", targetType: "alert_channel", targetId: channel.id, before: auditConfig(channel, await serviceSlugs(teamId, tx)) });
  });
}

/** A new signing secret for a webhook channel; the old one stops signing at once. */
export async function rotateSigningSecret(actor: Actor, teamId: string, id: string, ctx: Ctx): Promise<{ channel: PublicChannel; signingSecret: string }> {
  authorize(actor, teamId, "alerts:manage", "team");
  const signingSecret = newSigningSecret();
  const row = await db.$transaction(async (tx) => {
    const before = await findChannel(tx, teamId, id);
    if (before.type !== "webhook") throw new ApiError("conflict", "Only webhook channels sign their messages: this channel has no signing secret.");
    const c = await tx.alertChannel.update({ where: { id: before.id }, data: { signingSecretSealed: sealSecret(signingSecret) } });
    await recordAudit(tx, { actor, ...ctx }, { teamId, action: "alert.channel.rotate", targetType: "alert_channel", targetId: c.id, after: { name: c.name, signingSecret: "rotated" } });
    return c;
  });
  const [channel] = await toPublic(teamId, [row]);
  return { channel: channel!, signingSecret };
}

/**
 * A `test` event for this channel only (disabled channels too: testing one before turning it on is the
 * point); the fan-out trigger makes its one delivery. Returns the event's id and that delivery, queued.
 */
export async function queueTestMessage(actor: Actor, teamId: string, id: string, ctx: Ctx, now = new Date()): Promise<{ eventId: string; deliveryId: string }> {
  authorize(actor, teamId, "alerts:manage", "team");
  return db.$transaction(async (tx) => {
    const channel = await findChannel(tx, teamId, id);
    const [eventId] = await insertAlertEventsTx(tx, [
      {
        type: "test",
        serviceId: null,
        teamId,
        channelId: channel.id,
        dedupeKey: `test:${channel.id}:${randomBytes(8).toString("hex")}`,
        occurredAt: now,
        details: { channelId: channel.id, requestedBy: actor.email },
      },
    ]);
    const delivery = await tx.alertDelivery.findFirstOrThrow({ where: { eventId: eventId!, channelId: channel.id }, select: { id: true } });
    await recordAudit(tx, { actor, ...ctx }, { teamId, action: "alert.channel.test", targetType: "alert_channel", targetId: channel.id, after: { name: channel.name, eventId: eventId! } });
    return { eventId: eventId!, deliveryId: delivery.id };
  });
}

/** One delivery of a team's channel, as listed with the channel. */
export async function getDelivery(teamId: string, deliveryId: string): Promise<PublicDelivery> {
  const row: DeliveryWithEvent = await db.alertDelivery.findFirstOrThrow({ where: { id: deliveryId, channel: { teamId } }, include: DELIVERY_EVENT });
  return publicDelivery(row);
}
