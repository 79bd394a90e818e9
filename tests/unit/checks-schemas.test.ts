import { describe, expect, it } from "vitest";
import { createCheckSchema, patchCheckSchema } from "@/lib/checks/schemas";
import { toStoredHeaders } from "@/lib/checks/headers";
import { openSecret } from "@/lib/checks/header-secrets";

const URL_OK = "https://api.example.com/health";

/** The paths of the issues of an invalid body (as the API reports them), or [] when it is valid. */
function issuesOf(schema: typeof createCheckSchema | typeof patchCheckSchema, body: unknown): string[] {
  const r = schema.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
}
const createIssues = (extra: Record<string, unknown>) => issuesOf(createCheckSchema, { url: URL_OK, ...extra });

describe("create schema", () => {
  it("needs only url and fills the defaults", () => {
    expect(createCheckSchema.parse({ url: URL_OK })).toEqual({
      url: URL_OK,
      method: "GET",
      expectedStatus: ["200-299"],
      timeoutMs: 5000,
      intervalSeconds: 60,
      failuresBeforeDown: 3,
      successesBeforeUp: 1,
      // probed from the central server only; down by the default majority of its locations
      locations: ["central"],
      downQuorum: null,
      headers: [],
      bodyContains: null,
      jsonPath: null,
      jsonEquals: null,
      latencyLimitMs: null,
      enabled: true,
    });
    expect(issuesOf(createCheckSchema, {})).toEqual(["url"]);
    expect(createIssues({ unknownField: 1 })).toEqual([""]);
  });

  it("takes http and https URLs only, without credentials", () => {
    expect(createIssues({ url: "http://10.0.0.5:8080/heartbeat" })).toEqual([]);
    for (const url of ["ftp://example.com/x", "file:///etc/passwd", "example.com/health", "", "javascript:alert(1)"]) {
      expect(createIssues({ url }), url).toEqual(["url"]);
    }
    const withCredentials = createCheckSchema.safeParse({ url: "https://user:secret@api.example.com/health" });
    expect(withCredentials.success).toBe(false);
    expect(withCredentials.error!.issues[0]!.message).toMatch(/request header/);
  });

  it("takes GET and HEAD only", () => {
    expect(createIssues({ method: "HEAD" })).toEqual([]);
    for (const method of ["POST", "DELETE", "get", ""]) expect(createIssues({ method }), method).toEqual(["method"]);
  });

  it("takes status codes as numbers or text and ranges; refuses anything else", () => {
    expect(createCheckSchema.parse({ url: URL_OK, expectedStatus: [200, "204", "300 - 302"] }).expectedStatus).toEqual(["200", "204", "300-302"]);
    expect(createIssues({ expectedStatus: [] })).toEqual(["expectedStatus"]);
    for (const bad of [99, 600, "2xx", "299-200", "abc", true, null, 200.5]) {
      expect(createIssues({ expectedStatus: [200, bad] }), String(bad)).toEqual(["expectedStatus.1"]);
    }
    expect(createIssues({ expectedStatus: "200" })).toEqual(["expectedStatus"]);
  });

  it("holds every numeric field to its bounds", () => {
    // Each field with the other fields set so that only its own bounds are tested, not the rules between fields.
    const cases: [string, number, number, Record<string, number>][] = [
      ["timeoutMs", 100, 60_000, { intervalSeconds: 86_400 }],
      ["intervalSeconds", 10, 86_400, { timeoutMs: 100 }],
      ["failuresBeforeDown", 1, 10, {}],
      ["successesBeforeUp", 1, 10, {}],
      ["latencyLimitMs", 1, 60_000, { intervalSeconds: 86_400, timeoutMs: 60_000 }],
    ];
    for (const [field, min, max, others] of cases) {
      const at = (v: unknown) => createIssues({ ...others, [field]: v });
      expect(at(min), `${field}=${min}`).toEqual([]);
      expect(at(min - 1), `${field}=${min - 1}`).toEqual([field]);
      expect(at(min + 0.5), `${field} fractional`).toEqual([field]);
      expect(at(String(min)), `${field} as text`).toEqual([field]);
      expect(at(max + 1), `${field}=${max + 1}`).toContain(field);
      // The latency limit's maximum equals the largest timeout, which it must stay below.
      if (field !== "latencyLimitMs") expect(at(max), `${field}=${max}`).toEqual([]);
    }
    expect(createIssues({ intervalSeconds: 86_400, timeoutMs: 60_000, latencyLimitMs: 59_999 })).toEqual([]);
  });

  it("checks the rules between fields", () => {
    expect(createIssues({ intervalSeconds: 10, timeoutMs: 10_000 })).toEqual(["timeoutMs"]);
    expect(createIssues({ intervalSeconds: 10, timeoutMs: 9_999 })).toEqual([]);
    expect(createIssues({ timeoutMs: 1000, latencyLimitMs: 1000 })).toEqual(["latencyLimitMs"]);
    expect(createIssues({ timeoutMs: 1000, latencyLimitMs: 999 })).toEqual([]);
    expect(createIssues({ jsonPath: "status" })).toEqual(["jsonEquals"]);
    expect(createIssues({ jsonEquals: "ok" })).toEqual(["jsonPath"]);
    expect(createIssues({ jsonPath: "checks[0].state", jsonEquals: "up" })).toEqual([]);
    expect(createIssues({ jsonPath: "checks[*]", jsonEquals: "up" })).toEqual(["jsonPath"]);
    expect(createIssues({ method: "HEAD", bodyContains: "ok" })).toEqual(["method"]);
    expect(createIssues({ bodyContains: "" })).toEqual(["bodyContains"]);
  });

  it("takes headers with a secret value or a PROBE_SECRET_ variable, never both, and no forbidden names", () => {
    expect(createIssues({ headers: [{ name: "Authorization", value: "Bearer s3cret" }, { name: "X-Api-Key", env: "PROBE_SECRET_API_KEY" }] })).toEqual([]);
    expect(createIssues({ headers: [{ name: "X-Api-Key", value: "a", env: "PROBE_SECRET_A" }] })).toEqual(["headers.0.value"]);
    expect(createIssues({ headers: [{ name: "X-Api-Key" }] })).toEqual(["headers.0.value"]);
    expect(createIssues({ headers: [{ name: "X-Api-Key", keep: true }] })).toContain("headers.0"); // keep is for PATCH only
    expect(createIssues({ headers: [{ name: "X-Api-Key", env: "NEXTAUTH_SECRET" }] })).toEqual(["headers.0.env"]);
    expect(createIssues({ headers: [{ name: "X-Api-Key", value: "a\r\nHost: evil" }] })).toEqual(["headers.0.value"]);
    expect(createIssues({ headers: [{ name: "X-A", value: "1" }, { name: "x-a", value: "2" }] })).toEqual(["headers.1.name"]);
    expect(createIssues({ headers: [{ name: "Bad Name", value: "1" }] })).toEqual(["headers.0.name"]);
    for (const name of ["Host", "content-length", "Cookie", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "TE", "Proxy-Authorization", "Sec-Fetch-Mode", "Accept-Encoding"]) {
      expect(createIssues({ headers: [{ name, value: "x" }] }), name).toEqual(["headers.0.name"]);
    }
    expect(createIssues({ headers: Array.from({ length: 21 }, (_, i) => ({ name: `X-H${i}`, value: "v" })) })).toEqual(["headers"]);
  });
});

describe("patch schema", () => {
  it("takes any subset, null to clear, keep for stored headers; refuses an empty patch", () => {
    expect(patchCheckSchema.parse({ intervalSeconds: 300 })).toEqual({ intervalSeconds: 300 });
    expect(patchCheckSchema.parse({ bodyContains: null, latencyLimitMs: null })).toEqual({ bodyContains: null, latencyLimitMs: null });
    expect(patchCheckSchema.parse({ headers: [{ name: "Authorization", keep: true }] })).toEqual({ headers: [{ name: "Authorization", keep: true }] });
    expect(issuesOf(patchCheckSchema, {})).toEqual([""]);
    expect(issuesOf(patchCheckSchema, { intervalSeconds: 5 })).toEqual(["intervalSeconds"]);
    expect(issuesOf(patchCheckSchema, { url: "ftp://x" })).toEqual(["url"]);
    expect(issuesOf(patchCheckSchema, { headers: [{ name: "Host", keep: true }] })).toEqual(["headers.0.name"]);
    expect(issuesOf(patchCheckSchema, { headers: [{ name: "A", keep: false }] })).toEqual(["headers.0.keep"]);
  });
});

describe("stored headers", () => {
  it("seals values, keeps env names, resolves keep against what is stored", () => {
    const first = toStoredHeaders([{ name: "Authorization", value: "Bearer s3cret" }, { name: "X-Key", env: "PROBE_SECRET_KEY" }], []);
    expect(first.issues).toEqual([]);
    const [auth, key] = first.headers;
    expect(JSON.stringify(first.headers)).not.toContain("s3cret");
    expect("sealed" in auth! && openSecret(auth.sealed)).toBe("Bearer s3cret");
    expect(key).toEqual({ name: "X-Key", env: "PROBE_SECRET_KEY" });

    const kept = toStoredHeaders([{ name: "authorization", keep: true }, { name: "X-Other", keep: true }], first.headers);
    expect(kept.headers).toEqual([{ ...auth, name: "authorization" }]);
    expect(kept.issues).toEqual([{ path: "headers.1.keep", message: expect.stringMatching(/no stored header X-Other/) }]);
  });
});
