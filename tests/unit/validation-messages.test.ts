/**
 * Bounds on numbers are explained in words that fit both the API (seconds) and the forms (which may ask
 * in minutes), instead of zod's "Too big: expected number to be <=2592000".
 */
import { describe, expect, it } from "vitest";
import { createCheckSchema } from "@/lib/checks/schemas";
import { backupMonitorSchema, recoveryEventSchema, rtoTargetSchema } from "@/lib/recovery/schemas";
import { createThresholdSchema, metricNameSchema } from "@/lib/thresholds/manage";

function messages(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  expect(result.success).toBe(false);
  return Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
}

describe("validation messages", () => {
  it("RTO targets and backup monitors name the limit in days, whatever unit the field uses", () => {
    expect(messages(rtoTargetSchema.safeParse({ component: "API", rtoSeconds: 31 * 86_400, rpoSeconds: -1, drillIntervalDays: 0 }))).toEqual({
      rtoSeconds: "The RTO can be at most 30 days.",
      rpoSeconds: "The RPO cannot be negative.",
      drillIntervalDays: "The drill interval must be between 1 and 3,650 days.",
    });
    expect(messages(rtoTargetSchema.safeParse({ component: "API", rtoSeconds: Number.NaN }))).toEqual({ rtoSeconds: "Enter the RTO as a number." });
    // A number that is not whole is a number: say what unit the API wants instead.
    expect(messages(rtoTargetSchema.safeParse({ component: "API", rtoSeconds: 90.5, rpoSeconds: 0.25 }))).toEqual({
      rtoSeconds: "Give the RTO in whole seconds.",
      rpoSeconds: "Give the RPO in whole seconds.",
    });
    expect(messages(recoveryEventSchema.safeParse({ kind: "backup", component: "DB", status: "success", durationSeconds: 1.5, sizeBytes: 10.5 }))).toMatchObject({
      durationSeconds: "Give the duration in whole seconds.",
      sizeBytes: "Give the size in whole bytes.",
    });
    expect(messages(backupMonitorSchema.safeParse({ component: "DB", intervalSeconds: 30, graceSeconds: 8 * 86_400 }))).toEqual({
      intervalSeconds: "Back up at most once a minute.",
      graceSeconds: "The grace period can be at most 7 days.",
    });
  });

  it("a log entry whose start, end and duration disagree says so in words", () => {
    const m = messages(
      recoveryEventSchema.safeParse({ kind: "backup", component: "DB", status: "success", startedAt: "2026-11-26T10:00:00Z", finishedAt: "2026-11-26T10:05:00Z", durationSeconds: 60 }),
    );
    expect(m).toEqual({ durationSeconds: "The start, the end and the duration disagree: give two of them." });
  });

  it("health-check numbers name themselves and state their allowed range with its unit", () => {
    const m = messages(createCheckSchema.safeParse({ url: "https://example.com/health", intervalSeconds: 5, timeoutMs: 1.5, failuresBeforeDown: Number.NaN, latencyLimitMs: "fast" }));
    expect(m.intervalSeconds).toBe("The interval must be a whole number from 10 to 86,400 s.");
    expect(m.timeoutMs).toBe("The timeout must be a whole number from 100 to 60,000 ms.");
    expect(m.failuresBeforeDown).toBe("Failures before down must be a whole number from 1 to 10.");
    expect(m.latencyLimitMs).toBe("The latency limit must be a whole number from 1 to 60,000 ms.");
  });

  it("threshold windows and limits", () => {
    const m = messages(createThresholdSchema.safeParse({ metric: "cpu_percent", comparator: "gt", limit: "high", sustainedSeconds: 8 * 86_400, severity: "high" }));
    expect(m.limit).toBe("Enter the limit as a number.");
    expect(m.sustainedSeconds).toBe("The window can be at most 7 days.");
  });

  it("a metric name gets one message for one mistake", () => {
    expect(metricNameSchema.safeParse("").error?.issues.map((i) => i.message)).toEqual(["Required."]);
    expect(metricNameSchema.safeParse("9 lives").error?.issues.map((i) => i.message)).toEqual([
      "Use letters, digits, _ and : (a Prometheus-style name), not starting with a digit.",
    ]);
  });
});
