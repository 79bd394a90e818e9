import { describe, expect, it } from "vitest";
import { alertDetailsSchemas } from "@/lib/alerts/types";
import { checkUpEvent, probeEvents, tlsWarningStep } from "@/lib/probes/check-events";
import type { CompletedProbe } from "@/lib/probes/record";

const at = new Date("2028-02-28T12:00:00.000Z");
const days = (n: number) => new Date(at.getTime() + n * 86_400_000);

describe("tlsWarningStep", () => {
  it("is the smallest of 30, 14, 7 and 1 days the certificate has reached", () => {
    expect(tlsWarningStep(days(45), at)).toBeNull();
    expect(tlsWarningStep(days(30.5), at)).toBeNull();
    expect(tlsWarningStep(days(30), at)).toBe(30);
    expect(tlsWarningStep(days(20), at)).toBe(30);
    expect(tlsWarningStep(days(14), at)).toBe(14);
    expect(tlsWarningStep(days(5), at)).toBe(7);
    expect(tlsWarningStep(days(1), at)).toBe(1);
    expect(tlsWarningStep(days(0.01), at)).toBe(1);
  });

  it("is nothing for a certificate that has already expired (the probe fails with a TLS error instead)", () => {
    expect(tlsWarningStep(at, at)).toBeNull();
    expect(tlsWarningStep(days(-2), at)).toBeNull();
  });
});

function probe(over: Partial<CompletedProbe> & { prev?: "up" | "down" | "degraded" | "unknown"; url?: string }): CompletedProbe {
  const { prev = "up", url = "https://cryptopulse.example/health", ...rest } = over;
  return {
    check: { id: "chk1", serviceId: "svc1", name: "health", url, status: prev } as CompletedProbe["check"],
    at,
    outcome: "up",
    httpStatus: 200,
    latencyMs: 12.4,
    dnsMs: null,
    connectMs: null,
    tlsMs: null,
    firstByteMs: null,
    errorClass: null,
    errorMessage: null,
    tlsExpiresAt: null,
    securityHeaders: null,
    refusedReason: null,
    state: { status: "up", consecutiveFailures: 0, consecutiveSuccesses: 1, streakStartedAt: at },
    incident: null,
    ...rest,
  };
}

describe("probeEvents", () => {
  it("raises check.degraded when a check goes from up to degraded, not when it stays degraded or comes from another status", () => {
    const degraded = { status: "degraded" as const, consecutiveFailures: 0, consecutiveSuccesses: 2, streakStartedAt: at };
    const [event] = probeEvents([probe({ outcome: "degraded", latencyMs: 2600.7, errorMessage: "answered in 2601 ms, over the 2000 ms limit", state: degraded })]);
    expect(event).toEqual({
      type: "check.degraded",
      serviceId: "svc1",
      dedupeKey: `check.degraded:chk1:${at.toISOString()}`,
      occurredAt: at,
      details: { checkId: "chk1", checkName: "health", url: "https://cryptopulse.example/health", reason: "answered in 2601 ms, over the 2000 ms limit", latencyMs: 2601 },
    });
    expect(alertDetailsSchemas["check.degraded"].safeParse(event!.details).success).toBe(true);
    expect(probeEvents([probe({ prev: "degraded", state: degraded })])).toEqual([]);
    expect(probeEvents([probe({ prev: "unknown", state: degraded })])).toEqual([]);
  });

  it("raises tls.expiring keyed by check, certificate expiry and step, for https checks only", () => {
    const expiresAt = days(5);
    const [event] = probeEvents([probe({ tlsExpiresAt: expiresAt })]);
    expect(event).toMatchObject({ type: "tls.expiring", dedupeKey: `tls.expiring:chk1:${expiresAt.toISOString()}:7`, details: { expiresAt: expiresAt.toISOString(), daysLeft: 7 } });
    expect(alertDetailsSchemas["tls.expiring"].safeParse(event!.details).success).toBe(true);
    expect(probeEvents([probe({ tlsExpiresAt: days(60) })])).toEqual([]);
    expect(probeEvents([probe({ tlsExpiresAt: expiresAt, url: "http://cryptopulse.example/health" })])).toEqual([]);
  });

  it("check.up carries the incident's duration in whole seconds", () => {
    const event = checkUpEvent({ id: "chk1", serviceId: "svc1", name: "health", url: "https://x/" }, at, { id: "inc1", startedAt: new Date(at.getTime() - 125_400), endedAt: at });
    expect(event).toMatchObject({ dedupeKey: "check.up:inc1", details: { durationSeconds: 125, endedAt: at.toISOString() } });
    expect(alertDetailsSchemas["check.up"].safeParse(event.details).success).toBe(true);
  });
});
