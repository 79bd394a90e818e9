import { describe, expect, it } from "vitest";
import { judgeProbe, matchesExpectedStatus, type ProbeObservation } from "@/lib/probes/evaluate";
import { parseJsonPath, valueAtJsonPath } from "@/lib/probes/json-path";
import { nextCheckState, type CheckRunState } from "@/lib/probes/state";
import { createTargetPolicy } from "@/lib/probes/target-policy";

describe("target policy", () => {
  const policy = createTargetPolicy();
  it.each(["169.254.169.254", "169.254.0.1", "::ffff:169.254.169.254", "::ffff:a9fe:a9fe", "fd00:ec2::254", "fe80::1", "100.100.100.200", "0.0.0.0"])(
    "always refuses %s",
    (addr) => {
      expect(policy.refuseAddress(addr, "example.com")).toMatch(/link-local or a cloud metadata/);
      expect(createTargetPolicy({ allow: "0.0.0.0/0,::/0" }).refuseAddress(addr, "x")).not.toBeNull();
    },
  );
  it.each(["127.0.0.1", "10.1.2.3", "192.168.1.10", "::1", "93.184.216.34", "2606:2800:220:1::"])("allows %s by default (self-hosted next to its services)", (addr) => {
    expect(policy.refuseAddress(addr, "example.com")).toBeNull();
  });
  it("applies PROBE_DENY to addresses, CIDRs and host names (with *.suffix)", () => {
    const p = createTargetPolicy({ deny: "10.0.5.0/24, admin.example.com, *.corp.example" });
    expect(p.refuseAddress("10.0.5.7", "a")).toMatch(/deny list/);
    expect(p.refuseAddress("10.0.6.7", "a")).toBeNull();
    expect(p.refuseHost("ADMIN.example.com")).toMatch(/deny list/);
    expect(p.refuseHost("db.corp.example")).toMatch(/deny list/);
    expect(p.refuseHost("corp.example")).toBeNull();
  });
  it("with PROBE_ALLOW, allows only the listed hosts and networks", () => {
    const p = createTargetPolicy({ allow: "*.internal.example, 10.0.0.0/8" });
    expect(p.refuseAddress("10.9.9.9", "anything")).toBeNull();
    expect(p.refuseAddress("192.168.0.1", "api.internal.example")).toBeNull();
    expect(p.refuseAddress("192.168.0.1", "evil.example")).toMatch(/not on the allow list/);
  });
});

describe("json path", () => {
  it("parses dotted and bracket paths and refuses malformed ones", () => {
    expect(parseJsonPath("status")).toEqual(["status"]);
    expect(parseJsonPath("$.checks[0].state")).toEqual(["checks", 0, "state"]);
    for (const bad of ["", "a..b", "a.", "a[x]", "a[0"]) expect(parseJsonPath(bad)).toBeNull();
  });
  it("reads values, and undefined for missing paths", () => {
    const doc = { status: "ok", checks: [{ state: "up" }], n: 0 };
    expect(valueAtJsonPath(doc, "checks[0].state")).toBe("up");
    expect(valueAtJsonPath(doc, "n")).toBe(0);
    expect(valueAtJsonPath(doc, "checks[1].state")).toBeUndefined();
    expect(valueAtJsonPath(doc, "status.length")).toBeUndefined();
    expect(valueAtJsonPath(doc, "constructor")).toBeUndefined();
  });
});

describe("judging a probe", () => {
  const obs = (o: Partial<ProbeObservation> = {}): ProbeObservation => ({ httpStatus: 200, latencyMs: 50, body: Buffer.from('{"status":"ok","db":{"ok":true}}'), bodyTruncated: false, error: null, ...o });
  it("matches status lists and ranges", () => {
    expect(matchesExpectedStatus(204, ["200-299"])).toBe(true);
    expect(matchesExpectedStatus(301, ["200-299"])).toBe(false);
    expect(matchesExpectedStatus(301, ["200", "301"])).toBe(true);
    expect(matchesExpectedStatus(200, [])).toBe(true);
  });
  it("is up, down with a class, or degraded", () => {
    expect(judgeProbe({ expectedStatus: ["200"] }, obs())).toEqual({ outcome: "up", errorClass: null, errorMessage: null });
    expect(judgeProbe({ expectedStatus: ["200"] }, obs({ httpStatus: 503 }))).toMatchObject({ outcome: "down", errorClass: "status", errorMessage: "HTTP 503, expected 200" });
    expect(judgeProbe({ expectedStatus: ["200"] }, obs({ error: { errorClass: "timeout", message: "late" } }))).toMatchObject({ outcome: "down", errorClass: "timeout" });
    expect(judgeProbe({ expectedStatus: ["200"], latencyLimitMs: 40 }, obs())).toMatchObject({ outcome: "degraded", errorClass: null });
  });
  it("checks body conditions, and blames a cut body only when the condition fails", () => {
    expect(judgeProbe({ expectedStatus: [], bodyContains: "ok" }, obs()).outcome).toBe("up");
    expect(judgeProbe({ expectedStatus: [], bodyContains: "healthy" }, obs())).toMatchObject({ errorClass: "body" });
    expect(judgeProbe({ expectedStatus: [], bodyContains: "healthy" }, obs({ bodyTruncated: true }))).toMatchObject({ errorClass: "too_large" });
    expect(judgeProbe({ expectedStatus: [], bodyContains: "ok" }, obs({ bodyTruncated: true })).outcome).toBe("up");
    expect(judgeProbe({ expectedStatus: [], jsonPath: "db.ok", jsonEquals: "true" }, obs()).outcome).toBe("up");
    expect(judgeProbe({ expectedStatus: [], jsonPath: "status", jsonEquals: "ok" }, obs()).outcome).toBe("up");
    expect(judgeProbe({ expectedStatus: [], jsonPath: "status", jsonEquals: "down" }, obs())).toMatchObject({ errorClass: "body", errorMessage: "status is ok, expected down" });
    expect(judgeProbe({ expectedStatus: [], jsonPath: "missing" }, obs())).toMatchObject({ errorClass: "body" });
    expect(judgeProbe({ expectedStatus: [], jsonPath: "status" }, obs({ body: Buffer.from("<html>") }))).toMatchObject({ errorMessage: "body is not JSON" });
    expect(judgeProbe({ expectedStatus: [], jsonPath: "status" }, obs({ body: Buffer.from('{"status":'), bodyTruncated: true }))).toMatchObject({ errorClass: "too_large" });
  });
});

describe("check state from runs of results", () => {
  const rules = { failuresBeforeDown: 3, successesBeforeUp: 2 };
  const t = (s: number) => new Date(s * 1000);
  function run(outcomes: ("up" | "down" | "degraded")[]) {
    let state: CheckRunState = { status: "unknown", consecutiveFailures: 0, consecutiveSuccesses: 0, streakStartedAt: null };
    const changes = [];
    for (const [i, outcome] of outcomes.entries()) {
      const r = nextCheckState(state, rules, { at: t(i * 10), outcome, errorMessage: outcome === "down" ? `e${i}` : null });
      state = r.state;
      if (r.incident) changes.push(r.incident);
    }
    return { state, changes };
  }
  it("does not go down on fewer failures in a row than the rule", () => {
    const { state, changes } = run(["up", "down", "down", "up", "down", "down"]);
    expect(state.status).toBe("up");
    expect(changes).toEqual([]);
  });
  it("opens the incident at the first failure of the run and closes it at the first success of the run that ends it", () => {
    const { state, changes } = run(["up", "down", "down", "down", "down", "up", "down", "up", "up", "up"]);
    expect(state.status).toBe("up");
    expect(changes).toEqual([
      { kind: "open", startedAt: t(10), firstError: "e3" },
      { kind: "still-down", lastError: "e4" },
      { kind: "still-down", lastError: "e6" },
      { kind: "close", endedAt: t(70) },
    ]);
  });
  it("counts degraded as answering, and reports it as the status", () => {
    expect(run(["up", "degraded"]).state.status).toBe("degraded");
    expect(run(["down", "down", "down", "degraded", "degraded"]).changes.at(-1)).toEqual({ kind: "close", endedAt: t(30) });
  });
});
