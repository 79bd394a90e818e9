/**
 * Slack incoming webhooks: one message with a `text` fallback (notifications, screen readers) and Block
 * Kit blocks: a header with the title, the facts (section fields for one event, one section per event
 * for several, capped with "and N more"), a context line with the time and the team, and a link button
 * to the service in Preflight. Within Slack's documented limits: 50 blocks a message, header text 150
 * characters, section text 3,000, at most 10 fields of 2,000, button text 75, button URL 3,000.
 * Text from events is escaped as Slack asks (&, <, > as HTML entities); times are Slack date tokens, so
 * each reader sees their own time zone, with the UTC wording as the fallback.
 */
import { formatDateTime } from "@/lib/format/time";
import type { AlertSeverity } from "../describe";
import { postJson, type PostOptions } from "./http";
import { alertMessage, andMore } from "./message";
import type { AlertEventForSending, AlertSender, SendResult } from "./types";

export const SLACK_LIMITS = { blocks: 50, headerText: 150, sectionText: 3000, fields: 10, fieldText: 2000, buttonText: 75, buttonUrl: 3000 } as const;

const SEVERITY_EMOJI: Record<AlertSeverity, string> = {
  critical: ":red_circle:",
  warning: ":large_orange_circle:",
  resolved: ":large_green_circle:",
  info: ":information_source:",
};

/** Slack's control characters as the entities it asks for; nothing else is entity-encoded. */
export function escapeSlack(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Cut to at most `max` UTF-16 units with an ellipsis, never splitting an emoji or (`entities`) an entity. */
function cut(s: string, max: number, entities = false): string {
  if (s.length <= max) return s;
  let head = s.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, "");
  if (entities) head = head.replace(/&[a-z]*$/, "");
  return `${head}…`;
}

/** Escaped for mrkdwn, then cut to Slack's limit for the field. */
const mrkdwn = (s: string, max: number) => cut(escapeSlack(s), max, true);

/** `<!date^…>` shows the moment in the reader's time zone; the fallback is our UTC wording. */
function slackDate(at: Date, fallback: string): string {
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} {time}|${escapeSlack(fallback)}>`;
}

type Block = Record<string, unknown>;

export function slackPayload(events: readonly AlertEventForSending[]): { text: string; blocks: Block[] } {
  const message = alertMessage(events);
  const blocks: Block[] = [{ type: "header", text: { type: "plain_text", text: cut(message.title, SLACK_LIMITS.headerText), emoji: true } }];
  if (message.items.length === 1) {
    const { wording } = message.items[0]!;
    blocks.push({ type: "section", text: { type: "mrkdwn", text: mrkdwn(`${SEVERITY_EMOJI[wording.severity]} ${wording.text}`, SLACK_LIMITS.sectionText) } });
    if (wording.facts.length) {
      blocks.push({
        type: "section",
        fields: wording.facts.slice(0, SLACK_LIMITS.fields).map((f) => ({ type: "mrkdwn", text: `*${mrkdwn(f.label, 100)}*\n${mrkdwn(f.value, SLACK_LIMITS.fieldText - 110)}` })),
      });
    }
  } else {
    for (const { wording } of message.items) {
      blocks.push({ type: "section", text: { type: "mrkdwn", text: `${SEVERITY_EMOJI[wording.severity]} *${mrkdwn(wording.title, 500)}*\n${mrkdwn(wording.text, SLACK_LIMITS.sectionText - 600)}` } });
    }
    if (message.more) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: andMore(message.more) }] });
  }
  const when = slackDate(message.occurredAt, formatDateTime(message.occurredAt));
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `${when} · ${mrkdwn(message.teamName, 500)}` }] });
  if (message.link.url.length <= SLACK_LIMITS.buttonUrl) {
    blocks.push({ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: cut(message.link.label, SLACK_LIMITS.buttonText), emoji: true }, url: message.link.url, action_id: "open-service" }] });
  }
  // Notifications show `text`: the title and, for one event, its sentence.
  const text = message.items.length === 1 ? `${message.title}: ${message.items[0]!.wording.text}` : `${message.title}: ${message.items.map((i) => i.wording.title).join("; ")}`;
  return { text: mrkdwn(text, SLACK_LIMITS.sectionText), blocks };
}

export function createSlackSender(post: Pick<PostOptions, "policy" | "extraCa"> = {}): AlertSender {
  return async (channel, events, { signal }): Promise<SendResult> => {
    if (!channel.url) return { ok: false, status: null, error: "the channel has no webhook URL" };
    if (events.length === 0) return { ok: false, status: null, error: "no events to send" };
    const answer = await postJson(channel.url, slackPayload(events), { signal, ...post });
    return answer.ok ? { ok: true, status: answer.status } : answer;
  };
}

export const slack: AlertSender = createSlackSender();
