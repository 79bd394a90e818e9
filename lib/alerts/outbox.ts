/**
 * The outbox statements of the delivery round (docs/decisions/0024): claiming due deliveries with
 * SKIP LOCKED and a lease that covers one attempt, taking along the deliveries a grouped message
 * carries, recording an attempt's outcome (conditional on still holding the lease, so a delivery is
 * recorded delivered once however many rounds and instances run), and queueing reminders.
 */
import type { Pool } from "pg";
import type { AlertChannelType } from "@/lib/generated/prisma/enums";

/** Margin on top of the send timeout before a lease runs out: loading the message and recording it. */
export const LEASE_MARGIN_SECONDS = 5;

/** A due delivery, claimed for one attempt: the round owns it until `leaseUntil`. */
export interface ClaimedDelivery {
  id: string;
  eventId: string;
  channelId: string;
  /** 0 for the event itself, n for its n-th reminder */
  sequence: number;
  /** attempts made before this one */
  attempts: number;
  createdAt: Date;
  leaseUntil: Date;
  /** the database's clock at the claim: the time of this attempt */
  claimedAt: Date;
  channelType: AlertChannelType;
  groupSeconds: number;
  serviceId: string | null;
  occurredAt: Date;
  /** set on deliveries taken along with another one for a grouped message */
  primaryId?: string;
}

const RETURNING = `d.id, d."eventId", d."channelId", d.sequence, d.attempts, d."createdAt", d."leaseUntil", now() AS "claimedAt",
                   c.type AS "channelType", c."groupSeconds", e."serviceId", e."occurredAt"`;

/**
 * Claim up to `limit` due deliveries, the most overdue first. `eventIds` limits the claim to those
 * events' deliveries ("Send test"). Due allows a millisecond: a delivery queued with now() is stored
 * rounded to the millisecond and may round up past the next statement's now().
 */
export async function claimDueDeliveries(pool: Pool, limit: number, eventIds: readonly string[] | null, leaseSeconds: number): Promise<ClaimedDelivery[]> {
  const { rows } = await pool.query<ClaimedDelivery>(
    `UPDATE "AlertDelivery" d
        SET "leaseUntil" = now() + make_interval(secs => $3)
       FROM (SELECT id FROM "AlertDelivery"
              WHERE status = 'pending' AND "nextAttemptAt" <= now() + interval '1 millisecond'
                AND ("leaseUntil" IS NULL OR "leaseUntil" < now())
                AND ($2::text[] IS NULL OR "eventId" = ANY ($2::text[]))
              ORDER BY "nextAttemptAt"
              LIMIT $1
              FOR UPDATE SKIP LOCKED) due, "AlertEvent" e, "AlertChannel" c
      WHERE d.id = due.id AND e.id = d."eventId" AND c.id = d."channelId"
      RETURNING ${RETURNING}`,
    [limit, eventIds, leaseSeconds],
  );
  return rows;
}

/**
 * For claimed first attempts of grouped channels: claim the channel's other pending first attempts for
 * the same service whose events occurred within its groupSeconds, due or not yet (the trigger holds them
 * back by groupSeconds so they can be taken along). Each comes back with the primary it goes with.
 */
export async function claimGroupedDeliveries(pool: Pool, primaries: readonly ClaimedDelivery[], leaseSeconds: number): Promise<ClaimedDelivery[]> {
  if (primaries.length === 0) return [];
  const { rows } = await pool.query<ClaimedDelivery>(
    `UPDATE "AlertDelivery" d
        SET "leaseUntil" = now() + make_interval(secs => $2)
       FROM (SELECT o.id, p.id AS "primaryId"
               FROM jsonb_to_recordset($1::jsonb) AS p(id text, "channelId" text, "serviceId" text, "occurredAt" timestamptz, "groupSeconds" int)
               JOIN "AlertDelivery" o ON o."channelId" = p."channelId" AND o.id <> p.id AND o.status = 'pending'
                                     AND o.attempts = 0 AND o.sequence = 0 AND (o."leaseUntil" IS NULL OR o."leaseUntil" < now())
               JOIN "AlertEvent" oe ON oe.id = o."eventId" AND oe."serviceId" = p."serviceId"
                                   AND oe."occurredAt" BETWEEN p."occurredAt" - make_interval(secs => p."groupSeconds")
                                                           AND p."occurredAt" + make_interval(secs => p."groupSeconds")
                FOR UPDATE OF o SKIP LOCKED) g, "AlertEvent" e, "AlertChannel" c
      WHERE d.id = g.id AND e.id = d."eventId" AND c.id = d."channelId"
      RETURNING ${RETURNING}, g."primaryId"`,
    [JSON.stringify(primaries.map((p) => ({ id: p.id, channelId: p.channelId, serviceId: p.serviceId, occurredAt: p.occurredAt, groupSeconds: p.groupSeconds }))), leaseSeconds],
  );
  return rows;
}

/** The outcome of one attempt at one delivery. `nextAttemptAt` null on a failure: give up (failed). */
export interface AttemptOutcome {
  delivery: ClaimedDelivery;
  ok: boolean;
  status: number | null;
  error: string | null;
  nextAttemptAt: Date | null;
}

/**
 * Record the attempt of one message in one statement: each delivery delivered, or rescheduled, or
 * failed, its lease cleared, and the channel's last success / last failure. Only deliveries whose lease
 * this round still holds are written (a round that lost its lease to another one writes nothing: that
 * one records the delivery). Returns the deliveries written with their new status.
 */
export async function recordAttempts(pool: Pool, outcomes: readonly AttemptOutcome[]): Promise<{ id: string; status: "pending" | "delivered" | "failed" }[]> {
  if (outcomes.length === 0) return [];
  const { rows } = await pool.query<{ id: string; status: "pending" | "delivered" | "failed" }>(
    `WITH r AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, lease timestamptz, at timestamptz, ok boolean, status int, error text, next timestamptz)
     ), done AS (
       UPDATE "AlertDelivery" d SET
         status = (CASE WHEN r.ok THEN 'delivered' WHEN r.next IS NULL THEN 'failed' ELSE 'pending' END)::"AlertDeliveryStatus",
         attempts = d.attempts + 1,
         "lastAttemptAt" = r.at,
         "lastStatus" = r.status,
         "lastError" = CASE WHEN r.ok THEN d."lastError" ELSE r.error END,
         "deliveredAt" = CASE WHEN r.ok THEN now() END,
         "nextAttemptAt" = coalesce(r.next, d."nextAttemptAt"),
         "leaseUntil" = NULL
       FROM r
       WHERE d.id = r.id AND d.status = 'pending' AND d."leaseUntil" = r.lease
       RETURNING d.id, d."channelId", d.status, r.ok, r.error
     ), channel AS (
       UPDATE "AlertChannel" c SET
         "lastSuccessAt" = CASE WHEN s.succeeded THEN now() ELSE c."lastSuccessAt" END,
         "lastFailureAt" = CASE WHEN s.error IS NOT NULL THEN now() ELSE c."lastFailureAt" END,
         "lastError" = coalesce(s.error, c."lastError")
       FROM (SELECT "channelId", bool_or(ok) AS succeeded, max(error) FILTER (WHERE NOT ok) AS error FROM done GROUP BY "channelId") s
       WHERE c.id = s."channelId"
         -- Every delivery to a channel would otherwise lock its one row until commit, and all messages
         -- to the channel would record one after another. A success is written at most once a second
         -- (always the first after a failure); failures every time.
         AND (s.error IS NOT NULL OR c."lastSuccessAt" IS NULL OR c."lastSuccessAt" < now() - interval '1 second'
              OR c."lastSuccessAt" < c."lastFailureAt")
     )
     SELECT id, status::text AS status FROM done`,
    [
      JSON.stringify(
        outcomes.map((o) => ({
          id: o.delivery.id,
          lease: o.delivery.leaseUntil,
          at: o.delivery.claimedAt,
          ok: o.ok,
          status: o.status,
          error: o.ok ? null : (o.error ?? "failed"),
          next: o.ok ? null : o.nextAttemptAt,
        })),
      ),
    ],
  );
  return rows;
}

/**
 * Reminders: for each channel with reminderMinutes and each check.down event whose incident is still
 * open, the next reminder (sequence n + 1) once the last one (or the event's own delivery) was queued
 * reminderMinutes ago and is no longer pending. The unique (eventId, channelId, sequence) makes two
 * rounds queue it once. None while the service is in a maintenance window. Returns how many were queued.
 */
export async function queueReminders(pool: Pool): Promise<number> {
  const { rowCount } = await pool.query(
    `INSERT INTO "AlertDelivery" (id, "eventId", "channelId", sequence, "nextAttemptAt")
     SELECT 'dlv_' || replace(gen_random_uuid()::text, '-', ''), l."eventId", l."channelId", l.sequence + 1, now()
       FROM (SELECT DISTINCT ON (d."eventId", d."channelId") d."eventId", d."channelId", d.sequence, d.status, d."createdAt", c."reminderMinutes"
               FROM "Incident" i
               JOIN "AlertEvent" e ON e."dedupeKey" = 'check.down:' || i.id
               JOIN "AlertDelivery" d ON d."eventId" = e.id
               JOIN "AlertChannel" c ON c.id = d."channelId" AND c."reminderMinutes" IS NOT NULL AND c.enabled
              WHERE i."endedAt" IS NULL
                AND NOT EXISTS (SELECT 1 FROM "MaintenanceWindow" w WHERE w."serviceId" = i."serviceId" AND w."startsAt" <= now() AND w."endsAt" > now())
              ORDER BY d."eventId", d."channelId", d.sequence DESC) l
      WHERE l.status <> 'pending' AND l."createdAt" + make_interval(mins => l."reminderMinutes") <= now()
     ON CONFLICT ("eventId", "channelId", sequence) DO NOTHING`,
  );
  return rowCount ?? 0;
}
