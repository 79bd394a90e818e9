/**
 * One probing round: claim due checks as workers are free to probe them (so a lease only ever covers a
 * probe that has started), write the results in batches as they come in, then re-evaluate the
 * auto-verified checklist items they are evidence for.
 */
import { readFileSync } from "node:fs";
import type { Pool } from "pg";
import { resolveCheckHeaders } from "@/lib/checks/header-secrets";
import { sqlPool } from "@/lib/db";
import { env } from "@/lib/env";
import type { ErrorIssue } from "@/lib/http/errors";
import { log } from "@/lib/log";
import { noteProbeRound, noteProbeStart } from "@/lib/metrics/probe-health";
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
  /** probes in flight at once (PROBE_CONCURRENCY): the round never holds more checks than this */
  concurrency?: number;
  probeOptions?: ProbeOptions;
  /** results written per transaction */
  batchSize?: number;
  /** a batch not yet full is written this long after its first result (default 1 s) */
  flushAfterMs?: number;
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
  noteProbeRound();
  const pool = options.pool ?? sqlPool();
  const probeOptions = options.probeOptions ?? probeOptionsFromEnv();
  const batchSize = options.batchSize ?? 200;
  const flushAfterMs = options.flushAfterMs ?? 1000;
  const limit = options.limit ?? 2000;
  const concurrency = Math.max(1, options.concurrency ?? env().PROBE_CONCURRENCY);
  // Claim once this many workers are free (a tenth of them): few claim statements, and every check
  // claimed starts at once, so its lease (timeout + margin, from the claim) covers its real run.
  const claimWhenFree = Math.max(1, Math.ceil(concurrency / 10));
  let claimed = 0;
  let probed = 0;
  let failed = 0;
  let pending: CompletedProbe[] = [];
  let writing: Promise<void> = Promise.resolve();
  let flushTimer: NodeJS.Timeout | undefined;
  let probeError: unknown;
  const touchedServices = new Set<string>();

  // Writes are chained so batches land in order; probing continues while a batch is written. A batch
  // is written when full, or a second after its first result, long before that check's lease ends.
  const flush = () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    writing = writing.then(() => recordProbeBatch(pool, batch));
    writing.catch(() => undefined); // a failed write is thrown at the end of the round (await writing)
  };

  const inFlight = new Set<Promise<void>>();
  let workerFreed: (() => void) | undefined;
  const start = (check: ClaimedCheck) => {
    const run = (async () => {
      const lagMs = Date.now() - check.nextRunAt.getTime();
      noteProbeStart(lagMs);
      options.onProbeStart?.(check, lagMs);
      const done = await probeCheck(check, probeOptions);
      probed++;
      if (done.outcome === "down") failed++;
      touchedServices.add(check.serviceId);
      pending.push(done);
      if (pending.length >= batchSize) flush();
      else flushTimer ??= setTimeout(flush, flushAfterMs);
    })()
      .catch((err: unknown) => void (probeError ??= err))
      .finally(() => {
        inFlight.delete(run);
        workerFreed?.();
      });
    inFlight.add(run);
  };

  // Claim only as many due checks as there are free workers, and claim again as workers free up,
  // until nothing more is due or the round has claimed `limit` checks: a lease never covers a wait.
  let claimError: unknown;
  try {
    while (claimed < limit && probeError === undefined) {
      const free = concurrency - inFlight.size;
      if (free < Math.min(claimWhenFree, limit - claimed)) {
        await new Promise<void>((resolve) => (workerFreed = resolve));
        workerFreed = undefined;
        continue;
      }
      const want = Math.min(free, limit - claimed);
      const due = await claimDueChecks(pool, want);
      claimed += due.length;
      for (const check of due) start(check);
      if (due.length < want) break;
    }
  } catch (err) {
    claimError = err; // the probes already started still finish and are written
  }
  await Promise.all(inFlight);
  flush();
  await writing;
  if (claimError !== undefined) throw claimError;
  if (probeError !== undefined) throw probeError;
  if (touchedServices.size) {
    try {
      await refreshAutoChecks(pool, [...touchedServices]);
    } catch (err) {
      log.error({ err }, "auto-verified checklist items could not be refreshed");
    }
  }
  return { claimed, probed, failed, durationMs: Math.round(performance.now() - started) };
}
