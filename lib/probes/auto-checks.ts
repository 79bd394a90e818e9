/**
 * Keeping auto-verified checklist items true to the evidence. After probes land, each auto-check item of
 * the services concerned is re-evaluated: an open item with evidence becomes done ("verified
 * automatically"), an item that was verified automatically goes back to open when the evidence goes
 * away, each with an audit entry. Items a person marked done or N/A are theirs: only their evidence
 * text is refreshed.
 */
import type { Pool } from "pg";
import { decodeHistogram, percentile } from "@/lib/uptime/histogram";
import { evaluateAutoCheck, type AutoCheckKind, type CheckEvidence, type ServiceEvidence } from "./auto-check-rules";

interface AutoItem {
  id: string;
  serviceId: string;
  teamId: string;
  key: string;
  autoCheck: AutoCheckKind;
  autoCheckParam: number | null;
  state: "open" | "done" | "na";
  autoVerifiedAt: Date | null;
  autoEvidence: { summary?: string; verified?: boolean } | null;
  version: number;
}

/**
 * Evidence as of `now` (the caller's clock, not the database's): the latency window is the hour rollups
 * that start in the 24 hours up to `now`, the hour in progress included.
 */
async function evidenceFor(pool: Pool, serviceIds: string[], needLatency: Set<string>, now: Date): Promise<Map<string, ServiceEvidence>> {
  const [checks, latency] = await Promise.all([
    pool.query<CheckEvidence & { serviceId: string }>(
      `SELECT "serviceId", name, url, status, "lastRunAt", "lastError", "tlsExpiresAt", "securityHeaders"
       FROM "HealthCheck" WHERE "serviceId" = ANY($1) AND enabled`,
      [serviceIds],
    ),
    needLatency.size
      ? pool.query<{ serviceId: string; hist: number[] }>(
          `SELECT c."serviceId", preflight_hist_sum(r."latencyHist") AS hist
           FROM "ProbeRollup" r JOIN "HealthCheck" c ON c.id = r."checkId"
           WHERE c."serviceId" = ANY($1) AND c.enabled AND r.granularity = 'hour' AND r."bucketStart" >= $2::timestamptz - interval '24 hours' AND r."bucketStart" <= $2::timestamptz
           GROUP BY c."serviceId"`,
          [[...needLatency], now],
        )
      : Promise.resolve({ rows: [] as { serviceId: string; hist: number[] }[] }),
  ]);
  const out = new Map<string, ServiceEvidence>(serviceIds.map((id) => [id, { checks: [], latencyP95Ms: null }]));
  for (const c of checks.rows) (out.get(c.serviceId)!.checks as CheckEvidence[]).push(c);
  for (const l of latency.rows) out.get(l.serviceId)!.latencyP95Ms = percentile(decodeHistogram(l.hist), 95);
  return out;
}

export async function refreshAutoChecks(pool: Pool, serviceIds: string[], now = new Date()): Promise<{ verified: number; unverified: number }> {
  const { rows: items } = await pool.query<AutoItem>(
    `SELECT i.id, i."serviceId", s."teamId", i.key, i."autoCheck", i."autoCheckParam", i.state, i."autoVerifiedAt", i."autoEvidence", i.version
     FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId"
     WHERE i."serviceId" = ANY($1) AND i."autoCheck" IS NOT NULL AND i."archivedAt" IS NULL`,
    [serviceIds],
  );
  if (items.length === 0) return { verified: 0, unverified: 0 };
  const evidence = await evidenceFor(pool, [...new Set(items.map((i) => i.serviceId))], new Set(items.filter((i) => i.autoCheck === "latency_p95_under").map((i) => i.serviceId)), now);
  let verified = 0;
  let unverified = 0;
  for (const item of items) {
    const verdict = evaluateAutoCheck(item.autoCheck, item.autoCheckParam, evidence.get(item.serviceId)!, now);
    const evidenceJson = { ...verdict, checkedAt: now.toISOString() };
    const flipToDone = verdict.verified && item.state === "open";
    const flipToOpen = !verdict.verified && item.state === "done" && item.autoVerifiedAt !== null;
    if (flipToDone || flipToOpen) {
      const state = flipToDone ? "done" : "open";
      // Same shape as a person's change (lib/checklists/items.ts): one statement, versioned, audited.
      const { rowCount } = await pool.query(
        `WITH updated AS (
           UPDATE "ServiceChecklistItem" SET state = $1::"ItemState", "naReason" = NULL, "autoVerifiedAt" = $2, "autoEvidence" = $3::jsonb,
                  version = version + 1, "updatedById" = NULL, "updatedAt" = $4
           WHERE id = $5 AND version = $6
           RETURNING id, state, version
         )
         INSERT INTO "AuditEvent" (at, "teamId", "serviceId", "actorEmail", via, action, "targetType", "targetId", before, after)
         SELECT $4, $7, $8, 'probes', 'system'::"AuditVia", $9, 'checklist_item', $10,
                jsonb_build_object('state', $11::text, 'version', $6::int),
                jsonb_build_object('state', u.state, 'version', u.version, 'evidence', $12::text)
         FROM updated u`,
        [state, flipToDone ? now : null, JSON.stringify(evidenceJson), now, item.id, item.version, item.teamId, item.serviceId,
         flipToDone ? "checklist.auto_verified" : "checklist.auto_unverified", item.key, item.state, verdict.summary],
      );
      if (rowCount) {
        if (flipToDone) verified++;
        else unverified++;
      }
    } else if (item.autoEvidence?.summary !== verdict.summary || item.autoEvidence?.verified !== verdict.verified) {
      await pool.query(`UPDATE "ServiceChecklistItem" SET "autoEvidence" = $1::jsonb WHERE id = $2`, [JSON.stringify(evidenceJson), item.id]);
    }
  }
  return { verified, unverified };
}
