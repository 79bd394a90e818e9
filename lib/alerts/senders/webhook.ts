/**
 * The generic JSON webhook: one event per message, signed (lib/alerts/signature.ts, docs/alerting.md).
 * Body: {id, type, occurredAt, team:{slug,name}, service:{slug,name,tier,url}|null, summary, details};
 * a reminder also carries `reminder: n` (and the Preflight-Reminder header) with the same event id.
 */
import { describeEvent } from "../describe";
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signWebhook } from "../signature";
import { postBody, type PostOptions } from "./http";
import type { AlertEventForSending, AlertSender } from "./types";

export const REMINDER_HEADER = "Preflight-Reminder";

export function webhookBody(event: AlertEventForSending) {
  return {
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt.toISOString(),
    team: { slug: event.team.slug, name: event.team.name },
    service: event.service ? { slug: event.service.slug, name: event.service.name, tier: event.service.tier, url: event.service.url } : null,
    summary: describeEvent(event).title,
    details: event.details,
    ...(event.reminder ? { reminder: event.reminder } : {}),
  };
}

export function createWebhookSender(post: Pick<PostOptions, "policy" | "extraCa"> = {}): AlertSender {
  return async (channel, events, { signal, now }) => {
    const [event] = events;
    if (!event || events.length !== 1) return { ok: false, status: null, error: "a webhook message carries exactly one event" };
    if (!channel.url) return { ok: false, status: null, error: "the channel has no URL" };
    if (!channel.signingSecret) return { ok: false, status: null, error: "the channel has no signing secret" };
    const raw = JSON.stringify(webhookBody(event));
    const headers: Record<string, string> = { [EVENT_ID_HEADER]: event.id, [SIGNATURE_HEADER]: signWebhook(channel.signingSecret, raw, now) };
    if (event.reminder) headers[REMINDER_HEADER] = String(event.reminder);
    const answer = await postBody(channel.url, raw, headers, { signal, ...post });
    return answer.ok ? { ok: true, status: answer.status } : answer;
  };
}

export const webhook: AlertSender = createWebhookSender();
