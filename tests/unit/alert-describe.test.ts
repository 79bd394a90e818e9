/**
 * The one wording of alert events (lib/alerts/describe.ts): every event type has one, titles lead with
 * the service, numbers are rounded for people, and reminders say that they are reminders.
 */
import { describe, expect, it } from "vitest";
import { describeEvent, EVENT_TYPE_LABELS } from "@/lib/alerts/describe";
import { ALERT_EVENT_TYPES, type AnyAlertEventType } from "@/lib/alerts/types";
import { ALL_SAMPLE_TYPES, SAMPLE_DETAILS } from "../helpers/alert-samples";

const CRYPTOPULSE = { name: "CryptoPulse" };
const word = (type: AnyAlertEventType, extra: { reminder?: number; details?: unknown } = {}) =>
  describeEvent({ type, details: extra.details ?? SAMPLE_DETAILS[type], service: CRYPTOPULSE, team: { name: "Payments" }, reminder: extra.reminder });

/** Every string a person reads of a wording. */
const allText = (w: ReturnType<typeof describeEvent>) => [w.title, w.text, ...w.facts.flatMap((f) => [f.label, f.value])];

/**
 * Numbers the one value formatter (lib/format/amount.ts) never writes: a fraction from 100 on
 * (1234.5678901), or more than 3 significant digits below it (12.903225806451612, 0.3333).
 */
function rawFloats(text: string): string[] {
  return (text.match(/\d[\d,]*\.\d+/g) ?? []).filter((n) => {
    const [whole = "", fraction = ""] = n.replace(/,/g, "").split(".");
    return Number(whole) >= 100 || (whole.replace(/^0+/, "") + fraction).replace(/^0+/, "").length > 3;
  });
}

describe("alert wording", () => {
  it("covers every event type and the test message", () => {
    expect(ALL_SAMPLE_TYPES.sort()).toEqual([...ALERT_EVENT_TYPES, "test"].sort());
    for (const type of ALL_SAMPLE_TYPES) {
      const w = word(type);
      expect(w.title.length, type).toBeGreaterThan("CryptoPulse: ".length);
      expect(w.text, type).toMatch(/^([A-Z0-9“"(]|https:\/\/)/);
      expect(w.text, type).toMatch(/[.!?”]$/);
      expect(["critical", "warning", "resolved", "info"]).toContain(w.severity);
      expect(w.facts.every((f) => f.label.trim() && f.value.trim()), type).toBe(true);
      expect(EVENT_TYPE_LABELS[type], type).toBeTruthy();
    }
  });

  it("starts every title with the service's name, or the team's for team-wide events", () => {
    for (const type of ALL_SAMPLE_TYPES) expect(word(type).title, type).toMatch(/^CryptoPulse: \S/);
    expect(describeEvent({ type: "test", details: SAMPLE_DETAILS.test, service: null, team: { name: "Payments" } }).title).toBe("Payments: test message");
    expect(word("check.down").title).toBe("CryptoPulse: health check down");
    expect(word("check.down", { details: { ...SAMPLE_DETAILS["check.down"], checkName: "Login page" } }).title).toBe("CryptoPulse: check “Login page” down");
  });

  it("never shows a raw float: values are rounded with their unit", () => {
    for (const type of ALL_SAMPLE_TYPES) {
      for (const text of allText(word(type))) expect(rawFloats(text), `${type}: ${text}`).toEqual([]);
    }
    expect(word("threshold.breached").title).toBe("CryptoPulse: Error rate above 1 %");
    expect(word("threshold.breached").text).toContain("Error rate is 12.9 %, above its limit of 1 %");
    expect(word("threshold.cleared").text).toContain("Error rate is 0.333 % again");
    expect(rawFloats("at 12.903225806451612 %, 1234.5 ms, 0.3333, 0.333 and 12.9")).toEqual(["12.903225806451612", "1234.5", "0.3333"]);
    expect(word("check.degraded").text).toContain("(1,235 ms)");
    // A small ratio keeps its significant digits (three, lib/format/amount.ts) instead of rounding to 0.
    const ratio = { ...SAMPLE_DETAILS["threshold.breached"], unit: "ratio", limit: 0.01, value: 0.012903225806451612 };
    expect(word("threshold.breached", { details: ratio }).text).toContain("is 0.0129 ratio, above its limit of 0.01 ratio");
  });

  it("writes durations and moments in the UI's words", () => {
    expect(word("check.up").text).toBe("https://cryptopulse.example.com/health answers again after 1 h 5 min down.");
    expect(word("check.down").text).toBe("https://cryptopulse.example.com/health failed: HTTP 503, expected 200-299. Down since 26 Nov 2026, 19:25 UTC.");
    expect(word("check.down", { details: { ...SAMPLE_DETAILS["check.down"], error: "no complete answer within 5000 ms." } }).text).not.toContain("..");
    expect(word("drill.overdue", { details: { ...SAMPLE_DETAILS["drill.overdue"], drillIntervalDays: 1 } }).text).toContain("every 1 day.");
    expect(word("tls.expiring", { details: { ...SAMPLE_DETAILS["tls.expiring"], daysLeft: 1 } }).title).toBe("CryptoPulse: TLS certificate expires in 1 day");
  });

  it("says which way readiness went", () => {
    expect(word("readiness.changed").title).toBe("CryptoPulse: readiness up to Ready");
    expect(word("readiness.changed", { details: { from: "ready", to: "not-ready", score: 40 } }).title).toBe("CryptoPulse: readiness down to Not ready");
    expect(word("readiness.changed", { details: { from: null, to: "at-risk", score: 60 } }).text).toBe("Readiness is At risk (score 60).");
  });

  it("says a reminder is a reminder, in the title, the text and the facts", () => {
    const first = word("check.down", { reminder: 1 });
    expect(first.title).toBe("CryptoPulse: health check down (reminder)");
    expect(first.text).toMatch(/^Reminder: this is still the case\. /);
    expect(first.facts).toContainEqual({ label: "Reminder", value: "first reminder" });
    expect(word("check.down", { reminder: 3 }).title).toBe("CryptoPulse: health check down (reminder 3)");
    expect(word("check.down").title).not.toContain("reminder");
  });

  it("refuses details that do not match the event type's schema", () => {
    expect(() => word("check.down", { details: { checkName: "health" } })).toThrow();
  });
});
