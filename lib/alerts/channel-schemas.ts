/**
 * What an alert channel may be: the API bodies (create, patch) and the rules that tie a channel's fields
 * to its type, applied to the whole channel after a patch is merged. Pure: the team's service slugs are
 * resolved and the URL is sealed in lib/alerts/channels.ts.
 */
import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import type { AlertChannelType } from "@/lib/generated/prisma/enums";
import type { ErrorIssue } from "@/lib/http/errors";
import { ALERT_EVENT_TYPES } from "./types";

export const CHANNEL_TYPES = ["email", "slack", "teams", "webhook"] as const satisfies readonly AlertChannelType[];

/** The types that post to a URL; email sends to addresses instead. */
export const URL_CHANNEL_TYPES: readonly AlertChannelType[] = ["slack", "teams", "webhook"];

export const CHANNEL_TYPE_LABELS: Record<AlertChannelType, string> = {
  email: "Email",
  slack: "Slack (incoming webhook)",
  teams: "Microsoft Teams (incoming webhook)",
  webhook: "Webhook (signed JSON)",
};

export const CHANNEL_BOUNDS = {
  reminderMinutes: [5, 1440],
  groupSeconds: [0, 600],
  minTier: [1, 4],
  emails: 50,
} as const;

export const CHANNEL_DEFAULTS = { groupSeconds: 30, enabled: true } as const;

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Whether a URL's host is this machine: plain http there never crosses a network. */
export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.test(url.hostname) || url.hostname.toLowerCase().endsWith(".localhost");
}

/** What people see of a stored URL: its scheme and host ("https://hooks.slack.com/…"); the path often is the secret. */
export function urlHint(value: string): string {
  const url = new URL(value);
  return `${url.protocol}//${url.host}/…`;
}

const whole = (name: string, [lo, hi]: readonly [number, number], unit = "") => {
  const message = `${name} must be a whole number from ${lo.toLocaleString("en")} to ${hi.toLocaleString("en")}${unit}.`;
  return z.number({ error: message }).int(message).min(lo, message).max(hi, message);
};

/**
 * https, or http to this machine (a local relay; the e2e receiver): Slack and Teams URLs are credentials in
 * themselves, and every message names services and their failures, so nothing goes over a network in clear.
 */
const urlSchema = z
  .string()
  .trim()
  .min(1, "Enter the URL to post to.")
  .max(2000)
  .superRefine((value, ctx) => {
    if (!value) return;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a full URL such as https://hooks.slack.com/services/…" });
      return;
    }
    if (url.protocol === "https:") return;
    if (url.protocol === "http:" && isLoopbackUrl(url)) return;
    ctx.addIssue({ code: "custom", message: url.protocol === "http:" ? "The URL must start with https:// (plain http only to this machine: localhost, 127.0.0.1)." : "The URL must start with https://." });
  });

const dedupe = <T>(list: T[]) => [...new Set(list)];

const fields = {
  name: z.string().trim().min(1, "Give the channel a name.").max(80),
  url: urlSchema,
  emails: z
    .array(z.string().trim().toLowerCase().pipe(z.email({ error: (issue) => `"${String(issue.input)}" is not an email address.` })))
    .max(CHANNEL_BOUNDS.emails, `List at most ${CHANNEL_BOUNDS.emails} addresses.`)
    .transform(dedupe),
  memberRoles: z.array(z.enum(ROLES, { error: `A member role is one of ${ROLES.join(", ")}.` })).transform(dedupe),
  /** null: every event type (also those added later) */
  events: z
    .array(z.enum(ALERT_EVENT_TYPES, { error: (issue) => `${JSON.stringify(issue.input) ?? String(issue.input)} is not an event type; the types are ${ALERT_EVENT_TYPES.join(", ")}.` }))
    .min(1, "Choose at least one event, or leave events out (null) for every event.")
    .transform(dedupe)
    .nullable(),
  /** service slugs of the channel's team; null: every service of the team (also those added later) */
  services: z.array(z.string().trim().min(1).max(100)).min(1, "Choose at least one service, or leave services out (null) for every service.").max(500).transform(dedupe).nullable(),
  /** only services of this tier or a more critical one (1 is the most critical); null: every tier */
  minTier: whole("The tier", CHANNEL_BOUNDS.minTier).nullable(),
  /** re-send a check.down this often while its incident stays open; null: no reminders */
  reminderMinutes: whole("The reminder interval", CHANNEL_BOUNDS.reminderMinutes, " minutes").nullable(),
  /** hold a first message this long so events of one service make one message (Slack, Teams, email) */
  groupSeconds: whole("The grouping window", CHANNEL_BOUNDS.groupSeconds, " s"),
  enabled: z.boolean(),
};

export const createChannelSchema = z
  .object({
    type: z.enum(CHANNEL_TYPES, { error: `The type is one of ${CHANNEL_TYPES.join(", ")}.` }),
    name: fields.name,
    url: fields.url.optional(),
    emails: fields.emails.default([]),
    memberRoles: fields.memberRoles.default([]),
    events: fields.events.default(null),
    services: fields.services.default(null),
    minTier: fields.minTier.default(null),
    reminderMinutes: fields.reminderMinutes.default(null),
    groupSeconds: fields.groupSeconds.default(CHANNEL_DEFAULTS.groupSeconds),
    enabled: fields.enabled.default(CHANNEL_DEFAULTS.enabled),
  })
  .strict();

/** Any subset; `type` may be given only unchanged (a channel keeps its type: create another instead). */
export const patchChannelSchema = z
  .object({
    type: z.enum(CHANNEL_TYPES).optional(),
    name: fields.name.optional(),
    url: fields.url.optional(),
    emails: fields.emails.optional(),
    memberRoles: fields.memberRoles.optional(),
    events: fields.events.optional(),
    services: fields.services.optional(),
    minTier: fields.minTier.optional(),
    reminderMinutes: fields.reminderMinutes.optional(),
    groupSeconds: fields.groupSeconds.optional(),
    enabled: fields.enabled.optional(),
  })
  .strict();

export type CreateChannelInput = z.output<typeof createChannelSchema>;
export type PatchChannelInput = z.output<typeof patchChannelSchema>;

/** A full set of events means every event, including types added later. */
export function normalizeEvents(events: readonly string[] | null): string[] {
  return events && !ALERT_EVENT_TYPES.every((t) => events.includes(t)) ? [...events] : [];
}

/** Rules between a channel's type and its targets, on the channel as it will be stored. */
export function channelTargetIssues(c: { type: AlertChannelType; hasUrl: boolean; emails: readonly string[]; memberRoles: readonly string[] }): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  if (c.type === "email") {
    if (c.hasUrl) issues.push({ path: "url", message: "An email channel has no URL: list addresses in emails, or member roles in memberRoles." });
    if (c.emails.length === 0 && c.memberRoles.length === 0) issues.push({ path: "emails", message: "List at least one address, or choose member roles to send to." });
  } else {
    if (!c.hasUrl) issues.push({ path: "url", message: `Enter the URL of the ${CHANNEL_TYPE_LABELS[c.type]} to post to.` });
    if (c.emails.length) issues.push({ path: "emails", message: "Only email channels send to addresses." });
    if (c.memberRoles.length) issues.push({ path: "memberRoles", message: "Only email channels send to members." });
  }
  return issues;
}
