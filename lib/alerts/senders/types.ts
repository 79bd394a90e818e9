/**
 * What a sender gets and answers. The delivery round (lib/alerts/deliver.ts) loads the channel (its
 * URL and secret opened, its member emails resolved) and the events of one message, calls the sender
 * of the channel's type, and records the answer. Webhook messages always carry one event; Slack, Teams
 * and email may carry several events of one service (grouping).
 */
import type { AlertChannelType } from "@/lib/generated/prisma/enums";
import type { AnyAlertEventType } from "../types";

export interface AlertChannelForSending {
  id: string;
  type: AlertChannelType;
  name: string;
  /** slack, teams, webhook: the opened URL */
  url: string | null;
  /** email: the chosen addresses and the members with the chosen roles, deduplicated */
  emails: string[];
  /** webhook: the opened signing secret */
  signingSecret: string | null;
}

export interface AlertEventForSending {
  id: string;
  type: AnyAlertEventType;
  occurredAt: Date;
  /** parsed with alertDetailsSchemas[type] */
  details: Record<string, unknown>;
  team: { slug: string; name: string };
  /** null for team-wide events (test) */
  service: { slug: string; name: string; tier: number; url: string } | null;
  /** 0 for the event itself, n for the n-th reminder while its incident stays open */
  reminder: number;
}

export interface SendOptions {
  /** aborts the request (10 s: a 2xx within it counts as delivered) */
  signal: AbortSignal;
  /** the moment of this attempt (the webhook signature's t=) */
  now: Date;
}

export type SendResult = { ok: true; status: number | null } | { ok: false; status: number | null; error: string };

export type AlertSender = (channel: AlertChannelForSending, events: readonly AlertEventForSending[], options: SendOptions) => Promise<SendResult>;
