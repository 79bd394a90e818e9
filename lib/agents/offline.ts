/**
 * agent.offline: a probe agent (not revoked) that has not polled for three poll times. Once per silence:
 * the dedupe key holds its last poll, so an agent that comes back and goes silent again warns again, and
 * overlapping sweeps raise it once. Run by the alert sweep (lib/alerts/sweep.ts).
 */
import type { Pool } from "pg";
import { insertAlertEvents } from "@/lib/alerts/store";
import type { NewAlertEvent } from "@/lib/alerts/types";
import { AGENT_POLL_SECONDS } from "./protocol";

export async function sweepAgentsOffline(pool: Pool, now: Date): Promise<number> {
  const { rows } = await pool.query<{ id: string; teamId: string; name: string; location: string; lastSeenAt: Date }>(
    `SELECT a.id, a."teamId", a.name, a.location, a."lastSeenAt"
       FROM "AgentToken" a JOIN "Team" t ON t.id = a."teamId" AND t."archivedAt" IS NULL
      WHERE a."revokedAt" IS NULL AND a."lastSeenAt" < $1::timestamptz - make_interval(secs => $2)`,
    [now, 3 * AGENT_POLL_SECONDS],
  );
  const events: NewAlertEvent[] = rows.map((a) => ({
    type: "agent.offline",
    serviceId: null,
    teamId: a.teamId,
    dedupeKey: `agent.offline:${a.id}:${a.lastSeenAt.toISOString()}`,
    occurredAt: now,
    details: { agentTokenId: a.id, name: a.name, location: a.location, lastSeenAt: a.lastSeenAt.toISOString() },
  }));
  return (await insertAlertEvents(pool, events)).length;
}
