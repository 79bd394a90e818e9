/**
 * Microsoft Teams: an Adaptive Card (schema 1.4; Teams renders up to 1.5) in the message envelope that
 * both the Workflows app's "When a Teams webhook request is received" trigger and the older incoming
 * webhook connectors take: `{"type":"message","attachments":[{"contentType":
 * "application/vnd.microsoft.card.adaptive","content":{AdaptiveCard}}]}`. Workflows support Adaptive
 * Cards only (no MessageCard), and Action.OpenUrl is one of the actions webhooks support. The card: the
 * title as a heading coloured by severity (the words say it too), the sentence, the facts as a FactSet
 * (one event) or one block per event (several, capped with "and N more"), the time and the team, and a
 * button to the service in Preflight.
 */
import type { AlertSeverity } from "../describe";
import { postJson, statusError, type PostOptions } from "./http";
import { alertMessage, andMore } from "./message";
import type { AlertEventForSending, AlertSender, SendResult } from "./types";

const SEVERITY_COLOR: Record<AlertSeverity, "Attention" | "Warning" | "Good" | "Accent"> = {
  critical: "Attention",
  warning: "Warning",
  resolved: "Good",
  info: "Accent",
};

type Element = Record<string, unknown>;

const textBlock = (text: string, more: Element = {}): Element => ({ type: "TextBlock", text, wrap: true, ...more });

export function teamsPayload(events: readonly AlertEventForSending[]) {
  const message = alertMessage(events);
  const body: Element[] = [textBlock(message.title, { size: "Large", weight: "Bolder", color: SEVERITY_COLOR[message.severity] })];
  if (message.items.length === 1) {
    const { wording } = message.items[0]!;
    body.push(textBlock(wording.text));
    if (wording.facts.length) body.push({ type: "FactSet", facts: wording.facts.map((f) => ({ title: f.label, value: f.value })) });
  } else {
    for (const { wording } of message.items) {
      body.push(textBlock(wording.title, { weight: "Bolder", color: SEVERITY_COLOR[wording.severity], spacing: "Medium" }));
      body.push(textBlock(wording.text, { spacing: "Small" }));
    }
    if (message.more) body.push(textBlock(andMore(message.more), { isSubtle: true }));
  }
  body.push(textBlock(message.context, { size: "Small", isSubtle: true, spacing: "Medium" }));
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          type: "AdaptiveCard",
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          version: "1.4",
          // shown by a client that cannot render this card version
          fallbackText: message.plainText,
          body,
          actions: [{ type: "Action.OpenUrl", title: message.link.label, url: message.link.url }],
        },
      },
    ],
  };
}

/**
 * Teams connectors answer a throttled request with 200 and the real status in the body ("Microsoft Teams
 * endpoint returned HTTP error 429"): that is not a delivery.
 */
const THROTTLED_IN_BODY = /returned HTTP error (\d{3})/;

export function createTeamsSender(post: Pick<PostOptions, "policy" | "extraCa"> = {}): AlertSender {
  return async (channel, events, { signal }): Promise<SendResult> => {
    if (!channel.url) return { ok: false, status: null, error: "the channel has no webhook URL" };
    if (events.length === 0) return { ok: false, status: null, error: "no events to send" };
    const answer = await postJson(channel.url, teamsPayload(events), { signal, ...post });
    if (!answer.ok) return answer;
    const hidden = THROTTLED_IN_BODY.exec(answer.body);
    if (hidden) return { ok: false, status: Number(hidden[1]), error: statusError(Number(hidden[1]), answer.body) };
    return { ok: true, status: answer.status };
  };
}

export const teams: AlertSender = createTeamsSender();
