/**
 * "Send test": a `test` event for one channel, queued in the outbox like any other event, then sent at
 * once by a delivery round limited to that event, so the test goes through the same delivery as real
 * alerts (and shows in the channel's deliveries the same way). The answer is the delivery after that
 * first attempt: delivered, or retrying/failed with the target's error.
 */
import type { Actor } from "@/lib/auth/actor";
import type { AuditContext } from "@/lib/audit/record";
import type { PublicDelivery } from "./channel-public";
import { getDelivery, queueTestMessage } from "./channels";
import { runDeliveryRound, type DeliveryRoundOptions } from "./deliver";

export async function sendTestMessage(
  actor: Actor,
  teamId: string,
  channelId: string,
  ctx: Omit<AuditContext, "actor">,
  round: Pick<DeliveryRoundOptions, "senders" | "timeoutMs"> = {},
): Promise<PublicDelivery> {
  const { eventId, deliveryId } = await queueTestMessage(actor, teamId, channelId, ctx);
  await runDeliveryRound({ ...round, eventIds: [eventId] });
  return getDelivery(teamId, deliveryId);
}
