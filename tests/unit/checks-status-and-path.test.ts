import { describe, expect, it } from "vitest";
import { matchesExpectedStatus, normalizeStatusEntry } from "@/lib/checks/expected-status";
import { jsonValueMatches, parseJsonPath, valueAtJsonPath } from "@/lib/checks/json-path";

describe("matchesExpectedStatus", () => {
  it("matches single codes given as numbers or text", () => {
    expect(matchesExpectedStatus(200, [200])).toBe(true);
    expect(matchesExpectedStatus(200, ["200"])).toBe(true);
    expect(matchesExpectedStatus(201, [200])).toBe(false);
    expect(matchesExpectedStatus(204, [200, "204"])).toBe(true);
  });

  it("matches inclusive ranges at both ends and nothing outside", () => {
    expect(matchesExpectedStatus(200, ["200-299"])).toBe(true);
    expect(matchesExpectedStatus(299, ["200-299"])).toBe(true);
    expect(matchesExpectedStatus(300, ["200-299"])).toBe(false);
    expect(matchesExpectedStatus(199, ["200-299"])).toBe(false);
    expect(matchesExpectedStatus(301, ["200-299", "301-302"])).toBe(true);
    expect(matchesExpectedStatus(503, ["200 - 299", 503])).toBe(true);
  });

  it("never matches malformed entries or an empty list", () => {
    expect(matchesExpectedStatus(200, [])).toBe(false);
    expect(matchesExpectedStatus(200, ["2xx"])).toBe(false);
    expect(matchesExpectedStatus(250, ["299-200"])).toBe(false);
    expect(matchesExpectedStatus(700, ["600-799"])).toBe(false);
    expect(matchesExpectedStatus(200, [200.5])).toBe(false);
  });

  it("normalizes entries to their canonical text", () => {
    expect(normalizeStatusEntry(200)).toBe("200");
    expect(normalizeStatusEntry(" 200 - 204 ")).toBe("200-204");
    expect(normalizeStatusEntry("204-204")).toBe("204");
    for (const bad of [99, 600, "099", "20", "2000", "abc", "300-200", "200-", "-200", "100-600"]) expect(normalizeStatusEntry(bad), String(bad)).toBeNull();
    expect(normalizeStatusEntry(100)).toBe("100");
    expect(normalizeStatusEntry(599)).toBe("599");
  });
});

describe("JSON path", () => {
  it("parses dotted keys, indexes, quoted keys and a leading $", () => {
    expect(parseJsonPath("status")).toEqual(["status"]);
    expect(parseJsonPath("checks[0].state")).toEqual(["checks", 0, "state"]);
    expect(parseJsonPath("$.db.primary-node.ok")).toEqual(["db", "primary-node", "ok"]);
    expect(parseJsonPath('$["build id"][2]')).toEqual(["build id", 2]);
    expect(parseJsonPath("[1].x")).toEqual([1, "x"]);
  });

  it("refuses anything else", () => {
    for (const bad of ["", "$", ".status", "$status", "a..b", "a.", "a[0]b", "a b", "a[*]", "a[-1]", "a['x']", "a[?(@.x)]", "x".repeat(201)]) {
      expect(parseJsonPath(bad), bad).toBeNull();
    }
  });

  it("finds values, says when a step is missing, and compares as text", () => {
    const doc = { status: "ok", checks: [{ state: "up", ok: true, n: 3 }], meta: null };
    expect(valueAtJsonPath(doc, parseJsonPath("status")!)).toEqual({ found: true, value: "ok" });
    expect(valueAtJsonPath(doc, parseJsonPath("checks[0].state")!)).toEqual({ found: true, value: "up" });
    expect(valueAtJsonPath(doc, parseJsonPath("checks[1].state")!)).toEqual({ found: false });
    expect(valueAtJsonPath(doc, parseJsonPath("status.length")!)).toEqual({ found: false });
    expect(valueAtJsonPath(doc, parseJsonPath("checks.state")!)).toEqual({ found: false });
    expect(valueAtJsonPath(doc, parseJsonPath("toString")!)).toEqual({ found: false });
    expect(valueAtJsonPath(doc, parseJsonPath("meta")!)).toEqual({ found: true, value: null });
    expect(jsonValueMatches("ok", "ok")).toBe(true);
    expect(jsonValueMatches(true, "true")).toBe(true);
    expect(jsonValueMatches(3, "3")).toBe(true);
    expect(jsonValueMatches(null, "null")).toBe(true);
    expect(jsonValueMatches("true", "\"true\"")).toBe(false);
    expect(jsonValueMatches(3, "4")).toBe(false);
  });
});
