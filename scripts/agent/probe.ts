/** One agent probe: the server's engine (lib/probes/http-probe.ts) and judgement (evaluate.ts), as a wire result. */
import type { AgentProbeSpec, AgentResult } from "../../lib/agents/protocol";
import { judgeProbe } from "../../lib/probes/evaluate";
import { httpProbe, type ProbeOptions } from "../../lib/probes/http-probe";

const ms = (v: number | null) => (v === null ? null : Math.round(v));

export async function probeSpec(spec: AgentProbeSpec, options: ProbeOptions): Promise<AgentResult> {
  const at = new Date();
  const observed = await httpProbe({ url: spec.url, method: spec.method, headers: spec.headers, timeoutMs: spec.timeoutMs }, options);
  const verdict = judgeProbe(spec, observed);
  // A header the server could not send along is named with the result, as the central rounds do.
  const problems = spec.headerProblems.join("; ");
  const errorMessage = verdict.errorMessage && problems ? `${verdict.errorMessage}; ${problems}` : verdict.errorMessage;
  return {
    checkId: spec.checkId,
    at: at.toISOString(),
    httpStatus: observed.httpStatus,
    latencyMs: ms(observed.latencyMs),
    dnsMs: ms(observed.dnsMs),
    connectMs: ms(observed.connectMs),
    tlsMs: ms(observed.tlsMs),
    firstByteMs: ms(observed.firstByteMs),
    outcome: verdict.outcome,
    errorClass: verdict.errorClass,
    errorMessage: errorMessage?.slice(0, 2000) ?? null,
    tlsExpiresAt: observed.tlsExpiresAt?.toISOString() ?? null,
    securityHeaders: observed.securityHeaders ? { ...observed.securityHeaders } : null,
    refusedReason: observed.refusedReason,
  };
}
