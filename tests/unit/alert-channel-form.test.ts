/** The Notifications page's channel form as API bodies, its issue paths, and the channels' rules and test outcomes in words. */
import { describe, expect, it } from "vitest";
import { channelBodyFromForm, channelFieldErrors } from "@/lib/alerts/channel-form";
import type { PublicChannel, PublicDelivery } from "@/lib/alerts/channel-public";
import { describeChannelRules } from "@/lib/alerts/channel-rules";
import { createChannelSchema, isLoopbackUrl, normalizeEvents, urlHint } from "@/lib/alerts/channel-schemas";
import { deliveryState, describeTestOutcome } from "@/lib/alerts/channel-status";
import { ALERT_EVENT_TYPES } from "@/lib/alerts/types";

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("the channel form", () => {
  it("sends the chosen type's fields only, with every event ticked meaning every event", () => {
    const body = channelBodyFromForm(form([["type", "webhook"], ["name", " Relay "], ["url", "https://relay.example.com/h"], ...ALERT_EVENT_TYPES.map((t): [string, string] => ["events", t]), ["minTier", ""], ["reminderMinutes", ""]]), "create");
    expect(body).toEqual({ type: "webhook", name: "Relay", url: "https://relay.example.com/h", events: [...ALERT_EVENT_TYPES], services: null, minTier: null, reminderMinutes: null });
    expect(normalizeEvents(createChannelSchema.parse(body).events)).toEqual([]);
  });

  it("an email channel: addresses split on lines, commas and spaces; roles; services; a grouping window", () => {
    const body = channelBodyFromForm(
      form([["type", "email"], ["name", "Ops"], ["emails", "a@example.com,\nb@example.com ; c@example.com"], ["memberRoles", "owner"], ["events", "check.down"], ["services", "api"], ["minTier", "2"], ["reminderMinutes", "30"], ["groupSeconds", "0"]]),
      "create",
    );
    expect(body).toEqual({ type: "email", name: "Ops", emails: ["a@example.com", "b@example.com", "c@example.com"], memberRoles: ["owner"], events: ["check.down"], services: ["api"], minTier: 2, reminderMinutes: 30 });
    expect(createChannelSchema.parse(body).groupSeconds).toBe(30);
  });

  it("on edit a blank URL keeps the stored one, and nothing ticked among events is refused at events", () => {
    const body = channelBodyFromForm(form([["name", "Slack"], ["url", ""], ["groupSeconds", "60"]]), "edit", "slack");
    expect(body).toEqual({ name: "Slack", groupSeconds: 60, events: [], services: null, minTier: null, reminderMinutes: null });
    expect(channelFieldErrors({ "emails.2": "not an address", "emails.3": "neither", "services.0": "no such service", name: "Give a name." })).toEqual({ emails: "not an address", services: "no such service", name: "Give a name." });
  });
});

describe("URLs", () => {
  it("are shown as scheme and host; plain http only to this machine", () => {
    expect(urlHint("https://hooks.slack.com/services/T/B/secret")).toBe("https://hooks.slack.com/…");
    expect(urlHint("http://127.0.0.1:4000/x")).toBe("http://127.0.0.1:4000/…");
    for (const u of ["http://localhost:1/x", "http://127.0.0.1/x", "http://[::1]:8080/", "http://relay.localhost/"]) expect([u, isLoopbackUrl(new URL(u))]).toEqual([u, true]);
    for (const u of ["http://10.0.0.1/x", "http://localhost.example.com/", "http://128.0.0.1/"]) expect([u, isLoopbackUrl(new URL(u))]).toEqual([u, false]);
    expect(createChannelSchema.safeParse({ type: "webhook", name: "x", url: "http://localhost:9/h" }).success).toBe(true);
    expect(createChannelSchema.safeParse({ type: "webhook", name: "x", url: "http://example.com/h" }).success).toBe(false);
  });
});

const channel = (over: Partial<PublicChannel>): PublicChannel => ({
  id: "c1",
  type: "slack",
  name: "Slack",
  urlHint: "https://hooks.slack.com/…",
  emails: [],
  memberRoles: [],
  events: null,
  services: null,
  minTier: null,
  reminderMinutes: null,
  groupSeconds: 30,
  enabled: true,
  signed: false,
  status: { lastSuccessAt: null, lastFailureAt: null, lastError: null, queued: 0 },
  createdAt: "2026-12-01T00:00:00.000Z",
  updatedAt: "2026-12-01T00:00:00.000Z",
  ...over,
});

const rules = (c: PublicChannel) => Object.fromEntries(describeChannelRules(c, new Map([["api", "CryptoPulse API"]])).map((r) => [r.term, r.text]));

describe("a channel's rules in words", () => {
  it("defaults: every event, service and tier; no reminders; grouped", () => {
    expect(rules(channel({}))).toEqual({
      "Posts to": "https://hooks.slack.com/…",
      Events: "Every event",
      Services: "Every service of the team",
      Tiers: "Every tier",
      Reminders: "None",
      Grouping: "Events of one service within 30 seconds make one message",
    });
  });

  it("chosen events, services and tiers; reminders; a webhook and an email channel", () => {
    expect(rules(channel({ type: "webhook", urlHint: "https://relay.example.com/…", events: ["check.down", "check.up"], services: ["api"], minTier: 1, reminderMinutes: 1 }))).toMatchObject({
      "Posts to": "https://relay.example.com/…, signed (Preflight-Signature)",
      Events: "Health check down and Health check recovered",
      Services: "CryptoPulse API",
      Tiers: "Tier 1 only",
      Reminders: "Every 1 minute while a health check stays down",
      Grouping: "None: one request per event",
    });
    expect(rules(channel({ type: "email", urlHint: null, emails: ["a@example.com"], memberRoles: ["owner", "editor"], services: [], minTier: 3, groupSeconds: 0 }))).toMatchObject({
      "Sends to": "a@example.com and the team's owners and editors",
      Services: "None: the chosen services were deleted or moved to another team",
      Tiers: "Tiers 1 to 3",
      Grouping: "None: each event is sent at once",
    });
  });
});

const delivery = (over: Partial<PublicDelivery>): PublicDelivery => ({
  id: "d1",
  eventId: "e1",
  eventType: "test",
  title: "Platform: test message",
  sequence: 0,
  status: "pending",
  attempts: 0,
  lastStatus: null,
  lastError: null,
  lastAttemptAt: null,
  nextAttemptAt: "2026-12-01T10:00:30.000Z",
  deliveredAt: null,
  createdAt: "2026-12-01T10:00:00.000Z",
  ...over,
});

describe("the answer to Send test", () => {
  it("says whether the message arrived, waits, will be retried or failed", () => {
    expect(deliveryState(delivery({}))).toBe("queued");
    expect(describeTestOutcome(delivery({}))).toMatch(/^Test message queued/);
    expect(describeTestOutcome(delivery({ status: "delivered", attempts: 1, lastStatus: 204 }))).toBe("Test message delivered (HTTP 204).");
    expect(deliveryState(delivery({ attempts: 1 }))).toBe("retrying");
    expect(describeTestOutcome(delivery({ attempts: 1, lastStatus: 500, lastError: "HTTP 500" }))).toMatch(/^The test message did not get through \(HTTP 500\): HTTP 500\. It is tried again at /);
    expect(describeTestOutcome(delivery({ status: "failed", attempts: 9, lastError: "connection refused", nextAttemptAt: null }))).toBe("The test message failed: connection refused.");
  });
});
