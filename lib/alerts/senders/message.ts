/**
 * What one alert message says, before a channel renders it: the events of one service worded once
 * (lib/alerts/describe.ts), the title of the whole message, the most severe severity, the context line
 * and the link. Slack, Teams and email render this; they differ only in markup.
 */
import { publicUrl } from "@/lib/env";
import { formatDateTime } from "@/lib/format/time";
import { describeEvent, type AlertSeverity, type AlertWording } from "../describe";
import type { AlertEventForSending } from "./types";

/** Events listed in one message; the rest are counted ("and 4 more"). Keeps Slack under its 50 blocks. */
export const MAX_LISTED_EVENTS = 10;

const SEVERITY_RANK: Record<AlertSeverity, number> = { critical: 3, warning: 2, resolved: 1, info: 0 };

export interface AlertMessage {
  /** one event: its title ("CryptoPulse: health check down"); several: "CryptoPulse: 3 alerts" */
  title: string;
  /** the most severe of the events */
  severity: AlertSeverity;
  /** the events listed, in the order given, at most MAX_LISTED_EVENTS */
  items: { event: AlertEventForSending; wording: AlertWording }[];
  /** events not listed */
  more: number;
  /** the first event's time and the team, and both as "26 Nov 2026, 19:25 UTC · Acme" */
  occurredAt: Date;
  teamName: string;
  context: string;
  /** the service's page in Preflight, or the team's for team-wide events */
  link: { url: string; label: string };
  /** the whole message as plain text: notification previews, email text bodies */
  plainText: string;
}

/** "and 1 more", "and 4 more" */
export const andMore = (n: number) => `and ${n} more`;

export function alertMessage(events: readonly AlertEventForSending[]): AlertMessage {
  const first = events[0];
  if (!first) throw new Error("an alert message needs at least one event");
  const worded = events.map((event) => ({ event, wording: describeEvent(event) }));
  const subject = first.service?.name ?? first.team.name;
  const title = worded.length === 1 ? worded[0]!.wording.title : `${subject}: ${worded.length} alerts`;
  const severity = worded.reduce<AlertSeverity>((top, { wording }) => (SEVERITY_RANK[wording.severity] > SEVERITY_RANK[top] ? wording.severity : top), "info");
  const items = worded.slice(0, MAX_LISTED_EVENTS);
  const more = worded.length - items.length;
  const context = `${formatDateTime(first.occurredAt)} · ${first.team.name}`;
  const link = first.service
    ? { url: first.service.url, label: `Open ${first.service.name} in Preflight` }
    : { url: `${publicUrl()}/teams/${encodeURIComponent(first.team.slug)}`, label: `Open ${first.team.name} in Preflight` };
  const lines =
    worded.length === 1
      ? [title, "", items[0]!.wording.text, "", ...items[0]!.wording.facts.map((f) => `${f.label}: ${f.value}`)]
      : [title, "", ...items.flatMap(({ wording }) => [`- ${wording.title}`, `  ${wording.text}`]), ...(more ? [andMore(more)] : [])];
  const plainText = [...lines, "", context, `${link.label}: ${link.url}`].join("\n");
  return { title, severity, items, more, occurredAt: first.occurredAt, teamName: first.team.name, context, link, plainText };
}
