/**
 * Alert channels and their deliveries as the API answers them (and the Notifications page shows them).
 * Never the URL (only its hint) and never the signing secret: those are in the create and rotate answers
 * only, added there by the route.
 */
import { z } from "zod";
import type { AlertChannel, AlertDelivery } from "@/lib/generated/prisma/client";
import { describeEvent, EVENT_TYPE_LABELS } from "./describe";
import { CHANNEL_TYPES } from "./channel-schemas";
import type { AnyAlertEventType } from "./types";

const role = z.enum(["owner", "editor", "reviewer", "viewer"]);
const instant = z.iso.datetime().nullable();

export const channelStatusOutput = z.strictObject({
  lastSuccessAt: instant.describe("the last delivery that a target accepted"),
  lastFailureAt: instant.describe("the last failed attempt"),
  lastError: z.string().nullable().describe("what the last failed attempt answered"),
  queued: z.number().int().describe("deliveries waiting to be sent or retried"),
});

export const channelOutput = z.strictObject({
  id: z.string(),
  type: z.enum(CHANNEL_TYPES),
  name: z.string(),
  urlHint: z.string().nullable().describe('scheme and host of the stored URL ("https://hooks.slack.com/…"); the URL itself is never shown'),
  emails: z.array(z.string()),
  memberRoles: z.array(role).describe("email: also the team's members with these roles"),
  events: z.array(z.string()).nullable().describe("event types sent; null: every type"),
  services: z.array(z.string()).nullable().describe("slugs of the services whose events are sent; null: every service of the team"),
  minTier: z.number().int().nullable().describe("only services of this tier or a more critical one (1 is the most critical); null: every tier"),
  reminderMinutes: z.number().int().nullable().describe("a check.down is sent again this often while its incident stays open; null: never"),
  groupSeconds: z.number().int().describe("Slack, Teams, email: events of one service within this window make one message; 0 sends at once"),
  enabled: z.boolean(),
  signed: z.boolean().describe("webhook: requests carry Preflight-Signature (the secret is shown at creation and rotation only)"),
  status: channelStatusOutput,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type PublicChannel = z.infer<typeof channelOutput>;

export const deliveryOutput = z.strictObject({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  title: z.string().describe('the event as its message words it ("CryptoPulse: health check down")'),
  sequence: z.number().int().describe("0 for the event itself, n for its n-th reminder"),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable().describe("the HTTP status of the last attempt, when there was one"),
  lastError: z.string().nullable(),
  lastAttemptAt: instant,
  nextAttemptAt: instant.describe("pending: when it is (re)tried"),
  deliveredAt: instant,
  createdAt: z.iso.datetime(),
});
export type PublicDelivery = z.infer<typeof deliveryOutput>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** `slugs` maps the team's service ids to slugs; an id not in it (a deleted service) is left out. */
export function publicChannel(c: AlertChannel, ctx: { slugs: ReadonlyMap<string, string>; queued: number }): PublicChannel {
  return {
    id: c.id,
    type: c.type,
    name: c.name,
    urlHint: c.urlHint,
    emails: c.emails,
    memberRoles: c.memberRoles,
    events: c.events.length ? c.events : null,
    services: c.serviceIds.length ? c.serviceIds.flatMap((id) => ctx.slugs.get(id) ?? []) : null,
    minTier: c.minTier,
    reminderMinutes: c.reminderMinutes,
    groupSeconds: c.groupSeconds,
    enabled: c.enabled,
    signed: c.signingSecretSealed !== null,
    status: { lastSuccessAt: iso(c.lastSuccessAt), lastFailureAt: iso(c.lastFailureAt), lastError: c.lastError, queued: ctx.queued },
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export type DeliveryWithEvent = AlertDelivery & {
  event: { type: string; details: unknown; service: { name: string } | null; team: { name: string } };
};

/** The title its message carries; the type's label when the stored facts no longer parse (an older shape). */
export function deliveryTitle(d: DeliveryWithEvent): string {
  const type = d.event.type as AnyAlertEventType;
  try {
    return describeEvent({ type, details: d.event.details, service: d.event.service, team: d.event.team, reminder: d.sequence }).title;
  } catch {
    return EVENT_TYPE_LABELS[type] ?? d.event.type;
  }
}

export function publicDelivery(d: DeliveryWithEvent): PublicDelivery {
  return {
    id: d.id,
    eventId: d.eventId,
    eventType: d.event.type,
    title: deliveryTitle(d),
    sequence: d.sequence,
    status: d.status,
    attempts: d.attempts,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    lastAttemptAt: iso(d.lastAttemptAt),
    nextAttemptAt: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
    deliveredAt: iso(d.deliveredAt),
    createdAt: d.createdAt.toISOString(),
  };
}
