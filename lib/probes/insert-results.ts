import type { PoolClient } from "pg";
import type { ProbeErrorClass, ProbeOutcome } from "./evaluate";

/** One probe result as the central rounds and the agents' batches write it. */
export interface ProbeResultRow {
  checkId: string;
  serviceId: string;
  at: Date | string;
  outcome: ProbeOutcome;
  httpStatus: number | null;
  latencyMs: number | null;
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  firstByteMs: number | null;
  errorClass: ProbeErrorClass | null;
  errorMessage: string | null;
  tlsExpiresAt: Date | string | null;
  securityHeaders: unknown;
}

const ms = (v: number | null) => (v === null ? null : Math.round(v));

/**
 * Inserts the results probed at `location`, in the caller's transaction, and answers the indexes of those
 * that fell in a maintenance window. Maintenance is decided here, by the window open at each probe's own
 * time (EXISTS on MaintenanceWindow): the result is marked, and the rollups count it as maintenance only.
 */
export async function insertProbeResults(client: PoolClient, location: string, rows: readonly ProbeResultRow[]): Promise<Set<number>> {
  const { rows: inMaintenance } = await client.query<{ i: number }>(
    `WITH r AS (
       SELECT r.*, EXISTS (SELECT 1 FROM "MaintenanceWindow" w
                            WHERE w."serviceId" = r."serviceId" AND w."startsAt" <= r.at AND w."endsAt" > r.at) AS "inMaintenance"
       FROM jsonb_to_recordset($1::jsonb) AS r(i int, "checkId" text, "serviceId" text, at timestamptz, outcome text, "httpStatus" int,
            "latencyMs" int, "dnsMs" int, "connectMs" int, "tlsMs" int, "firstByteMs" int, "errorClass" text, "errorMessage" text,
            "tlsExpiresAt" timestamptz, "securityHeaders" jsonb)
     ), inserted AS (
       INSERT INTO "ProbeResult" ("checkId", location, at, outcome, "httpStatus", "latencyMs", "dnsMs", "connectMs", "tlsMs", "firstByteMs",
                                  "errorClass", "errorMessage", "tlsExpiresAt", "securityHeaders", "inMaintenance")
       SELECT r."checkId", $2, r.at, r.outcome::"ProbeOutcome", r."httpStatus", r."latencyMs", r."dnsMs", r."connectMs", r."tlsMs",
              r."firstByteMs", r."errorClass"::"ProbeErrorClass", r."errorMessage", r."tlsExpiresAt", r."securityHeaders", r."inMaintenance"
       FROM r
     )
     SELECT i FROM r WHERE "inMaintenance"`,
    [
      JSON.stringify(
        rows.map((r, i) => ({
          i,
          checkId: r.checkId,
          serviceId: r.serviceId,
          at: r.at,
          outcome: r.outcome,
          httpStatus: r.httpStatus,
          latencyMs: ms(r.latencyMs),
          dnsMs: ms(r.dnsMs),
          connectMs: ms(r.connectMs),
          tlsMs: ms(r.tlsMs),
          firstByteMs: ms(r.firstByteMs),
          errorClass: r.errorClass,
          errorMessage: r.errorMessage,
          tlsExpiresAt: r.tlsExpiresAt,
          securityHeaders: r.securityHeaders,
        })),
      ),
      location,
    ],
  );
  return new Set(inMaintenance.map((r) => r.i));
}
