/** A channel of the demo team with deliveries in every state, for the pages' audits and screenshots (e2e). */
import { appSql } from "./app";

/**
 * A disabled webhook channel (so no real event is sent to it) with a delivered, a retrying and a queued
 * test delivery, a last success and a last error. Returns a function that deletes it with its deliveries.
 */
export async function insertChannelWithDeliveries(id: string, name: string): Promise<() => Promise<void>> {
  await appSql(
    `INSERT INTO "AlertChannel" (id, "teamId", type, name, "urlSealed", "urlHint", "signingSecretSealed", events, enabled, "lastSuccessAt", "lastFailureAt", "lastError", "updatedAt")
     SELECT $1, id, 'webhook', $2, 'v1.fixture', 'https://relay.example.org/…', 'v1.fixture', ARRAY['check.down', 'check.up', 'backup.failed'], false,
            now() - interval '2 hours', now() - interval '4 minutes', 'HTTP 503 Service Unavailable', now()
       FROM "Team" WHERE slug = 'platform'`,
    [id, name],
  );
  for (let i = 0; i < 3; i++) {
    await appSql(
      `INSERT INTO "AlertEvent" ("teamId", type, "dedupeKey", "occurredAt", details, "channelId")
       SELECT "teamId", 'test', $2, now() - make_interval(mins => $3), jsonb_build_object('channelId', id, 'requestedBy', 'owner@example.com'), id FROM "AlertChannel" WHERE id = $1`,
      [id, `test:${id}:${i}`, 120 - i * 58],
    );
  }
  const deliveries = await appSql<{ id: string }>(`SELECT d.id FROM "AlertDelivery" d JOIN "AlertEvent" e ON e.id = d."eventId" WHERE d."channelId" = $1 ORDER BY e."occurredAt"`, [id]);
  await appSql(`UPDATE "AlertDelivery" SET status = 'delivered', attempts = 1, "lastStatus" = 204, "lastAttemptAt" = now() - interval '2 hours', "deliveredAt" = now() - interval '2 hours' WHERE id = $1`, [deliveries[0]!.id]);
  await appSql(
    `UPDATE "AlertDelivery" SET attempts = 2, "lastStatus" = 503, "lastError" = 'HTTP 503 Service Unavailable', "lastAttemptAt" = now() - interval '4 minutes', "nextAttemptAt" = now() + interval '6 minutes' WHERE id = $1`,
    [deliveries[1]!.id],
  );
  return async () => {
    await appSql(`DELETE FROM "AlertChannel" WHERE id = $1`, [id]);
  };
}
