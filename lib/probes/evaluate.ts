/**
 * From what a probe saw to its outcome. Pure: the HTTP work happens in http-probe.ts.
 * down: the request failed, or the status, or the body condition did not match;
 * degraded: everything matched but the answer was slower than the check's latency limit;
 * up: otherwise.
 */
import { jsonValueText, valueAtJsonPath } from "./json-path";

export type ProbeOutcome = "up" | "down" | "degraded";
export type ProbeErrorClass = "timeout" | "dns" | "refused" | "tls" | "status" | "body" | "too_large" | "blocked" | "other";

export interface Expectations {
  expectedStatus: readonly string[];
  bodyContains?: string | null;
  jsonPath?: string | null;
  jsonEquals?: string | null;
  latencyLimitMs?: number | null;
}

export interface ProbeObservation {
  httpStatus: number | null;
  latencyMs: number;
  body: Buffer;
  bodyTruncated: boolean;
  error: { errorClass: ProbeErrorClass; message: string } | null;
}

export interface ProbeVerdict {
  outcome: ProbeOutcome;
  errorClass: ProbeErrorClass | null;
  errorMessage: string | null;
}

/** `expected` entries are "200" or ranges "200-299"; an empty list means 200–299. */
export function matchesExpectedStatus(status: number, expected: readonly (string | number)[]): boolean {
  if (expected.length === 0) return status >= 200 && status <= 299;
  return expected.some((e) => {
    const [lo, hi] = String(e).split("-").map((n) => Number(n.trim()));
    return hi === undefined ? status === lo : status >= lo! && status <= hi;
  });
}

export function judgeProbe(exp: Expectations, obs: ProbeObservation): ProbeVerdict {
  const down = (errorClass: ProbeErrorClass, errorMessage: string): ProbeVerdict => ({ outcome: "down", errorClass, errorMessage });
  if (obs.error) return down(obs.error.errorClass, obs.error.message);
  if (obs.httpStatus === null) return down("other", "no HTTP status");
  if (!matchesExpectedStatus(obs.httpStatus, exp.expectedStatus)) {
    return down("status", `HTTP ${obs.httpStatus}, expected ${exp.expectedStatus.length ? exp.expectedStatus.join(", ") : "200-299"}`);
  }
  const tooLarge = (what: string) => down("too_large", `${what} not found in the first ${Math.round(obs.body.length / 1024)} KiB of a larger body`);
  if (exp.bodyContains) {
    if (!obs.body.includes(exp.bodyContains)) {
      return obs.bodyTruncated ? tooLarge(`"${exp.bodyContains}"`) : down("body", `body does not contain "${exp.bodyContains}"`);
    }
  }
  if (exp.jsonPath) {
    let doc: unknown;
    try {
      doc = JSON.parse(obs.body.toString("utf8"));
    } catch {
      return obs.bodyTruncated ? tooLarge(`JSON at ${exp.jsonPath}`) : down("body", "body is not JSON");
    }
    const value = valueAtJsonPath(doc, exp.jsonPath);
    if (value === undefined) return down("body", `${exp.jsonPath} is missing from the body`);
    if (exp.jsonEquals !== null && exp.jsonEquals !== undefined && jsonValueText(value) !== exp.jsonEquals) {
      return down("body", `${exp.jsonPath} is ${truncate(jsonValueText(value))}, expected ${exp.jsonEquals}`);
    }
  }
  if (exp.latencyLimitMs && obs.latencyMs > exp.latencyLimitMs) {
    return { outcome: "degraded", errorClass: null, errorMessage: `answered in ${Math.round(obs.latencyMs)} ms, over the ${exp.latencyLimitMs} ms limit` };
  }
  return { outcome: "up", errorClass: null, errorMessage: null };
}

function truncate(s: string, n = 80): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
