import type { Pool } from "pg";
import type { CheckStatus } from "./state";

/** A due check, claimed for one round: the round owns it until `leaseUntil`. */
export interface ClaimedCheck {
  id: string;
  serviceId: string;
  name: string;
  url: string;
  method: string;
  expectedStatus: string[];
  timeoutMs: number;
  intervalSeconds: number;
  failuresBeforeDown: number;
  successesBeforeUp: number;
  headers: unknown;
  bodyContains: string | null;
  jsonPath: string | null;
  jsonEquals: string | null;
  latencyLimitMs: number | null;
  status: CheckStatus;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  streakStartedAt: Date | null;
  nextRunAt: Date;
  leaseUntil: Date;
}

/** Margin on top of a check's timeout before its lease runs out and another round may take it. */
export const LEASE_MARGIN_SECONDS = 10;

/**
 * Claim up to `limit` due checks, the most overdue first. SKIP LOCKED makes concurrent claims
 * (overlapping rounds, several app instances) take disjoint sets; the lease keeps a claimed check out of
 * later rounds until its result is written, and a crashed round's lease simply runs out, so nothing
 * stays stuck. The lease runs from the claim, so a caller claims only checks it starts probing at once
 * (runProbeRound claims as many as it has free workers): the margin then covers writing the result.
 * Only checks probed from "central" alone: checks probed by agents are claimed by them
 * (lib/agents/claims.ts), so the central server never connects to their targets.
 */
export async function claimDueChecks(pool: Pool, limit: number): Promise<ClaimedCheck[]> {
  const { rows } = await pool.query<ClaimedCheck>(
    `UPDATE "HealthCheck" h
        SET "leaseUntil" = now() + make_interval(secs => h."timeoutMs" / 1000.0 + $2)
       FROM (SELECT id FROM "HealthCheck"
              WHERE enabled AND "nextRunAt" <= now() AND locations = '{central}' AND ("leaseUntil" IS NULL OR "leaseUntil" < now())
              ORDER BY "nextRunAt"
              LIMIT $1
              FOR UPDATE SKIP LOCKED) due
      WHERE h.id = due.id
      RETURNING h.id, h."serviceId", h.name, h.url, h.method, h."expectedStatus", h."timeoutMs", h."intervalSeconds",
                h."failuresBeforeDown", h."successesBeforeUp", h.headers, h."bodyContains", h."jsonPath", h."jsonEquals",
                h."latencyLimitMs", h.status, h."consecutiveFailures", h."consecutiveSuccesses", h."streakStartedAt",
                h."nextRunAt", h."leaseUntil"`,
    [limit, LEASE_MARGIN_SECONDS],
  );
  return rows;
}
