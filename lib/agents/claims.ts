/**
 * Claims for probe agents: the same SKIP LOCKED lease as the central rounds (lib/probes/claims.ts),
 * on the check's state at the agent's location (CheckLocationState), for the agent's team only. An
 * agent asks for as many checks as it has free workers and starts each at once, so the lease (timeout
 * + margin, from the claim) covers a probe that has started, the trip back and the write.
 */
import type { Pool } from "pg";
import { sqlPool } from "@/lib/db";
import { resolveCheckHeaders } from "@/lib/checks/header-secrets";
import { LEASE_MARGIN_SECONDS } from "@/lib/probes/claims";
import type { AgentIdentity } from "./tokens";
import { AGENT_POLL_SECONDS, type AgentProbeSpec } from "./protocol";

/** On top of the central margin: the agent's result travels back over the network. */
export const AGENT_LEASE_MARGIN_SECONDS = LEASE_MARGIN_SECONDS + 5;

interface ClaimedRow {
  id: string;
  url: string;
  method: string;
  headers: unknown;
  timeoutMs: number;
  expectedStatus: string[];
  bodyContains: string | null;
  jsonPath: string | null;
  jsonEquals: string | null;
  latencyLimitMs: number | null;
  nextRunAt: Date;
  leaseUntil: Date;
}

export async function claimAgentChecks(pool: Pool, agent: AgentIdentity, max: number): Promise<AgentProbeSpec[]> {
  // A check that just gained this location gets its state row here, due when the check is.
  await pool.query(
    `INSERT INTO "CheckLocationState" ("checkId", location, "nextRunAt")
     SELECT h.id, $2, h."nextRunAt" FROM "HealthCheck" h JOIN "Service" s ON s.id = h."serviceId"
      WHERE s."teamId" = $1 AND h.enabled AND $2 = ANY(h.locations)
     ON CONFLICT DO NOTHING`,
    [agent.teamId, agent.location],
  );
  const { rows } = await pool.query<ClaimedRow>(
    `UPDATE "CheckLocationState" l
        SET "leaseUntil" = now() + make_interval(secs => h."timeoutMs" / 1000.0 + $4), "leaseHolder" = $3
       FROM (SELECT l2."checkId" FROM "CheckLocationState" l2
               JOIN "HealthCheck" h2 ON h2.id = l2."checkId" JOIN "Service" s ON s.id = h2."serviceId"
              WHERE l2.location = $2 AND s."teamId" = $1 AND h2.enabled AND $2 = ANY(h2.locations)
                AND l2."nextRunAt" <= now() AND (l2."leaseUntil" IS NULL OR l2."leaseUntil" < now())
              ORDER BY l2."nextRunAt"
              LIMIT $5
              FOR UPDATE OF l2 SKIP LOCKED) due, "HealthCheck" h
      WHERE l."checkId" = due."checkId" AND l.location = $2 AND h.id = l."checkId"
      RETURNING h.id, h.url, h.method, h.headers, h."timeoutMs", h."expectedStatus", h."bodyContains", h."jsonPath", h."jsonEquals",
                h."latencyLimitMs", l."nextRunAt", l."leaseUntil"`,
    [agent.teamId, agent.location, agent.id, AGENT_LEASE_MARGIN_SECONDS, max],
  );
  return rows.map((r) => {
    // Sealed values are opened for the check's own team's agent; environment-variable headers are the
    // server's secrets and stay here (decision 0042).
    const { headers, problems } = resolveCheckHeaders(r.headers, {});
    return {
      checkId: r.id,
      url: r.url,
      method: r.method,
      headers,
      headerProblems: problems,
      timeoutMs: r.timeoutMs,
      expectedStatus: r.expectedStatus,
      bodyContains: r.bodyContains,
      jsonPath: r.jsonPath,
      jsonEquals: r.jsonEquals,
      latencyLimitMs: r.latencyLimitMs,
      nextRunAt: r.nextRunAt.toISOString(),
      leaseUntil: r.leaseUntil.toISOString(),
    };
  });
}

/** Long poll: claim at once, else every second until something is due or `waitSeconds` have passed. */
export async function waitForAgentChecks(
  agent: AgentIdentity,
  max: number,
  waitSeconds = AGENT_POLL_SECONDS,
  signal?: AbortSignal,
  pool: Pool = sqlPool(),
): Promise<AgentProbeSpec[]> {
  const until = Date.now() + waitSeconds * 1000;
  for (;;) {
    const checks = await claimAgentChecks(pool, agent, max);
    if (checks.length || Date.now() >= until || signal?.aborted) return checks;
    await new Promise((r) => setTimeout(r, Math.min(1000, Math.max(0, until - Date.now()))));
  }
}
