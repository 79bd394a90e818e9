/**
 * Writing a batch of probe results: raw results, each check's new state and next run time, incident
 * openings and closings, the alert events they raise (lib/probes/check-events.ts), and the
 * minute/hour/day rollups, in one transaction, so a crash leaves either the whole batch or none of it
 * (the checks of a lost batch are probed again when their lease ends).
 */
import type { Pool } from "pg";
import { insertAlertEvents } from "@/lib/alerts/store";
import type { NewAlertEvent } from "@/lib/alerts/types";
import { rollupRows } from "@/lib/uptime/rollup";
import { upsertRollups } from "@/lib/uptime/store";
import { checkDownEvent, checkUpEvent, probeEvents } from "./check-events";
import type { ClaimedCheck } from "./claims";
import { insertProbeResults } from "./insert-results";
import { lockChecks } from "./row-locks";
import { planNextRun } from "./schedule";
import type { ProbeErrorClass, ProbeOutcome } from "./evaluate";
import type { HttpProbeResult } from "./http-probe";
import type { CheckRunState, IncidentChange } from "./state";

/** What the HTTP probe measured, judged, with the check's new state. */
export interface CompletedProbe
  extends Pick<HttpProbeResult, "httpStatus" | "latencyMs" | "dnsMs" | "connectMs" | "tlsMs" | "firstByteMs" | "tlsExpiresAt" | "securityHeaders" | "refusedReason"> {
  check: ClaimedCheck;
  at: Date;
  outcome: ProbeOutcome;
  errorClass: ProbeErrorClass | null;
  errorMessage: string | null;
  state: CheckRunState;
  incident: IncidentChange;
}

const ms = (v: number | null) => (v === null ? null : Math.round(v));

export async function recordProbeBatch(pool: Pool, batch: readonly CompletedProbe[]): Promise<void> {
  if (batch.length === 0) return;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await lockChecks(client, batch.map((p) => p.check.id));
    const maintenance = await insertProbeResults(
      client,
      "central",
      batch.map((p) => ({ ...p, checkId: p.check.id, serviceId: p.check.serviceId })),
    );
    // Next run (planNextRun): one interval after the planned one when the probe started on time, one
    // interval after the probe when it started late, never a catch-up probe seconds after a late one.
    await client.query(
      `UPDATE "HealthCheck" h SET
         status = r.status::"CheckStatus",
         "consecutiveFailures" = r.failures,
         "consecutiveSuccesses" = r.successes,
         "streakStartedAt" = r."streakStartedAt",
         "lastRunAt" = r.at,
         "lastLatencyMs" = r."latencyMs",
         "lastHttpStatus" = r."httpStatus",
         "lastError" = r."errorMessage",
         "refusedReason" = r."refusedReason",
         "tlsExpiresAt" = CASE WHEN h.url LIKE 'https:%' THEN coalesce(r."tlsExpiresAt", h."tlsExpiresAt") ELSE NULL END,
         "securityHeaders" = coalesce(r."securityHeaders", h."securityHeaders"),
         -- an edit during the round set its own next run (now): keep it
         "nextRunAt" = CASE WHEN h."nextRunAt" <> r."planned" THEN h."nextRunAt" ELSE r.next END,
         "leaseUntil" = NULL
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, status text, failures int, successes int, "streakStartedAt" timestamptz,
            at timestamptz, "latencyMs" int, "httpStatus" int, "errorMessage" text, "refusedReason" text, "tlsExpiresAt" timestamptz,
            "securityHeaders" jsonb, planned timestamptz, next timestamptz)
       WHERE h.id = r.id`,
      [
        JSON.stringify(
          batch.map((p) => ({
            id: p.check.id,
            status: p.state.status,
            failures: p.state.consecutiveFailures,
            successes: p.state.consecutiveSuccesses,
            streakStartedAt: p.state.streakStartedAt,
            at: p.at,
            latencyMs: ms(p.latencyMs),
            httpStatus: p.httpStatus,
            errorMessage: p.errorMessage,
            refusedReason: p.refusedReason,
            tlsExpiresAt: p.tlsExpiresAt,
            securityHeaders: p.securityHeaders,
            planned: p.check.nextRunAt,
            next: planNextRun(p.check.nextRunAt, p.at, p.check.intervalSeconds),
          })),
        ),
      ],
    );
    // At most one open incident per check (a partial unique index): a check that already has one keeps
    // it, and the rest of the batch is written all the same.
    // Alert events come from what was actually written: an incident this batch opened or closed
    // (RETURNING), so a batch that finds the incident already open, or already closed, raises nothing.
    const byCheck = new Map(batch.map((p) => [p.check.id, p]));
    const events: NewAlertEvent[] = [];
    const opens = batch.flatMap((p) => (p.incident?.kind === "open" ? [{ checkId: p.check.id, serviceId: p.check.serviceId, startedAt: p.incident.startedAt, firstError: p.incident.firstError }] : []));
    if (opens.length) {
      const opened = await client.query<{ id: string; checkId: string; startedAt: Date; firstError: string }>(
        `INSERT INTO "Incident" (id, "serviceId", "checkId", "startedAt", "firstError", "lastError")
         SELECT 'inc_' || replace(gen_random_uuid()::text, '-', ''), r."serviceId", r."checkId", r."startedAt", r."firstError", r."firstError"
         FROM jsonb_to_recordset($1::jsonb) AS r("checkId" text, "serviceId" text, "startedAt" timestamptz, "firstError" text)
         ON CONFLICT ("checkId") WHERE "endedAt" IS NULL DO NOTHING
         RETURNING id, "checkId", "startedAt", "firstError"`,
        [JSON.stringify(opens)],
      );
      for (const row of opened.rows) {
        const p = byCheck.get(row.checkId)!;
        events.push(checkDownEvent(p.check, p.at, row));
      }
    }
    const closes = batch.flatMap((p) => (p.incident?.kind === "close" ? [{ checkId: p.check.id, endedAt: p.incident.endedAt }] : []));
    if (closes.length) {
      const closed = await client.query<{ id: string; checkId: string; startedAt: Date; endedAt: Date }>(
        `UPDATE "Incident" i SET "endedAt" = r."endedAt"
         FROM jsonb_to_recordset($1::jsonb) AS r("checkId" text, "endedAt" timestamptz)
         WHERE i."checkId" = r."checkId" AND i."endedAt" IS NULL
         RETURNING i.id, i."checkId", i."startedAt", i."endedAt"`,
        [JSON.stringify(closes)],
      );
      for (const row of closed.rows) {
        const p = byCheck.get(row.checkId)!;
        events.push(checkUpEvent(p.check, p.at, row));
      }
    }
    events.push(...probeEvents(batch));
    await insertAlertEvents(client, events);
    const stillDown = batch.flatMap((p) => (p.incident?.kind === "still-down" ? [{ checkId: p.check.id, lastError: p.incident.lastError }] : []));
    if (stillDown.length) {
      await client.query(
        `UPDATE "Incident" i SET "lastError" = r."lastError"
         FROM jsonb_to_recordset($1::jsonb) AS r("checkId" text, "lastError" text)
         WHERE i."checkId" = r."checkId" AND i."endedAt" IS NULL AND i."lastError" IS DISTINCT FROM r."lastError"`,
        [JSON.stringify(stillDown)],
      );
    }
    // Latency percentiles describe answers that counted: failed probes (timeouts above all) stay out, and
    // probes in maintenance count only as maintenance (left out of uptime and latency).
    await upsertRollups(
      client,
      rollupRows(
        batch.map((p, i) => ({
          checkId: p.check.id,
          at: p.at,
          outcome: p.outcome,
          latencyMs: p.outcome === "down" ? null : p.latencyMs,
          httpStatus: p.httpStatus,
          errorClass: p.errorClass,
          inMaintenance: maintenance.has(i),
        })),
      ),
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
