/**
 * Writing a batch of agent results in one transaction: each result must match a lease this agent holds
 * (others are rejected, never written); then the raw results (with their location), the location's
 * state and next run, the combined status across the check's locations (lib/agents/combine.ts) with its
 * incident and alert events, and the rollups: combined (every location's probes count) and the location's own.
 */
import type { Pool, PoolClient } from "pg";
import { sqlPool } from "@/lib/db";
import { insertAlertEvents } from "@/lib/alerts/store";
import type { NewAlertEvent } from "@/lib/alerts/types";
import { log } from "@/lib/log";
import { refreshAutoChecks } from "@/lib/probes/auto-checks";
import { checkDownEvent, checkUpEvent } from "@/lib/probes/check-events";
import { insertProbeResults } from "@/lib/probes/insert-results";
import { planNextRun } from "@/lib/probes/schedule";
import { nextCheckState, type CheckStatus } from "@/lib/probes/state";
import { rollupRows } from "@/lib/uptime/rollup";
import { upsertRollups } from "@/lib/uptime/store";
import { combineLocationStatus } from "./combine";
import type { AgentResult } from "./protocol";
import type { AgentIdentity } from "./tokens";

interface HeldRow {
  checkId: string;
  serviceId: string;
  name: string;
  url: string;
  intervalSeconds: number;
  failuresBeforeDown: number;
  successesBeforeUp: number;
  locations: string[];
  downQuorum: number | null;
  combined: CheckStatus;
  status: CheckStatus;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  streakStartedAt: Date | null;
  nextRunAt: Date;
}

export interface AgentBatchOutcome {
  accepted: number;
  rejected: { checkId: string; reason: string }[];
}

const ms = (v: number | null) => (v === null ? null : Math.round(v));

export async function recordAgentResults(agent: AgentIdentity, results: readonly AgentResult[], pool: Pool = sqlPool()): Promise<AgentBatchOutcome> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const outcome = await recordInTransaction(client, agent, results);
    await client.query("COMMIT");
    if (outcome.serviceIds.length) {
      // The auto-verified checklist items these results are evidence for, as after a central round.
      await refreshAutoChecks(pool, outcome.serviceIds).catch((err: unknown) => log.error({ err }, "auto-verified checklist items could not be refreshed"));
    }
    return { accepted: outcome.accepted, rejected: outcome.rejected };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function recordInTransaction(client: PoolClient, agent: AgentIdentity, results: readonly AgentResult[]): Promise<AgentBatchOutcome & { serviceIds: string[] }> {
  const ids = [...new Set(results.map((r) => r.checkId))];
  // The check rows are locked too (in id order), so two locations' batches combine one after the other.
  const { rows: held } = await client.query<HeldRow>(
    `SELECT l."checkId", h."serviceId", h.name, h.url, h."intervalSeconds", h."failuresBeforeDown", h."successesBeforeUp",
            h.locations, h."downQuorum", h.status AS combined, l.status, l."consecutiveFailures", l."consecutiveSuccesses",
            l."streakStartedAt", l."nextRunAt"
       FROM "CheckLocationState" l JOIN "HealthCheck" h ON h.id = l."checkId"
      WHERE l.location = $1 AND l."checkId" = ANY($2) AND l."leaseHolder" = $3 AND l."leaseUntil" >= now()
      ORDER BY l."checkId"
      FOR UPDATE OF h, l`,
    [agent.location, ids, agent.id],
  );
  const byId = new Map(held.map((h) => [h.checkId, h]));
  const rejected: AgentBatchOutcome["rejected"] = [];
  const accepted: { r: AgentResult; h: HeldRow; at: Date; next: ReturnType<typeof nextCheckState> }[] = [];
  for (const r of results) {
    const h = byId.get(r.checkId);
    if (!h) {
      rejected.push({ checkId: r.checkId, reason: "no lease held by this agent (expired, or never claimed)" });
      continue;
    }
    byId.delete(r.checkId); // one result per claim
    // An agent's clock may run ahead: a result is never dated after its arrival.
    const at = new Date(Math.min(Date.parse(r.at), Date.now()));
    accepted.push({ r, h, at, next: nextCheckState(h, h, { at, outcome: r.outcome, errorMessage: r.errorMessage }) });
  }
  if (!accepted.length) return { accepted: 0, rejected, serviceIds: [] };

  const maintenance = await insertProbeResults(
    client,
    agent.location,
    accepted.map(({ r, h, at }) => ({ ...r, at, serviceId: h.serviceId })),
  );

  await client.query(
    `UPDATE "CheckLocationState" l SET status = r.status::"CheckStatus", "consecutiveFailures" = r.failures,
            "consecutiveSuccesses" = r.successes, "streakStartedAt" = r."streakStartedAt", "lastRunAt" = r.at,
            "nextRunAt" = r.next, "leaseUntil" = NULL, "leaseHolder" = NULL
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, status text, failures int, successes int, "streakStartedAt" timestamptz,
            at timestamptz, next timestamptz)
      WHERE l."checkId" = r.id AND l.location = $2`,
    [
      JSON.stringify(
        accepted.map(({ h, at, next }) => ({
          id: h.checkId,
          status: next.state.status,
          failures: next.state.consecutiveFailures,
          successes: next.state.consecutiveSuccesses,
          streakStartedAt: next.state.streakStartedAt,
          at,
          next: planNextRun(h.nextRunAt, at, h.intervalSeconds),
        })),
      ),
      agent.location,
    ],
  );

  // The combined status from every location's state (this batch's included), and its incident.
  const { rows: states } = await client.query<{ checkId: string; location: string; status: CheckStatus; streakStartedAt: Date | null }>(
    `SELECT "checkId", location, status, "streakStartedAt" FROM "CheckLocationState" WHERE "checkId" = ANY($1)`,
    [accepted.map((a) => a.h.checkId)],
  );
  const events: NewAlertEvent[] = [];
  const combinedRows = [];
  for (const { r, h, at } of accepted) {
    const combined = combineLocationStatus(
      states.filter((s) => s.checkId === h.checkId),
      h.locations,
      h.downQuorum,
    );
    combinedRows.push({ id: h.checkId, status: combined.status, at, latencyMs: ms(r.latencyMs), httpStatus: r.httpStatus, errorMessage: r.errorMessage, refusedReason: r.refusedReason, tlsExpiresAt: r.tlsExpiresAt, securityHeaders: r.securityHeaders });
    const facts = { id: h.checkId, serviceId: h.serviceId, name: h.name, url: h.url };
    if (combined.status === "down" && h.combined !== "down") {
      const firstError = r.errorMessage ?? "probe failed";
      const opened = await client.query<{ id: string; startedAt: Date; firstError: string }>(
        `INSERT INTO "Incident" (id, "serviceId", "checkId", "startedAt", "firstError", "lastError")
         VALUES ('inc_' || replace(gen_random_uuid()::text, '-', ''), $1, $2, $3, $4, $4)
         ON CONFLICT ("checkId") WHERE "endedAt" IS NULL DO NOTHING
         RETURNING id, "startedAt", "firstError"`,
        [h.serviceId, h.checkId, combined.downSince ?? at, firstError],
      );
      for (const row of opened.rows) events.push(checkDownEvent(facts, at, row));
    } else if (combined.status !== "down" && h.combined === "down") {
      const closed = await client.query<{ id: string; startedAt: Date; endedAt: Date }>(
        `UPDATE "Incident" SET "endedAt" = greatest($2::timestamptz, "startedAt") WHERE "checkId" = $1 AND "endedAt" IS NULL
         RETURNING id, "startedAt", "endedAt"`,
        [h.checkId, at],
      );
      for (const row of closed.rows) events.push(checkUpEvent(facts, at, row));
    } else if (combined.status === "down" && r.errorMessage) {
      await client.query(`UPDATE "Incident" SET "lastError" = $2 WHERE "checkId" = $1 AND "endedAt" IS NULL AND "lastError" IS DISTINCT FROM $2`, [h.checkId, r.errorMessage]);
    }
  }
  await client.query(
    `UPDATE "HealthCheck" h SET status = r.status::"CheckStatus", "lastRunAt" = r.at, "lastLatencyMs" = r."latencyMs",
            "lastHttpStatus" = r."httpStatus", "lastError" = r."errorMessage", "refusedReason" = r."refusedReason",
            "tlsExpiresAt" = CASE WHEN h.url LIKE 'https:%' THEN coalesce(r."tlsExpiresAt", h."tlsExpiresAt") ELSE NULL END,
            "securityHeaders" = coalesce(r."securityHeaders", h."securityHeaders")
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, status text, at timestamptz, "latencyMs" int, "httpStatus" int, "errorMessage" text,
            "refusedReason" text, "tlsExpiresAt" timestamptz, "securityHeaders" jsonb)
      WHERE h.id = r.id`,
    [JSON.stringify(combinedRows)],
  );
  await insertAlertEvents(client, events);
  await upsertRollups(
    client,
    rollupRows(
      accepted.map(({ r, at }, i) => ({
        checkId: r.checkId,
        at,
        outcome: r.outcome,
        latencyMs: r.outcome === "down" ? null : r.latencyMs,
        httpStatus: r.httpStatus,
        errorClass: r.errorClass,
        inMaintenance: maintenance.has(i),
      })),
    ),
    agent.location,
  );
  return { accepted: accepted.length, rejected, serviceIds: [...new Set(accepted.map((a) => a.h.serviceId))] };
}
