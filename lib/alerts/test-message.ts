/**
 * "Send test": a `test` event for one channel, queued in the outbox like any other event, so the test goes
 * through the same delivery as real alerts (and shows in the channel's deliveries the same way).
 */
import type { Actor } from "@/lib/auth/actor";
import type { AuditContext } from "@/lib/audit/record";
import type { PublicDelivery } from "./channel-public";
import { getDelivery, queueTestMessage } from "./channels";

export async function sendTestMessage(actor: Actor, teamId: string, channelId: string, ctx: Omit<AuditContext, "actor">): Promise<PublicDelivery> {
  const { deliveryId } = await queueTestMessage(actor, teamId, channelId, ctx);
  return getDelivery(teamId, deliveryId);
}
