/**
 * One probing round: claim the due checks, probe them with bounded concurrency, write the results in
 * batches as they come in, then re-evaluate the auto-verified checklist items they are evidence for.
 */
import { readFileSync } from "node:fs";
import type { Pool } from "pg";
import { resolveCheckHeaders } from "@/lib/checks/header-secrets";
import { sqlPool } from "@/lib/db";
import { env } from "@/lib/env";
import type { ErrorIssue } from "@/lib/http/errors";
import { log } from "@/lib/log";
import { refreshAutoChecks } from "./auto-checks";
import { claimDueChecks, type ClaimedCheck } from "./claims";
import { judgeProbe } from "./evaluate";
import { httpProbe, type ProbeOptions } from "./http-probe";
import { recordProbeBatch, type CompletedProbe } from "./record";
import { nextCheckState } from "./state";
import { createTargetPolicy, refuseUrlHost } from "./target-policy";

export interface RoundSummary {
  claimed: number;
  probed: number;
  /** probes whose outcome was "down" */
  failed: number;
  durationMs: number;
}

export interface RoundOptions {
  pool?: Pool;
  /** most checks claimed by one round */
  limit?: number;
  concurrency?: number;
  probeOptions?: ProbeOptions;
  /** results written per transaction */
  batchSize?: number;
  /** called with each probe's start delay behind its planned time (benchmarks) */
  onProbeStart?: (check: ClaimedCheck, lagMs: number) => void;
}

let defaultProbeOptions: ProbeOptions | undefined;

/** Target policy from PROBE_ALLOW / PROBE_DENY; extra CA certificates from PROBE_CA_FILE. */
export function probeOptionsFromEnv(): ProbeOptions {
  if (!defaultProbeOptions) {
    const e = env();
    defaultProbeOptions = {
      policy: createTargetPolicy({ allow: e.PROBE_ALLOW, deny: e.PROBE_DENY }),
      extraCa: e.PROBE_CA_FILE ? [readFileSync(e.PROBE_CA_FILE, "utf8")] : undefined,
    };
  }
  return defaultProbeOptions;
}

/**
 * A URL that no probe would ever reach (a cloud metadata or link-local address, PROBE_DENY) is refused
 * when it is saved, rather than stored to fail every probe. Names that resolve to such an address are
 * still refused when probed.
 */
export function probeTargetIssues(url: string): ErrorIssue[] {
  const reason = refuseUrlHost(probeOptionsFromEnv().policy, new URL(url));
  return reason ? [{ path: "url", message: `This URL cannot be probed: ${reason}.` }] : [];
}

export async function probeCheck(check: ClaimedCheck, options: ProbeOptions): Promise<CompletedProbe> {
  const at = new Date();
  const { headers, problems } = resolveCheckHeaders(check.headers);
  const observed = await httpProbe({ url: check.url, method: check.method, headers, timeoutMs: check.timeoutMs }, options);
  const verdict = judgeProbe(check, observed);
  // A header that could not be resolved is named on the check (the request went out without it).
  const errorMessage = verdict.errorMessage && problems.length ? `${verdict.errorMessage}; ${problems.join("; ")}` : verdict.errorMessage;
  const { state, incident } = nextCheckState(check, check, { at, outcome: verdict.outcome, errorMessage });
  return {
    check,
    at,
    outcome: verdict.outcome,
    httpStatus: observed.httpStatus,
    latencyMs: observed.latencyMs,
    dnsMs: observed.dnsMs,
    connectMs: observed.connectMs,
    tlsMs: observed.tlsMs,
    firstByteMs: observed.firstByteMs,
    errorClass: verdict.errorClass,
    errorMessage,
    tlsExpiresAt: observed.tlsExpiresAt,
    securityHeaders: observed.securityHeaders,
    refusedReason: observed.refusedReason,
    state,
    incident,
  };
}

export async function runProbeRound(options: RoundOptions = {}): Promise<RoundSummary> {
  const started = performance.now();
  const pool = options.pool ?? sqlPool();
  const probeOptions = options.probeOptions ?? probeOptionsFromEnv();
  const batchSize = options.batchSize ?? 200;
  const claimed = await claimDueChecks(pool, options.limit ?? 2000);
  let probed = 0;
  let failed = 0;
  let pending: CompletedProbe[] = [];
  let writing: Promise<void> = Promise.resolve();
  const touchedServices = new Set<string>();

  // Writes are chained so batches land in order; probing continues while a batch is written.
  const flush = () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    writing = writing.then(() => recordProbeBatch(pool, batch));
  };

  let next = 0;
  const worker = async () => {
    while (next < claimed.length) {
      const check = claimed[next++]!;
      options.onProbeStart?.(check, Date.now() - check.nextRunAt.getTime());
      const done = await probeCheck(check, probeOptions);
      probed++;
      if (done.outcome === "down") failed++;
      touchedServices.add(check.serviceId);
      pending.push(done);
      if (pending.length >= batchSize) flush();
    }
  };
  const concurrency = Math.min(options.concurrency ?? env().PROBE_CONCURRENCY, claimed.length);
  await Promise.all(Array.from({ length: concurrency }, worker));
  flush();
  await writing;
  if (touchedServices.size) {
    try {
      await refreshAutoChecks(pool, [...touchedServices]);
    } catch (err) {
      log.error({ err }, "auto-verified checklist items could not be refreshed");
    }
  }
  return { claimed: claimed.length, probed, failed, durationMs: Math.round(performance.now() - started) };
}
