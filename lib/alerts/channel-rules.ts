/**
 * A channel's rules in words, for the Notifications page: where it sends, which events of which services,
 * reminders and grouping. Pure: it reads the channel as the API answers it and the team's service names.
 */
import { EVENT_TYPE_LABELS } from "./describe";
import type { PublicChannel } from "./channel-public";
import type { AnyAlertEventType } from "./types";

export interface RuleLine {
  term: string;
  text: string;
}

/** "a", "a and b", "a, b and c". */
const listed = (items: readonly string[]) => (items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function recipients(c: PublicChannel): string {
  if (c.type !== "email") return c.type === "webhook" ? `${c.urlHint ?? "—"}, signed (Preflight-Signature)` : (c.urlHint ?? "—");
  const roles = c.memberRoles.length ? `the team's ${listed(c.memberRoles.map((r) => `${r}s`))}` : "";
  return listed([...c.emails, ...(roles ? [roles] : [])]);
}

function tiers(minTier: number | null): string {
  if (minTier === null || minTier >= 4) return "Every tier";
  return minTier === 1 ? "Tier 1 only" : `Tiers 1 to ${minTier}`;
}

function grouping(c: PublicChannel): string {
  if (c.type === "webhook") return "None: one request per event";
  if (c.groupSeconds === 0) return "None: each event is sent at once";
  return `Events of one service within ${plural(c.groupSeconds, "second", "seconds")} make one message`;
}

export function describeChannelRules(c: PublicChannel, serviceNames: ReadonlyMap<string, string>): RuleLine[] {
  const services =
    c.services === null
      ? "Every service of the team"
      : c.services.length === 0
        ? "None: the chosen services were deleted or moved to another team"
        : listed(c.services.map((slug) => serviceNames.get(slug) ?? slug));
  return [
    { term: c.type === "email" ? "Sends to" : "Posts to", text: recipients(c) },
    { term: "Events", text: c.events === null ? "Every event" : listed(c.events.map((t) => EVENT_TYPE_LABELS[t as AnyAlertEventType] ?? t)) },
    { term: "Services", text: services },
    { term: "Tiers", text: tiers(c.minTier) },
    { term: "Reminders", text: c.reminderMinutes === null ? "None" : `Every ${plural(c.reminderMinutes, "minute", "minutes")} while a health check stays down` },
    { term: "Grouping", text: grouping(c) },
  ];
}
