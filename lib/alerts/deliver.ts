/**
 * One delivery round (docs/alerting.md, docs/decisions/0024): queue due reminders, then claim due
 * deliveries as workers are free to send them (a lease only ever covers an attempt that has started),
 * send each message with its channel's sender, and record the outcome: delivered on a 2xx within the
 * timeout, otherwise retried with backoff (lib/alerts/backoff.ts) until it fails for good. Run by the
 * scheduler every tick, by the cron round, and for "Send test" with `eventIds`.
 */
import type { Pool } from "pg";
import { openSecret } from "@/lib/checks/header-secrets";
import { sqlPool } from "@/lib/db";
import { publicUrl } from "@/lib/env";
import type { AlertChannelType } from "@/lib/generated/prisma/enums";
import { planRetry } from "./backoff";
import { claimDueDeliveries, claimGroupedDeliveries, LEASE_MARGIN_SECONDS, queueReminders, recordAttempts, type AttemptOutcome, type ClaimedDelivery } from "./outbox";
import { ALERT_SENDERS } from "./senders";
import type { AlertChannelForSending, AlertEventForSending, AlertSender, SendResult } from "./senders/types";
import type { AnyAlertEventType } from "./types";

/** A 2xx within this long counts as delivered. */
export const SEND_TIMEOUT_MS = 10_000;
/** Channel types whose first messages group the events of one service (webhooks: one event each). */
const GROUPED_TYPES: readonly AlertChannelType[] = ["slack", "teams", "email"];

export interface DeliveryRoundOptions {
  pool?: Pool;
  /** messages in flight at once: the round never holds more than this many messages' leases */
  concurrency?: number;
  /** most messages sent by one round */
  limit?: number;
  /** only these events' deliveries (and no reminders): "Send test" */
  eventIds?: string[];
  /** senders to use instead of the registered ones (tests) */
  senders?: Partial<Record<AlertChannelType, AlertSender>>;
  /** default SEND_TIMEOUT_MS */
  timeoutMs?: number;
}

export interface DeliveryRoundSummary {
  /** reminder deliveries queued */
  reminders: number;
  /** deliveries claimed */
  claimed: number;
  messages: number;
  delivered: number;
  /** failed attempts that will be tried again */
  retrying: number;
  /** deliveries that gave up */
  failed: number;
  durationMs: number;
}

interface LoadedChannel {
  sending: AlertChannelForSending;
  enabled: boolean;
  /** why it cannot be sent to as stored (a sealed value that does not open) */
  problem: string | null;
}

interface Message {
  channelId: string;
  deliveries: ClaimedDelivery[];
}

const grouped = (d: ClaimedDelivery) => GROUPED_TYPES.includes(d.channelType) && d.groupSeconds > 0 && d.serviceId !== null && d.attempts === 0 && d.sequence === 0;

/**
 * Messages from the claimed deliveries: one per delivery, except that first attempts of a grouped
 * channel for one service whose events lie within its groupSeconds (primaries claimed together, and
 * the deliveries taken along with them) go as one message.
 */
export function formMessages(primaries: readonly ClaimedDelivery[], takenAlong: readonly ClaimedDelivery[]): Message[] {
  const messages: Message[] = [];
  const byPrimary = new Map<string, Message>();
  const open = new Map<string, { message: Message; startsAt: number }>();
  for (const d of [...primaries].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
    if (grouped(d)) {
      const key = `${d.channelId} ${d.serviceId}`;
      const current = open.get(key);
      if (current && d.occurredAt.getTime() - current.startsAt <= d.groupSeconds * 1000) {
        current.message.deliveries.push(d);
        byPrimary.set(d.id, current.message);
        continue;
      }
      const message = { channelId: d.channelId, deliveries: [d] };
      open.set(key, { message, startsAt: d.occurredAt.getTime() });
      byPrimary.set(d.id, message);
      messages.push(message);
    } else {
      messages.push({ channelId: d.channelId, deliveries: [d] });
    }
  }
  for (const d of takenAlong) {
    const message = d.primaryId ? byPrimary.get(d.primaryId) : undefined;
    if (message) message.deliveries.push(d);
    else messages.push({ channelId: d.channelId, deliveries: [d] });
  }
  for (const m of messages) m.deliveries.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  return messages;
}

function opened(sealed: string | null, what: string): { value: string | null; problem: string | null } {
  if (sealed === null) return { value: null, problem: null };
  const value = openSecret(sealed);
  return value === null ? { value: null, problem: `the channel's ${what} cannot be opened (was NEXTAUTH_SECRET changed?)` } : { value, problem: null };
}

async function loadChannels(pool: Pool, ids: readonly string[]): Promise<Map<string, LoadedChannel>> {
  const { rows } = await pool.query<{
    id: string;
    type: AlertChannelType;
    name: string;
    urlSealed: string | null;
    signingSecretSealed: string | null;
    emails: string[];
    memberEmails: string[];
    enabled: boolean;
  }>(
    `SELECT c.id, c.type, c.name, c."urlSealed", c."signingSecretSealed", c.emails, c.enabled,
            ARRAY(SELECT u.email FROM "Membership" m JOIN "User" u ON u.id = m."userId"
                   WHERE m."teamId" = c."teamId" AND m.role = ANY (c."memberRoles") ORDER BY u.email) AS "memberEmails"
       FROM "AlertChannel" c WHERE c.id = ANY ($1::text[])`,
    [ids],
  );
  return new Map(
    rows.map((c) => {
      const url = opened(c.urlSealed, "URL");
      const secret = opened(c.signingSecretSealed, "signing secret");
      const emails = [...new Set([...c.emails, ...c.memberEmails].map((e) => e.trim().toLowerCase()).filter(Boolean))];
      return [c.id, { sending: { id: c.id, type: c.type, name: c.name, url: url.value, emails, signingSecret: secret.value }, enabled: c.enabled, problem: url.problem ?? secret.problem }];
    }),
  );
}

async function loadEvents(pool: Pool, ids: readonly string[]): Promise<Map<string, Omit<AlertEventForSending, "reminder">>> {
  const { rows } = await pool.query<{
    id: string;
    type: AnyAlertEventType;
    occurredAt: Date;
    details: Record<string, unknown>;
    teamSlug: string;
    teamName: string;
    serviceSlug: string | null;
    serviceName: string | null;
    serviceTier: number | null;
  }>(
    `SELECT e.id, e.type, e."occurredAt", e.details, t.slug AS "teamSlug", t.name AS "teamName",
            s.slug AS "serviceSlug", s.name AS "serviceName", s.tier AS "serviceTier"
       FROM "AlertEvent" e JOIN "Team" t ON t.id = e."teamId" LEFT JOIN "Service" s ON s.id = e."serviceId"
      WHERE e.id = ANY ($1::text[])`,
    [ids],
  );
  const base = publicUrl();
  return new Map(
    rows.map((e) => [
      e.id,
      {
        id: e.id,
        type: e.type,
        occurredAt: e.occurredAt,
        details: e.details,
        team: { slug: e.teamSlug, name: e.teamName },
        service: e.serviceSlug ? { slug: e.serviceSlug, name: e.serviceName!, tier: e.serviceTier!, url: `${base}/services/${e.serviceSlug}` } : null,
      },
    ]),
  );
}

/** Send with a hard deadline: a sender that ignores its signal still ends the attempt at the timeout. */
async function sendWithin(sender: AlertSender, channel: AlertChannelForSending, events: AlertEventForSending[], timeoutMs: number): Promise<SendResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<SendResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ ok: false, status: null, error: `no answer within ${timeoutMs / 1000} s` });
    }, timeoutMs);
  });
  try {
    const sent = sender(channel, events, { signal: controller.signal, now: new Date() }).catch(
      (err: unknown): SendResult => ({ ok: false, status: null, error: err instanceof Error ? err.message : String(err) }),
    );
    const result = await Promise.race([sent, timedOut]);
    return !result.ok && controller.signal.aborted ? { ok: false, status: result.status, error: `no answer within ${timeoutMs / 1000} s` } : result;
  } finally {
    clearTimeout(timer);
  }
}

export async function runDeliveryRound(options: DeliveryRoundOptions = {}): Promise<DeliveryRoundSummary> {
  const started = performance.now();
  const pool = options.pool ?? sqlPool();
  const senders: Partial<Record<AlertChannelType, AlertSender>> = { ...ALERT_SENDERS, ...options.senders };
  const timeoutMs = options.timeoutMs ?? SEND_TIMEOUT_MS;
  const leaseSeconds = timeoutMs / 1000 + LEASE_MARGIN_SECONDS;
  const concurrency = Math.max(1, options.concurrency ?? 20);
  const limit = options.limit ?? 1000;
  const eventIds = options.eventIds ?? null;
  const claimWhenFree = Math.max(1, Math.ceil(concurrency / 10));
  const summary: DeliveryRoundSummary = { reminders: 0, claimed: 0, messages: 0, delivered: 0, retrying: 0, failed: 0, durationMs: 0 };
  if (eventIds?.length === 0) return summary;
  if (!eventIds) summary.reminders = await queueReminders(pool);

  const deliver = async (message: Message, channel: LoadedChannel | undefined, events: Map<string, Omit<AlertEventForSending, "reminder">>) => {
    const toSend = message.deliveries.flatMap((d) => {
      const e = events.get(d.eventId);
      return e ? [{ ...e, reminder: d.sequence }] : [];
    });
    let result: SendResult;
    let final = false;
    const sender = channel ? senders[channel.sending.type] : undefined;
    if (!channel) result = { ok: false, status: null, error: "the channel is gone" };
    else if (!channel.enabled && toSend.some((e) => e.type !== "test")) [result, final] = [{ ok: false, status: null, error: "the channel is disabled" }, true];
    else if (channel.problem) result = { ok: false, status: null, error: channel.problem };
    else if (!sender) result = { ok: false, status: null, error: `no sender for ${channel.sending.type} channels` };
    else result = await sendWithin(sender, channel.sending, toSend, timeoutMs);
    const outcomes: AttemptOutcome[] = message.deliveries.map((d) => {
      const next = result.ok || final ? null : planRetry(d.attempts + 1, d.createdAt, d.claimedAt);
      return { delivery: d, ok: result.ok, status: result.status, error: result.ok ? null : result.error, nextAttemptAt: next instanceof Date ? next : null };
    });
    for (const row of await recordAttempts(pool, outcomes)) {
      if (row.status === "delivered") summary.delivered++;
      else if (row.status === "failed") summary.failed++;
      else summary.retrying++;
    }
  };

  const inFlight = new Set<Promise<void>>();
  let workerFreed: (() => void) | undefined;
  let sendError: unknown;
  const start = (message: Message, channel: LoadedChannel | undefined, events: Map<string, Omit<AlertEventForSending, "reminder">>) => {
    const run = deliver(message, channel, events)
      .catch((err: unknown) => void (sendError ??= err))
      .finally(() => {
        inFlight.delete(run);
        workerFreed?.();
      });
    inFlight.add(run);
  };

  // Claim only as many messages as there are free workers, and claim again as workers free up, until
  // nothing more is due or the round has sent `limit` messages: a lease never covers a wait.
  let claimError: unknown;
  const channels = new Map<string, LoadedChannel>();
  try {
    while (summary.messages < limit && sendError === undefined) {
      const free = concurrency - inFlight.size;
      if (free < Math.min(claimWhenFree, limit - summary.messages)) {
        await new Promise<void>((resolve) => (workerFreed = resolve));
        workerFreed = undefined;
        continue;
      }
      const want = Math.min(free, limit - summary.messages);
      const primaries = await claimDueDeliveries(pool, want, eventIds, leaseSeconds);
      const takenAlong = await claimGroupedDeliveries(pool, primaries.filter(grouped), leaseSeconds);
      const messages = formMessages(primaries, takenAlong);
      const claimed = [...primaries, ...takenAlong];
      const missing = [...new Set(claimed.map((d) => d.channelId))].filter((id) => !channels.has(id));
      if (missing.length) for (const [id, c] of await loadChannels(pool, missing)) channels.set(id, c);
      const events = await loadEvents(pool, [...new Set(claimed.map((d) => d.eventId))]);
      summary.claimed += claimed.length;
      summary.messages += messages.length;
      for (const m of messages) start(m, channels.get(m.channelId), events);
      if (primaries.length < want) break;
    }
  } catch (err) {
    claimError = err; // the messages already started still finish and are recorded
  }
  await Promise.all(inFlight);
  if (claimError !== undefined) throw claimError;
  if (sendError !== undefined) throw sendError;
  summary.durationMs = Math.round(performance.now() - started);
  return summary;
}
