import { describe, expect, it } from "vitest";
import { evaluateAutoCheck, type CheckEvidence } from "@/lib/probes/auto-check-rules";
import { demoHealthAnswer } from "@/lib/demo/endpoints";

const now = new Date("2026-11-26T12:00:00Z");
const day = 86_400_000;
const check = (o: Partial<CheckEvidence> = {}): CheckEvidence => ({
  name: "api",
  url: "https://api.example.com/health",
  status: "up",
  lastRunAt: new Date(now.getTime() - 30_000),
  lastError: null,
  tlsExpiresAt: new Date(now.getTime() + 60 * day),
  securityHeaders: { hsts: "max-age=63072000; includeSubDomains", contentTypeOptions: "nosniff", frameOptions: "DENY", frameAncestors: null },
  ...o,
});
const ev = (checks: CheckEvidence[], latencyP95Ms: number | null = 120) => ({ checks, latencyP95Ms });

describe("auto-checks", () => {
  it("need a probe that ran", () => {
    expect(evaluateAutoCheck("health_endpoint_up", null, ev([]), now)).toMatchObject({ verified: false, summary: "the service has no health check" });
    expect(evaluateAutoCheck("health_endpoint_up", null, ev([check({ lastRunAt: null })]), now)).toMatchObject({ verified: false, summary: "no probe has run yet" });
  });
  it("health-endpoint-up: every probed check answering", () => {
    expect(evaluateAutoCheck("health_endpoint_up", null, ev([check(), check({ status: "degraded" })]), now).verified).toBe(true);
    expect(evaluateAutoCheck("health_endpoint_up", null, ev([check(), check({ name: "db", status: "down", lastError: "HTTP 503" })]), now)).toMatchObject({
      verified: false,
      summary: "health check db is down: HTTP 503",
    });
  });
  it("tls-valid: an https check whose certificate is good for 14 more days", () => {
    expect(evaluateAutoCheck("tls_valid", null, ev([check()]), now).verified).toBe(true);
    expect(evaluateAutoCheck("tls_valid", null, ev([check({ tlsExpiresAt: new Date(now.getTime() + 13.5 * day) })]), now)).toMatchObject({ verified: false, summary: expect.stringMatching(/expires in 13 days/) });
    expect(evaluateAutoCheck("tls_valid", null, ev([check({ url: "http://x/health" })]), now)).toMatchObject({ verified: false, summary: "no https health check" });
    expect(evaluateAutoCheck("tls_valid", null, ev([check({ lastError: "TLS error: CERT_HAS_EXPIRED" })]), now).verified).toBe(false);
  });
  it("hsts and security headers", () => {
    expect(evaluateAutoCheck("hsts", null, ev([check()]), now).verified).toBe(true);
    expect(evaluateAutoCheck("hsts", null, ev([check({ securityHeaders: { hsts: "max-age=0" } })]), now).verified).toBe(false);
    expect(evaluateAutoCheck("security_headers", null, ev([check()]), now).verified).toBe(true);
    expect(evaluateAutoCheck("security_headers", null, ev([check({ securityHeaders: { contentTypeOptions: "nosniff", frameAncestors: "'none'" } })]), now).verified).toBe(true);
    expect(evaluateAutoCheck("security_headers", null, ev([check({ securityHeaders: { contentTypeOptions: "nosniff" } })]), now).verified).toBe(false);
  });
  it("latency-p95-under n ms", () => {
    expect(evaluateAutoCheck("latency_p95_under", 500, ev([check()], 120), now)).toMatchObject({ verified: true, value: 120 });
    expect(evaluateAutoCheck("latency_p95_under", 100, ev([check()], 120), now)).toMatchObject({ verified: false, value: 120 });
    expect(evaluateAutoCheck("latency_p95_under", null, ev([check()], 2500), now).verified).toBe(false);
    expect(evaluateAutoCheck("latency_p95_under", 500, ev([check()], null), now).verified).toBe(false);
  });
});

describe("demo health endpoints", () => {
  it("answer on the guides' paths, on a schedule", () => {
    expect(demoHealthAnswer("hyperterse", "/heartbeat", now)).toMatchObject({ status: 200 });
    expect(demoHealthAnswer("cryptopulse", "/health", new Date("2026-11-26T12:41:00Z"))!.delayMs).toBeGreaterThan(400);
    expect(demoHealthAnswer("trailbase", "/api/healthcheck", new Date("2026-11-26T12:02:00Z"))).toMatchObject({ status: 503 });
    expect(demoHealthAnswer("trailbase", "/api/healthcheck", new Date("2026-11-26T13:02:00Z"))).toMatchObject({ status: 200 });
    expect(demoHealthAnswer("glasswork", "/internal/health", now)).toMatchObject({ status: 200 });
    expect(demoHealthAnswer("glasswork", "/heartbeat", now)).toBeNull();
  });
});
