/**
 * Every validation message a person or an API client reads is a sentence that stands alone: the API
 * answers `issues: [{path, message}]`, the forms show the message beside a field (or as "Label: message"),
 * template imports list "location: message", and the launcher prints "NAME: message". A lower-case
 * fragment that only reads after a field path ("must be shorter than the interval") fails here.
 *
 * Each case runs a schema or a pure validation function on bad input and checks every message it gives;
 * rules that need the database are checked in the integration tests (thresholds, recovery, templates-manage).
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { zodIssues, type ErrorIssue } from "@/lib/http/errors";
import { consistencyIssues, createCheckSchema, patchCheckSchema } from "@/lib/checks/schemas";
import { toStoredHeaders } from "@/lib/checks/headers";
import { bulkUpdateSchema, updateItemSchema } from "@/lib/checklists/items";
import { EnvError, parseEnv } from "@/lib/env";
import { scheduleWindowSchema, updateWindowSchema, windowTimeIssues } from "@/lib/maintenance/schemas";
import { backupMonitorSchema, recoveryEventSchema, rtoTargetSchema } from "@/lib/recovery/schemas";
import { decideReviewSchema } from "@/lib/reviews/reviews";
import { createServiceSchema, updateServiceSchema } from "@/lib/services/manage";
import { createTokenSchema } from "@/lib/teams/api-tokens";
import { createInvitationSchema } from "@/lib/teams/invitations";
import { changeRoleSchema } from "@/lib/teams/members";
import { parseTemplateText, TemplateValidationError } from "@/lib/templates/load";
import { applyTemplateSchema, customItemSchema } from "@/lib/templates/manage";
import { checkSamples, MAX_SAMPLES_PER_PUSH, pushMetricsSchema } from "@/lib/thresholds/ingest";
import { createThresholdSchema, metricsSourceSchema, recommendedSelectionSchema, thresholdProblems, updateThresholdSchema } from "@/lib/thresholds/manage";
import { parseSeriesSelector, PrometheusFormatError } from "@/lib/thresholds/prometheus";
import { fragments, SENTENCE } from "../helpers/sentences";

/** The issues of an invalid input, as the API reports them; fails when the input is accepted. */
function issuesOf(schema: z.ZodType, input: unknown): ErrorIssue[] {
  const result = schema.safeParse(input);
  expect(result.success, JSON.stringify(input)).toBe(false);
  return zodIssues(result.error!);
}

/** Every message of every case is a sentence; each case gives at least one message. */
function expectSentences(cases: [schema: z.ZodType, input: unknown][]) {
  for (const [schema, input] of cases) {
    const issues = issuesOf(schema, input);
    expect(issues.length).toBeGreaterThan(0);
    expect(fragments(issues), JSON.stringify(input)).toEqual([]);
  }
}

const URL_OK = "https://api.example.com/health";

describe("the test's sentence rule", () => {
  it("refuses the fragments this project used to answer with, and takes sentences that start with a quoted value", () => {
    for (const fragment of ["must be shorter than the interval (30 s)", "a header needs a name", "is in the future", 'no template "x"', "Give the token a name", "Unrecognized key: \"x\"", "Invalid input"]) {
      expect(fragments([{ path: "x", message: fragment }]), fragment).toHaveLength(1);
    }
    expect(fragments([{ path: "x", message: '"2xx" is not a status code (100–599) or a range such as "200-299".' }])).toEqual([]);
  });
});

describe("every validation message is a sentence", () => {
  it("health checks: fields, headers, the rules between fields, and a patch", () => {
    expectSentences([
      [createCheckSchema, {}],
      [createCheckSchema, { url: "example.com/health" }],
      [createCheckSchema, { url: "ftp://example.com/x" }],
      [createCheckSchema, { url: "https://user:pw@example.com/" }],
      [createCheckSchema, { url: 5 }],
      [createCheckSchema, { url: URL_OK, unknownField: 1, otherField: 2 }],
      [createCheckSchema, { url: URL_OK, name: "", method: "POST", enabled: "yes" }],
      [createCheckSchema, { url: URL_OK, expectedStatus: [] }],
      [createCheckSchema, { url: URL_OK, expectedStatus: "200" }],
      [createCheckSchema, { url: URL_OK, expectedStatus: [true, "2xx", 99, null] }],
      [createCheckSchema, { url: URL_OK, timeoutMs: "soon", intervalSeconds: 5, failuresBeforeDown: 0, successesBeforeUp: 1.5, latencyLimitMs: 0 }],
      [createCheckSchema, { url: URL_OK, intervalSeconds: 10, timeoutMs: 10_000 }],
      [createCheckSchema, { url: URL_OK, timeoutMs: 1000, latencyLimitMs: 1000 }],
      [createCheckSchema, { url: URL_OK, jsonPath: "checks[*]", jsonEquals: "up" }],
      [createCheckSchema, { url: URL_OK, jsonEquals: "ok" }],
      [createCheckSchema, { url: URL_OK, method: "HEAD", bodyContains: "ok" }],
      [createCheckSchema, { url: URL_OK, bodyContains: "" }],
      [createCheckSchema, { url: URL_OK, headers: [{ name: "", value: "" }] }],
      [createCheckSchema, { url: URL_OK, headers: [{ name: "Bad Name", value: "a\r\nHost: evil" }] }],
      [createCheckSchema, { url: URL_OK, headers: [{ name: "Host", value: "x" }, { name: "X-A", value: "1", env: "PROBE_SECRET_A" }] }],
      [createCheckSchema, { url: URL_OK, headers: [{ name: "X-A" }, { name: "X-B", env: "NEXTAUTH_SECRET" }, { name: "X-C", keep: true }] }],
      [createCheckSchema, { url: URL_OK, headers: [{ name: "X-A", value: "1" }, { name: "x-a", value: "2" }] }],
      [createCheckSchema, { url: URL_OK, headers: Array.from({ length: 21 }, (_, i) => ({ name: `X-H${i}`, value: "v" })) }],
      [createCheckSchema, { url: URL_OK, headers: "Authorization: Bearer x" }],
      [patchCheckSchema, {}],
      [patchCheckSchema, { intervalSeconds: 5, url: "ftp://x", headers: [{ name: "A", keep: false }] }],
    ]);
  });

  it("health checks: the rules between fields as the PATCH handler applies them, and a header to keep that is not stored", () => {
    const issues = [
      ...consistencyIssues({ method: "HEAD", timeoutMs: 30_000, intervalSeconds: 30, bodyContains: "ok", jsonPath: "status", jsonEquals: null, latencyLimitMs: 40_000 }),
      ...toStoredHeaders([{ name: "X-Gone", keep: true }], []).issues,
    ];
    expect(issues.map((i) => i.path).sort()).toEqual(["headers.0.keep", "jsonEquals", "latencyLimitMs", "method", "timeoutMs"]);
    expect(fragments(issues)).toEqual([]);
    expect(issues.find((i) => i.path === "timeoutMs")!.message).toBe("The timeout must be shorter than the interval (30 s).");
    expect(issues.find((i) => i.path === "latencyLimitMs")!.message).toBe("The latency limit must be below the timeout (30,000 ms), or the probe times out first.");
  });

  it("checklist items, services, teams, tokens, invitations and reviews", () => {
    expectSentences([
      [updateItemSchema, {}],
      [updateItemSchema, { state: "maybe", version: "one" }],
      [updateItemSchema, { state: "na", version: 1 }],
      [updateItemSchema, { state: "done", version: 1, evidenceUrl: 5, extra: true }],
      [updateItemSchema, { state: "done", version: 1, evidenceUrl: "ftp://example.com/x" }],
      [bulkUpdateSchema, {}],
      [bulkUpdateSchema, { items: [], state: "na", note: " ", extra: 1 }],
      [bulkUpdateSchema, { items: [{ key: "a", version: 1 }, { key: "a", version: 0 }], state: "open" }],
      [createServiceSchema, { name: "", team: "", slug: "Bad Slug", tier: 9, tags: ["HTTP API"], templates: [""], colour: "red" }],
      [createServiceSchema, { name: "Payments", team: "platform", slug: "new", tags: "go" }],
      [updateServiceSchema, { name: 5, description: "d".repeat(2001), tier: "top" }],
      [customItemSchema, { title: "ab", severity: "urgent", required: "yes" }],
      [applyTemplateSchema, {}],
      [createTokenSchema, { name: "", role: "root", expiresInDays: 0 }],
      [createTokenSchema, { name: "x".repeat(81), expiresInDays: "soon" }],
      [changeRoleSchema, { role: "boss" }],
      [createInvitationSchema, {}],
      [createInvitationSchema, { email: "not-an-email", role: "admin" }],
      [createInvitationSchema, { email: `${"a".repeat(65)}@example.com`, role: "viewer" }],
      [createInvitationSchema, { email: `a@${"b".repeat(250)}.com`, role: "viewer" }],
      [decideReviewSchema, { decision: "maybe" }],
      [decideReviewSchema, { decision: "request-changes", comment: "" }],
    ]);
  });

  it("thresholds, pushed samples and the metrics page", () => {
    expectSentences([
      [createThresholdSchema, {}],
      [createThresholdSchema, { metric: "9 lives", comparator: "bigger", limit: "high", sustainedSeconds: -1, severity: "urgent", source: "magic", extra: 1 }],
      [updateThresholdSchema, { limit: "x", sustainedSeconds: 8 * 86_400, unit: "u".repeat(21) }],
      [recommendedSelectionSchema, { metrics: [] }],
      [recommendedSelectionSchema, { metrics: ["kafka_lag"] }],
      [metricsSourceSchema, { url: "not a url" }],
      [metricsSourceSchema, { url: "ftp://metrics.example.com/" }],
      [metricsSourceSchema, { url: "https://user:pw@metrics.example.com/metrics" }],
      [metricsSourceSchema, { url: 5, other: 1 }],
      [pushMetricsSchema, {}],
      [pushMetricsSchema, { samples: [] }],
      [pushMetricsSchema, { samples: Array.from({ length: MAX_SAMPLES_PER_PUSH + 1 }, () => ({ metric: "cpu_percent", value: 1 })) }],
      [pushMetricsSchema, { samples: [{ metric: "", value: "x", at: "yesterday", unit: "", extra: 1 }] }],
    ]);
  });

  it("threshold rules across fields, series selectors and pushed samples outside what is kept", () => {
    const problems = [
      ...thresholdProblems({ metric: "cpu_percent", unit: "%", source: "probe", scrapeSeries: null }),
      ...thresholdProblems({ metric: "latency_p95_ms", unit: "%", source: "probe", scrapeSeries: null }),
      ...thresholdProblems({ metric: "disk", unit: "%", source: "push", scrapeSeries: "disk use{" }),
      ...thresholdProblems({ metric: "disk", unit: "%", source: "scrape", scrapeSeries: "# comment" }),
    ];
    expect(problems.map((p) => p.path)).toEqual(["source", "unit", "scrapeSeries", "scrapeSeries", "scrapeSeries"]);
    expect(fragments(problems)).toEqual([]);

    for (const selector of ["", "#", "disk use{", "up 1"]) {
      let message = "";
      try {
        parseSeriesSelector(selector);
      } catch (err) {
        expect(err).toBeInstanceOf(PrometheusFormatError);
        message = (err as Error).message;
      }
      expect(message, selector).toMatch(SENTENCE);
    }

    const now = new Date("2026-11-26T10:00:00Z");
    const { problems: sampleProblems } = checkSamples(
      {
        samples: [
          { metric: "cpu_percent", value: 1, at: "2026-11-26T11:00:00Z" },
          { metric: "cpu_percent", value: 1, at: "2026-11-01T10:00:00Z" },
          { metric: "cpu_percent", value: 1, unit: "ms" },
        ],
      },
      new Map([["cpu_percent", { unit: "%" }]]),
      now,
    );
    expect(sampleProblems.map((p) => p.path)).toEqual(["samples.0.at", "samples.1.at", "samples.2.unit"]);
    expect(fragments(sampleProblems)).toEqual([]);
  });

  it("recovery targets, log entries and backup monitors", () => {
    expectSentences([
      [rtoTargetSchema, {}],
      [rtoTargetSchema, { component: "", rtoSeconds: 0, rpoSeconds: -1, drillIntervalDays: 0, procedure: "p".repeat(20_001) }],
      [rtoTargetSchema, { component: "API", rtoSeconds: "fast", rpoSeconds: 1.5 }],
      [recoveryEventSchema, {}],
      [recoveryEventSchema, { kind: "snapshot", component: "", status: "ok", startedAt: "yesterday", sizeBytes: -1, note: "typo" }],
      [recoveryEventSchema, { kind: "backup", component: "DB", status: "success", startedAt: "2026-11-26T10:00:00Z", finishedAt: "2026-11-26T10:05:00Z", durationSeconds: 60 }],
      [recoveryEventSchema, { kind: "drill", component: "DB", status: "success" }],
      [recoveryEventSchema, { kind: "backup", component: "DB", status: "success", startedAt: "2026-11-26T10:00:00Z", finishedAt: "2026-11-26T09:00:00Z", restoredToAt: "2026-11-26T11:00:00Z" }],
      [backupMonitorSchema, { component: "DB", intervalSeconds: 30, graceSeconds: -1 }],
      [backupMonitorSchema, { component: "DB", intervalSeconds: "daily", graceSeconds: 8 * 86_400 }],
    ]);
  });

  it("maintenance windows, with and without a clock", () => {
    expectSentences([
      [scheduleWindowSchema, {}],
      [scheduleWindowSchema, { startsAt: "soon", endsAt: 5, reason: "" }],
      [scheduleWindowSchema, { startsAt: "2026-12-08T14:00:00Z", endsAt: "2026-12-08T13:00:00Z", reason: "r".repeat(301), extra: 1 }],
      [scheduleWindowSchema, { startsAt: "2026-12-08T14:00:00Z", endsAt: "2026-12-20T14:00:00Z", reason: "long" }],
      [updateWindowSchema, { endsAt: "later" }],
    ]);
    const now = new Date("2026-12-08T12:00:00Z");
    expect(fragments([...windowTimeIssues({ startsAt: new Date("2026-12-08T10:00:00Z"), endsAt: new Date("2026-12-08T11:00:00Z") }, now)])).toEqual([]);
  });

  it("template files: duplicate keys, key spelling, auto-check parameters, unknown and missing fields, unreadable text", () => {
    const item = (key: string, extra = "") => `      - key: ${key}\n        title: Item ${key}\n        guidance: Do it.\n        severity: high\n${extra}`;
    const files = [
      `key: demo\nname: Demo\ndescription: D.\nsections:\n  - key: a\n    title: A\n    items:\n${item("tls")}${item("tls")}  - key: a\n    title: Again\n    items:\n${item("other")}`,
      `key: Demo Template\nname: Demo\ndescription: D.\nsections:\n  - key: a\n    title: A\n    items:\n${item("Bad_Key", "        sources: [nope]\n        autoCheck: latency-p95-under\n        colour: red\n")}`,
      `key: demo\nsections:\n  - title: A\n    items:\n      - title: x\n        severity: urgent\n        required: maybe\n`,
      `key: demo\nname: Demo\ndescription: D.\nsections: []\n`,
      "just a line of text",
      "key: a: b\n",
      "{ not json",
      "[1, 2]",
    ];
    for (const text of files) {
      let problems: { path: string; message: string }[] = [];
      try {
        parseTemplateText(text, text.startsWith("{") ? "t.json" : "t.yaml");
      } catch (err) {
        expect(err).toBeInstanceOf(TemplateValidationError);
        problems = (err as TemplateValidationError).problems;
      }
      expect(problems.length, text).toBeGreaterThan(0);
      expect(fragments(problems), text).toEqual([]);
    }
  });

  it("the environment, printed at start-up as NAME: message", () => {
    const bad = [
      { DATABASE_URL: "mysql://x", PORT: "eighty", NEXTAUTH_URL: "not a url", SMTP_URL: "http://mail", NEXTAUTH_SECRET: "short", CRON_SECRET: "short" },
      { NODE_ENV: "staging", LOG_LEVEL: "loud", PREFLIGHT_ADMIN_EMAILS: "a@example.com, nope", PREFLIGHT_DEMO_DATA: "sometimes", PROBES_IN_PROCESS: "maybe" },
      { RATE_LIMIT_SIGNIN_PER_EMAIL: "0", RATE_LIMIT_SIGNIN_PER_IP: "1.5", RATE_LIMIT_SIGNIN_WINDOW_SECONDS: "-1", RATE_LIMIT_INVITES_PER_HOUR: "x", OIDC_ISSUER: "issuer", PROBE_CONCURRENCY: "5000", PROBE_RAW_RETENTION_DAYS: "0" },
      { NODE_ENV: "production" },
    ];
    for (const env of bad) {
      let problems: string[] = [];
      try {
        parseEnv(env);
      } catch (err) {
        expect(err).toBeInstanceOf(EnvError);
        problems = (err as EnvError).problems;
      }
      expect(problems.length, JSON.stringify(env)).toBeGreaterThanOrEqual(Object.keys(env).length);
      const issues = problems.map((p) => {
        const m = /^([A-Z][A-Z0-9_]*(?:\.\d+)?): (.*)$/.exec(p);
        expect(m, p).not.toBeNull();
        return { path: m![1]!, message: m![2]! };
      });
      expect(issues.every((i) => i.path.split(".")[0]! in env || i.path.endsWith("_SECRET")), problems.join("\n")).toBe(true);
      expect(fragments(issues)).toEqual([]);
    }
  });
});
