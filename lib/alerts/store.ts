/**
 * Writing alert events. Call these inside the transaction that makes the state change, so the event
 * exists exactly when the change does. `dedupeKey` is unique: a second write of the same change (an
 * overlapping round, another instance) inserts nothing. Triggers in the database fill the team from the
 * service, suppress check events in maintenance windows and create one AlertDelivery per matching channel
 * (migration 20261207030214_alerting).
 *
 * SQL writers may also insert into "AlertEvent" directly (id and teamId are filled by the trigger):
 *   INSERT INTO "AlertEvent" ("serviceId", type, "dedupeKey", "occurredAt", details) SELECT … ON CONFLICT ("dedupeKey") DO NOTHING
 */
import type { Pool, PoolClient } from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";
import { alertDetailsSchemas, type NewAlertEvent } from "./types";

const INSERT_EVENTS = `
  INSERT INTO "AlertEvent" (id, "teamId", "serviceId", type, "dedupeKey", "occurredAt", details, "channelId")
  SELECT NULL, e."teamId", e."serviceId", e.type, e."dedupeKey", e."occurredAt", e.details, e."channelId"
    FROM jsonb_to_recordset($1::jsonb) AS e("teamId" text, "serviceId" text, type text, "dedupeKey" text, "occurredAt" timestamptz, details jsonb, "channelId" text)
  ON CONFLICT ("dedupeKey") DO NOTHING
  RETURNING id`;

function rows(events: readonly NewAlertEvent[]): string {
  return JSON.stringify(
    events.map((e) => ({
      teamId: e.teamId ?? null,
      serviceId: e.serviceId,
      type: e.type,
      dedupeKey: e.dedupeKey,
      occurredAt: e.occurredAt.toISOString(),
      // a writer's mistake in the facts fails its transaction here, not a sender later
      details: alertDetailsSchemas[e.type].parse(e.details),
      channelId: e.channelId ?? null,
    })),
  );
}

/** On a pg client inside the caller's transaction (BEGIN … COMMIT). Returns the ids of new events. */
export async function insertAlertEvents(client: PoolClient | Pool, events: readonly NewAlertEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const result = await client.query<{ id: string }>(INSERT_EVENTS, [rows(events)]);
  return result.rows.map((r) => r.id);
}

/** The same on a Prisma transaction client (`db.$transaction(async (tx) => …)`). */
export async function insertAlertEventsTx(tx: Prisma.TransactionClient, events: readonly NewAlertEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const result = await tx.$queryRawUnsafe<{ id: string }[]>(INSERT_EVENTS, rows(events));
  return result.map((r) => r.id);
}
