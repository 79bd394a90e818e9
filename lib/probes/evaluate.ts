/**
 * From what a probe saw to its outcome. Pure: the HTTP work happens in http-probe.ts.
 * down: the request failed, or the status, or the body condition did not match;
 * degraded: everything matched but the answer was slower than the check's latency limit;
 * up: otherwise.
 */
import { matchesExpectedStatus } from "@/lib/checks/expected-status";
import { jsonValueMatches, parseJsonPath, valueAtJsonPath } from "@/lib/checks/json-path";

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

/** A check without expected statuses (none can be saved, but stored rows predate validation) wants 2xx. */
const DEFAULT_EXPECTED = ["200-299"];

export function judgeProbe(exp: Expectations, obs: ProbeObservation): ProbeVerdict {
  const down = (errorClass: ProbeErrorClass, errorMessage: string): ProbeVerdict => ({ outcome: "down", errorClass, errorMessage });
  if (obs.error) return down(obs.error.errorClass, obs.error.message);
  if (obs.httpStatus === null) return down("other", "no HTTP status");
  const expected = exp.expectedStatus.length ? exp.expectedStatus : DEFAULT_EXPECTED;
  if (!matchesExpectedStatus(obs.httpStatus, expected)) return down("status", `HTTP ${obs.httpStatus}, expected ${expected.join(", ")}`);
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
    const steps = parseJsonPath(exp.jsonPath);
    const found = steps ? valueAtJsonPath(doc, steps) : { found: false };
    if (!found.found) return down("body", `${exp.jsonPath} is missing from the body`);
    if (exp.jsonEquals !== null && exp.jsonEquals !== undefined && !jsonValueMatches(found.value, exp.jsonEquals)) {
      const seen = typeof found.value === "string" ? found.value : JSON.stringify(found.value);
      return down("body", `${exp.jsonPath} is ${truncate(seen)}, expected ${exp.jsonEquals}`);
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
